/**
 * danfo.js interop with the real danfojs package (a dev dependency: its xlsx
 * dependency points outside the registry, so the root package.json overrides
 * it with the registry's xlsx 0.18.5).
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import * as aq from 'arquero';
import { fromDanfo, toDanfo, isDanfo } from '../../kernel/src/data/danfo.js';
import { tableBundle } from '../../kernel/src/data/render/display.js';

const dfd = createRequire(import.meta.url)('danfojs');

describe('danfo.js interop', () => {
  it('converts a DataFrame and a Series to tables', () => {
    const df = new dfd.DataFrame({ a: [1, 2, NaN], b: ['x', 'y', 'z'] });
    expect(isDanfo(df)).toBe(true);
    const t = fromDanfo(df);
    expect(t.columnNames()).toEqual(['a', 'b']);
    expect(t.objects()).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }, { a: NaN, b: 'z' }]);
    expect(fromDanfo(df['b']).objects()).toEqual([{ b: 'x' }, { b: 'y' }, { b: 'z' }]);
  });

  it('converts a table to a DataFrame and back without loss', () => {
    const t = aq.table({ n: [1.5, 2.5], s: ['p', 'q'] });
    const df = toDanfo(t, dfd) as any;
    expect(df.shape).toEqual([2, 2]);
    expect(df.columns).toEqual(['n', 's']);
    expect(fromDanfo(df).objects()).toEqual(t.objects());
  });

  it('finds danfo itself when not passed, and renders frames through the table display', () => {
    const df = toDanfo(aq.table({ x: [1, 2, 3] })) as any;
    expect(df.constructor.name).toBe('DataFrame');
    const bundle = tableBundle(fromDanfo(df));
    expect(bundle['text/html']).toContain('3 rows × 1 column');
  });
});
