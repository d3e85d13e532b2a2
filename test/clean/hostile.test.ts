/**
 * The cleaning panels' payloads and fallbacks on hostile tables: all missing,
 * nothing missing, one row, a constant column, ±Infinity, 100 k distinct
 * strings, 200 columns, an empty table. Each builds, renders static HTML and
 * text, and says what it found.
 */
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { missingPayload } from '../../kernel/src/display/missing.js';
import { outliersCompute, outliersFor } from '../../kernel/src/display/outliers.js';
import { missingFor } from '../../kernel/src/display/missing.js';
import { missingHtml, missingText } from '../../kernel/src/missing/index.js';
import { outliersHtml, outliersText } from '../../kernel/src/outliers/index.js';
import { fences, sentinels, duplicates, nullity, nullityCorrelation, nullityDendrogram } from '../../kernel/src/stats/index.js';

const both = (t: aq.ColumnTable) => {
  const m = missingPayload(t);
  const o = outliersCompute(t).payload;
  const html = missingHtml(m) + outliersHtml(o);
  expect(html).not.toContain('NaN');
  expect(html).not.toContain('<script');
  return { m, o, mText: missingText(m), oText: outliersText(o) };
};

describe('hostile tables', () => {
  it('all missing', () => {
    const t = aq.table({ a: [null, null, null], b: Float64Array.from([NaN, NaN, NaN]) });
    const { m, o, mText } = both(t);
    expect(m.columns.map((c) => c.missing)).toEqual([3, 3]);
    expect(m.correlation).toBeNull(); // missingno drops always-empty columns
    expect(mText).toContain('6 of 6 values missing (100%)');
    expect(o.columns[0].count).toBe(0);
    expect(o.scores).toEqual([]);
  });

  it('nothing missing: no bars, no heatmap, a flat dendrogram', () => {
    const t = aq.table({ a: [1, 2, 3, 4], b: ['x', 'y', 'x', 'y'] });
    const { m } = both(t);
    expect(m.columns.every((c) => c.missing === 0)).toBe(true);
    expect(m.correlation).toBeNull();
    expect(m.dendrogram.merges.every((z) => z[2] === 0)).toBe(true);
    expect(missingHtml(m)).toContain('No missing values in any column.');
  });

  it('one row', () => {
    const t = aq.table({ a: [5], b: [null] });
    const { m, o, oText } = both(t);
    expect(m.rows).toBe(1);
    expect(o.columns[0]).toMatchObject({ count: 1, q1: 5, q3: 5, iqr: 0, low: 0, high: 0 });
    expect(oText).toContain('No multivariate scores');
  });

  it('a constant column: IQR, std and MAD 0 flag nothing; kNN and the forest still score', () => {
    const t = aq.table({ c: new Float64Array(500).fill(7), x: Float64Array.from({ length: 500 }, (_, i) => i % 17) });
    const f = fences(t.array('c') as Float64Array);
    expect([f.iqr, f.std, f.mad, f.low + f.high, f.zCount, f.madCount]).toEqual([0, 0, 0, 0, 0, 0]);
    const { o } = both(t);
    expect(o.scores.map((s) => s.detector)).toEqual(['iforest', 'knn']);
  });

  it('±Infinity: outliers under every rule, never a fence or a NaN', () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => (i === 3 ? Infinity : i === 9 ? -Infinity : i % 10));
    const f = fences(x);
    expect(f.infinite).toBe(2);
    expect(Number.isFinite(f.upper) && Number.isFinite(f.lower)).toBe(true);
    expect([f.low, f.high]).toEqual([1, 1]);
    const { o } = both(aq.table({ x }));
    expect(o.scores[0].top.scores.every(Number.isFinite)).toBe(true);
  });

  it('100 k distinct strings: no sentinel, no duplicate, bounded payload', () => {
    const s = Array.from({ length: 100_000 }, (_, i) => `id-${i}`);
    const t = aq.table({ s, n: Float64Array.from({ length: 100_000 }, (_, i) => i) });
    const { m } = both(t);
    expect(m.sentinels).toEqual([]);
    expect(m.duplicates.count).toBe(0);
    const col = m.columns.find((c) => c.name === 's')!;
    expect(col.hist.labels).toHaveLength(11); // top 10 + (other)
    expect(JSON.stringify(m).length).toBeLessThan(200_000);
  });

  it('200 columns: matrix capped at 2 M cells, heatmap and dendrogram over all of them', () => {
    const cols: Record<string, Float64Array> = {};
    for (let j = 0; j < 200; j++) cols[`c${j}`] = Float64Array.from({ length: 20_000 }, (_, i) => ((i * (j + 3)) % 97 < j % 7 ? NaN : i));
    const t = aq.table(cols);
    const m = missingPayload(t);
    expect(m.matrix.shown * 200).toBeLessThanOrEqual(2_000_000);
    expect(m.matrix.stride).toBe(2);
    expect(m.dendrogram.order).toHaveLength(200);
    expect(m.correlation!.columns.length).toBeGreaterThan(100);
    expect(missingHtml(m)).toContain('every 2th row of 20,000');
  });

  it('an empty table and a non-table say what they are', () => {
    const { m } = both(aq.table({ a: [] as number[] }));
    expect(m.rows).toBe(0);
    expect(() => missingFor([1, 2, 3])).toThrow(/display.missing: expected a table \(an arquero table.*got an array/);
    expect(() => outliersFor(aq.table({ a: [1] }), { columns: ['b'] })).toThrow(/unknown column 'b'; the table has: a/);
  });

  it('a text column asked for by name says it holds text (it showed as a numeric column with no values)', () => {
    const cars = aq.table({ MPG: [18, 15, 24], Origin: ['USA', 'USA', 'Japan'] });
    expect(() => outliersFor(cars, { columns: ['Origin'] })).toThrow(/display\.outliers: column 'Origin' holds text; outliers are found in numeric columns/);
    expect(() => outliersFor(cars, { columns: ['MPG'] })).not.toThrow();
  });
});

describe('sentinels', () => {
  it('finds texts, codes and negatives, and leaves codes and signed measures alone', () => {
    const n = 400;
    const t = aq.table({
      city: Array.from({ length: n }, (_, i) => (i % 50 === 0 ? '?' : i % 77 === 0 ? '  ' : i % 91 === 0 ? 'N/A' : `c${i % 9}`)),
      age: Array.from({ length: n }, (_, i) => (i % 100 === 0 ? 999 : 20 + (i % 50))),
      visits: Array.from({ length: n }, (_, i) => (i % 80 === 0 ? -1 : i % 30)),
      sex: Array.from({ length: n }, (_, i) => i % 2),
      delta: Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1) * (i % 13)),
    });
    const found = sentinels(t).map((s) => `${s.column}:${s.kind}:${s.value}:${s.count}`);
    expect(found).toEqual(['city:text:?:8', 'city:text:  :5', 'city:text:N/A:4', 'age:code:999:4', 'visits:code:-1:5']);
  });
});

describe('stats on edge shapes', () => {
  it('duplicates with missing values count missing as equal (pandas)', () => {
    const t = aq.table({ a: [1, null, 1, null], b: ['x', 'y', 'x', 'y'] });
    expect(duplicates(t).rows).toEqual([2, 3]);
  });

  it('nullity of one column and of none', () => {
    const one = nullity(aq.table({ a: [null, 1] }));
    expect(nullityCorrelation(one)).toEqual({ columns: ['a'], r: [[1]] });
    expect(nullityDendrogram(one).order).toEqual(['a']);
  });
});

describe('imputation previews', () => {
  it('bin what ffill, bfill and kNN would give, on the present values’ bins', async () => {
    const { binIndex, afterCounts } = await import('../../kernel/src/missing/index.js');
    const t = aq.table({ x: [null, 1, null, 3, null, null, 10], y: [0, 1, 2, 3, 4, 5, 6] });
    const c = missingPayload(t).columns[0];
    const bins = (vals: number[]) => {
      const out = new Array(c.hist.counts.length).fill(0);
      for (const v of vals) out[binIndex(c.hist.edges!, v)]++;
      return out;
    };
    expect(c.hist.counts).toEqual(bins([1, 3, 10]));
    expect(c.after!.ffill).toEqual(bins([1, 1, 3, 3, 3, 10]));
    expect(c.after!.bfill).toEqual(bins([1, 1, 3, 3, 10, 10, 10]));
    expect(c.after!.knn!.reduce((a: number, b: number) => a + b, 0)).toBe(7);
    expect(afterCounts(c, 'median')).toEqual(bins([1, 3, 10, 3, 3, 3, 3]));
    expect(c.fill).toEqual({ mean: 14 / 3, median: 3, mode: 1 });
  });
});
