/** The static fallback of display.dive: a PNG of the first view with SVG labels (no script), and a text summary. */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { PNG } from 'pngjs';
import { census } from '@tsml/datasets';
import { buildDive } from '../../kernel/src/display/dive.js';
import { TsmlMime, type DivePayload } from '../../kernel/src/mime/index.js';
import { columnFromBytes, fromBase64, numbersOf, type NumberColumn } from '../../kernel/src/dive/index.js';

const adult = census({ n: 3000, seed: 3 });

function pngOf(html: string): PNG {
  const m = html.match(/href="data:image\/png;base64,([^"]+)"/);
  expect(m).not.toBeNull();
  return PNG.sync.read(Buffer.from(m![1], 'base64'));
}

describe('display.dive bundle', () => {
  it('carries the payload, an HTML snapshot without script and a text summary', () => {
    const { bundle } = buildDive(adult, { color: 'income', x: 'age', y: 'hours_per_week', row: 'sex' });
    const payload = bundle[TsmlMime.dive] as DivePayload;
    expect(payload).toMatchObject({ version: 1, height: 480, rows: 3000, sample: null, view: { layout: 'scatter', x: 'age', y: 'hours_per_week', color: 'income', row: 'sex' } });
    expect(payload.columns.map((c) => c.name)).toEqual(adult.columnNames());
    const html = bundle['text/html'] as string;
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('>Female<');
    expect(html).toContain('>Male<');
    expect(html).toMatch(/<b>income<\/b>: .*&lt;=50K/);
    const png = pngOf(html);
    expect([png.width, png.height]).toEqual([760, 480]);
    // Points in the two income colours are drawn.
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) colours.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
    expect(colours.has(0x4e79a7)).toBe(true);
    expect(colours.has(0xf28e2b)).toBe(true);
    expect(bundle['text/plain']).toBe([
      'Dive of 3,000 rows × 15 columns',
      'scatter: x = age, y = hours_per_week',
      'facets: rows = sex (2)',
      'color: income',
      `  income: <=50K ${payload.data!.income.info.kind === 'category' && (payload.data!.income.info as { counts: number[] }).counts[0].toLocaleString('en-US')} · >50K ${(payload.data!.income.info as { counts: number[] }).counts[1].toLocaleString('en-US')}`,
    ].join('\n'));
  });

  it('embeds the first view’s columns for small tables, exactly', () => {
    const { bundle } = buildDive(adult, { color: 'income', x: 'age', y: 'hours_per_week' });
    const payload = bundle[TsmlMime.dive] as DivePayload;
    expect(Object.keys(payload.data!).sort()).toEqual(['age', 'hours_per_week', 'income']);
    const age = columnFromBytes(payload.data!.age.info, fromBase64(payload.data!.age.base64), 3000) as NumberColumn;
    expect(age.info.dtype).toBe('uint8');
    expect(Array.from(numbersOf(age))).toEqual(adult.array('age'));
    const none = buildDive(adult, { color: 'income', embedBytes: 0 }).bundle[TsmlMime.dive] as DivePayload;
    expect(none.data).toBeUndefined();
  });

  it('fails on an option it does not take, naming the one meant', () => {
    expect(() => buildDive(adult, { colour: 'income' } as never)).toThrow(/display\.dive: unknown option 'colour' \(did you mean 'color'\?\); it takes: row, column/);
    expect(() => buildDive(adult, { x: 'age', y_axis: 'hours_per_week' } as never)).toThrow(/unknown option 'y_axis'/);
  });

  it('samples above the cap, with the seed in the payload and a note in the summary', () => {
    const { bundle, source } = buildDive(adult, { cap: 500, seed: 9, color: 'sex' });
    const payload = bundle[TsmlMime.dive] as DivePayload;
    expect(payload.rows).toBe(500);
    expect(payload.sample).toEqual({ of: 3000, seed: 9 });
    expect(source.shown).toHaveLength(500);
    expect(bundle['text/plain']).toContain('showing a seeded sample of 500 rows (seed 9)');
  });

  it('bad input gets a message that says what to do', () => {
    expect(() => buildDive(adult, { color: 'incme' })).toThrow("unknown column 'incme' for color; the table has: age, workclass");
    expect(() => buildDive(adult.filter(() => false))).toThrow(/no rows; nothing to show/);
    expect(() => buildDive([{ a: 1 }])).toThrow(/expected a table .* got an array/);
    expect(() => buildDive(adult, { cap: 0 })).toThrow(/cap must be a whole number ≥ 1/);
  });

  it('all-missing and infinite columns lay out without failing', () => {
    const t = aq.table({ x: [NaN, NaN, NaN], y: [1, Infinity, -Infinity], s: [null, null, null] });
    const { bundle } = buildDive(t, { x: 'x', y: 'y', color: 's', row: 's' });
    expect(bundle['text/plain']).toContain('Dive of 3 rows × 3 columns');
    const html = bundle['text/html'] as string;
    expect(html).toContain('>+∞<');
    expect(html).toContain('>(missing)<');
  });
});
