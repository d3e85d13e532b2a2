/**
 * Every Overview bundle carries a static text/html (inline SVG, no script) and
 * a text/plain summary, so a notebook reads on GitHub, nbviewer and after a
 * headless run; and the payload is Facets' proto, parsed by the real one.
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { overviewBundle } from '../../kernel/src/display/overview.js';
import { TsmlMime } from '../../kernel/src/mime/index.js';
import { oracle } from '../stats/helpers.js';

const train = aq.table({
  age: Float64Array.from({ length: 200 }, (_, i) => (i % 20 === 0 ? NaN : 20 + (i % 50))),
  '<img src=x onerror=alert(1)>': Array.from({ length: 200 }, (_, i) => `v${i % 3}`),
  city: Array.from({ length: 200 }, (_, i) => `city-${i % 40}`),
});
const test = aq.table({ age: Float64Array.from({ length: 100 }, (_, i) => 60 + (i % 30)), city: Array.from({ length: 100 }, (_, i) => `city-${i % 40}`) });

describe('display.overview bundle', () => {
  const bundle = overviewBundle([train, test], { names: ['train', 'test'] });
  const html = bundle['text/html'];

  it('carries the proto payload, static HTML and plain text', () => {
    expect(Object.keys(bundle).sort()).toEqual([TsmlMime.overview, 'text/html', 'text/plain'].sort());
    const parsed = oracle(bundle[TsmlMime.overview]);
    expect(parsed.parseError).toBeUndefined();
    expect(parsed.ours.datasets.map((d: any) => d.name)).toEqual(['train', 'test']);
  });

  it('static HTML has no script and escapes names from the data', () => {
    expect(html).not.toMatch(/<script/i);
    // No event-handler attribute on any tag (quoted attribute values, escaped, may mention one).
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('static HTML has both sections, one tbody per feature with a row per dataset, and inline SVG charts', () => {
    expect(html).toContain('Numeric features (1)');
    expect(html).toContain('Categorical features (2)');
    expect(html.match(/<tbody class="tsml-ov-feature"/g)).toHaveLength(3);
    expect(html.match(/<svg /g)).toHaveLength(3);
    // 'city' has 40 unique values: a cumulative curve, not bars.
    expect(html).toContain('aria-label="city cumulative share by rank"');
    expect(html).toContain('aria-label="age distribution"');
  });

  it('marks in red: missing over 2 % (with NaN), a feature absent from one dataset, and the age shift', () => {
    expect(html).toMatch(/<td class="tsml-ov-red"><strong>5% \(NaN\)<\/strong><\/td>/);
    expect(html).toMatch(/<td class="tsml-ov-red"><strong>100%<\/strong><\/td>/);
    expect(html).toMatch(/class="tsml-ov-name tsml-ov-red"><div>age <span class="tsml-ov-badge/);
  });

  it('text/plain lists every feature per dataset with its warnings', () => {
    const text = bundle['text/plain'];
    expect(text.split('\n')[0]).toBe('Overview: train (200 rows), test (100 rows); 3 features');
    expect(text).toContain('  age (float)  [! distribution shift]');
    expect(text).toMatch(/train: count 190 {2}missing 5% .* \[! missing > 2%, NaN present\]/);
    expect(text).toMatch(/test: count 0 {2}missing 100% {2}\[! missing > 2%, no values\]/);
  });

  it('rejects what is neither tables nor statistics, saying what to pass', () => {
    expect(() => overviewBundle([train, 42 as never])).toThrow(/item 1 is not a table.*arquero tables/);
    expect(() => overviewBundle({ foo: 1 } as never)).toThrow(/DatasetFeatureStatisticsList/);
    expect(() => overviewBundle('{nope')).toThrow(/not JSON.*MessageToJson/);
  });
});

describe('display.overview on hostile tables', () => {
  it('renders an empty table, all-NaN, constant, infinite and mixed-type columns without failing', () => {
    const n = 50;
    const hostile = aq.table({
      allNaN: Float64Array.from({ length: n }, () => NaN),
      constant: Float64Array.from({ length: n }, () => 7.25),
      spiky: Float64Array.from({ length: n }, (_, i) => (i === 3 ? Infinity : i === 4 ? -Infinity : i)),
      mixed: Array.from({ length: n }, (_, i) => (i % 2 ? `s${i}` : i)),
    });
    const bundle = overviewBundle([hostile, aq.table({})], { names: ['hostile', 'empty'] });
    const text = bundle['text/plain'];
    expect(text).toMatch(/allNaN \(float\)\n {4}hostile: count 0 {2}missing 100% {2}\[! missing > 2%, no values, NaN present\]/);
    expect(text).toMatch(/spiky \(float\)\n {4}hostile: count 50 .*mean NaN .*min −∞ .*max ∞ {2}\[! ±Infinity present\]/);
    expect(text).toMatch(/constant \(float\)\n {4}hostile: count 50 .*std 0 /);
    expect(text).toContain('empty: count 0  missing 0%');
    const html = bundle['text/html'];
    expect(html).toContain('aria-label="allNaN distribution: no values"');
    expect(html.match(/<tbody class="tsml-ov-feature"/g)).toHaveLength(4);
    // No non-finite SVG geometry.
    expect(html).not.toMatch(/ (x|y|x1|x2|y1|y2|cx|cy|width|height|points)="[^"]*(NaN|Infinity)/);
  });
});

describe('display.overview of Parquet files', () => {
  it('streams the statistics of train/test Parquet files into the same bundle as the tables give', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { overviewFileBundle } = await import('../../kernel/src/display/overview.js');
    const { readParquet } = await import('../../kernel/src/data/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'tsml-ov-pq-'));
    const script = [
      'import sys, numpy as np, pyarrow as pa, pyarrow.parquet as pq',
      'r = np.random.default_rng(1)',
      'for name, shift in (("train", 0), ("test", 3)):',
      '    x = r.normal(shift, 1, 5000); x[::50] = np.nan',
      '    pq.write_table(pa.table({"x": x, "c": r.choice(["a", "b", "c"], 5000)}), f"{sys.argv[1]}/{name}.parquet", row_group_size=1000)',
    ].join('\n');
    execFileSync(join(process.cwd(), '.venv', 'bin', 'python'), ['-c', script, dir]);
    const files = ['train', 'test'].map((n) => join(dir, `${n}.parquet`));
    const streamed = await overviewFileBundle(files, { names: ['train', 'test'] });
    const inMemory = overviewBundle(await Promise.all(files.map((f) => readParquet(f))), { names: ['train', 'test'] });
    expect(streamed['text/plain']).toBe(inMemory['text/plain']);
    expect(streamed['text/plain']).toContain('x (float)  [! distribution shift]');
    await expect(overviewFileBundle(files, { weights: 'x' })).rejects.toThrow(/weights.*readParquet/);
    expect(() => overviewBundle(files as never)).toThrow(/await it/);
  });
});
