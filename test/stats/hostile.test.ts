/**
 * The stats engine on hostile data: all-NaN, ±Infinity, a constant column,
 * an empty table, mixed types, booleans/dates/bigints, weights, train/test
 * with disagreeing types, a BOM'd quoted CSV, 1 M distinct strings. Every
 * output must also parse with the real proto (json_format.Parse).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as aq from 'arquero';
import { readCsv } from '../../kernel/src/data/index.js';
import { computeStatistics, FrequentValues } from '../../kernel/src/stats/index.js';
import type { DatasetFeatureStatisticsList, FeatureNameStatistics } from '../../kernel/src/mime/index.js';
import { expectClose, oracle } from './helpers.js';

const produced: DatasetFeatureStatisticsList[] = [];
const stats = (...args: Parameters<typeof computeStatistics>) => {
  const s = computeStatistics(...args);
  produced.push(s);
  return s;
};
const feature = (s: DatasetFeatureStatisticsList, name: string, d = 0): FeatureNameStatistics => s.datasets![d].features!.find((f) => f.name === name)!;
const custom = (f: FeatureNameStatistics, name: string) => f.customStats!.find((c) => c.name === name)!.num;
const bucketTotal = (h: any) => h.buckets.reduce((a: number, b: any) => a + b.sampleCount, 0);

describe('hostile data', () => {
  it('all-NaN column: FLOAT, every row missing, the NaNs counted in the histogram, not dropped', () => {
    const f = feature(stats(aq.table({ x: new Float64Array(1000).fill(NaN) })), 'x');
    expect(f.type).toBe('FLOAT');
    expect(f.numStats!.commonStats).toMatchObject({ numNonMissing: 0, numMissing: 1000 });
    expect(f.numStats!.histograms![0]).toMatchObject({ numNan: 1000, type: 'STANDARD' });
    expect(custom(f, 'tsml.numNan')).toBe(1000);
    expect(f.numStats!.mean).toBeUndefined();
  });

  it('±Infinity: in min/max/mean/std as NumPy has them, folded into the end buckets, counted on their own', () => {
    const f = feature(stats(aq.table({ x: [1, Infinity, 2, -Infinity, Infinity, 3, NaN, null] })), 'x');
    const n = f.numStats!;
    expect(n).toMatchObject({ mean: 'NaN', stdDev: 'NaN', min: '-Infinity', max: 'Infinity', median: 2.5 });
    expect(n.commonStats).toMatchObject({ numNonMissing: 6, numMissing: 2 });
    const [h, q] = n.histograms!;
    expect(h.buckets![0].lowValue).toBe('-Infinity');
    expect(h.buckets!.at(-1)!.highValue).toBe('Infinity');
    expect(bucketTotal(h)).toBe(6);
    expect(h.numNan).toBe(1);
    expect(bucketTotal(q)).toBeCloseTo(3, 12);
    expect([custom(f, 'tsml.numPosInf'), custom(f, 'tsml.numNegInf'), custom(f, 'tsml.numNan')]).toEqual([2, 1, 1]);
    // Survives JSON: no null where a non-finite number was.
    expect(JSON.parse(JSON.stringify(n)).max).toBe('Infinity');
    const pos = feature(stats(aq.table({ x: [1, 2, Infinity] })), 'x').numStats!;
    expect([pos.mean, pos.median]).toEqual(['Infinity', 2]);
  });

  it('constant column: std 0, min = median = max, one full bucket of width 1 centred on it', () => {
    const n = feature(stats(aq.table({ c: new Float64Array(500).fill(4.5) })), 'c').numStats!;
    expect(n).toMatchObject({ mean: 4.5, stdDev: 0, min: 4.5, median: 4.5, max: 4.5, numZeros: 0 });
    const [h, q] = n.histograms!;
    expect([h.buckets![0].lowValue, h.buckets!.at(-1)!.highValue]).toEqual([4, 5]);
    expect(h.buckets!.filter((b) => b.sampleCount).map((b) => [b.lowValue, b.sampleCount])).toEqual([[4.5, 500]]);
    expect(q.buckets!.every((b) => b.lowValue === 4.5 && b.highValue === 4.5 && b.sampleCount === 50)).toBe(true);
    const zeros = feature(stats(aq.table({ z: [0, 0, 0] })), 'z').numStats!;
    expect(zeros).toMatchObject({ numZeros: 3, mean: 0 });
  });

  it('empty table: zero examples, its features listed with nothing in them', () => {
    const s = stats(aq.table({ a: [], b: [] as string[] }));
    expect(s.datasets![0].numExamples).toBe(0);
    expect(s.datasets![0].features!.map((f) => [f.name, f.type, (f.numStats ?? f.stringStats)!.commonStats])).toEqual([
      ['a', 'STRING', { numNonMissing: 0, numMissing: 0 }],
      ['b', 'STRING', { numNonMissing: 0, numMissing: 0 }],
    ]);
    expect(stats(aq.table({})).datasets![0]).toEqual({ name: 'data', numExamples: 0, features: [] });
    expect(feature(stats(aq.table({ x: new Float64Array(0) })), 'x').type).toBe('FLOAT');
  });

  it('mixed types in a column: a STRING feature of their text forms; null and NaN missing, "" a value', () => {
    const f = feature(stats(aq.table({ m: [1, 'a', true, null, new Date(0), 2.5, NaN, '', 'a'] })), 'm');
    expect(f.type).toBe('STRING');
    const s = f.stringStats!;
    expect(s.commonStats).toMatchObject({ numNonMissing: 7, numMissing: 2 });
    expect(s.unique).toBe(6);
    expect(s.topValues![0]).toEqual({ value: 'a', frequency: 2 });
    expect(s.topValues!.map((t) => t.value)).toContain('1970-01-01T00:00:00.000Z');
    expect(s.topValues!.map((t) => t.value)).toContain('true');
  });

  it('booleans, Dates and bigints are INT; integers in a plain array are INT, any fraction makes FLOAT', () => {
    const s = stats(aq.table({ b: [true, false, true, null], d: [new Date(1000), new Date(3000), null, null], g: BigInt64Array.from([1n, 2n, 3n]).slice(0, 3) as never, i: [1, 2, null, 4], f: [1, 2.5, 3, 4] }));
    expect(s.datasets![0].features!.map((f) => f.type)).toEqual(['INT', 'INT', 'INT', 'INT', 'FLOAT']);
    expect(feature(s, 'b').numStats!.mean).toBeCloseTo(2 / 3, 15);
    expect(feature(s, 'd').numStats!.mean).toBe(2000);
  });

  it('avg length counts code points, as Python len does', () => {
    const s = feature(stats(aq.table({ e: ['😀', 'ab', 'zé', '😀'] })), 'e').stringStats!;
    expect(s.avgLength).toBe(1.5);
  });

  it('two datasets: a feature numeric in one and text in the other is STRING in both; INT with FLOAT is FLOAT; absent means all missing', () => {
    const train = aq.table({ x: [1, 2, 3], y: [1, 2, 3], only: [1, 2, 3] });
    const test = aq.table({ x: ['1', 'two'], y: [0.5, 1.5] });
    const s = stats([train, test], { names: ['train', 'test'] });
    expect(s.datasets!.map((d) => [d.name, d.numExamples, d.features!.map((f) => `${f.name}:${f.type}`)])).toEqual([
      ['train', 3, ['x:STRING', 'y:FLOAT', 'only:INT']],
      ['test', 2, ['x:STRING', 'y:FLOAT', 'only:INT']],
    ]);
    expect(feature(s, 'x', 0).stringStats!.unique).toBe(3);
    expect(feature(s, 'only', 1).numStats!.commonStats).toEqual({ numNonMissing: 0, numMissing: 2 });
  });

  it('weights: weighted mean, std, median, counts and top values; equal weights give the unweighted figures', () => {
    const t = aq.table({ x: [1, 2, 3, 10], s: ['a', 'b', 'b', 'c'], w: [1, 1, 1, 7] });
    const s = stats(t, { weights: 'w' });
    expect(s.datasets![0].weightedNumExamples).toBe(10);
    const n = feature(s, 'x').numStats!;
    const m = (1 + 2 + 3 + 70) / 10;
    expectClose(n.weightedNumericStats!.mean, m, 1e-15);
    expectClose(n.weightedNumericStats!.stdDev, Math.sqrt(((1 - m) ** 2 + (2 - m) ** 2 + (3 - m) ** 2 + 7 * (10 - m) ** 2) / 10), 1e-15);
    expect(n.weightedNumericStats!.median).toBe(10);
    expect(n.commonStats!.weightedCommonStats).toEqual({ numNonMissing: 10, numMissing: 0, avgNumValues: 1, totNumValues: 10 });
    expect(bucketTotal(n.weightedNumericStats!.histograms![0])).toBe(10);
    expect(feature(s, 's').stringStats!.weightedStringStats!.topValues![0]).toEqual({ value: 'c', frequency: 7 });
    const ones = feature(stats(aq.table({ x: [5, 1, 4, 2], w: [1, 1, 1, 1] }), { weights: 'w' }), 'x').numStats!;
    expect(ones.weightedNumericStats!.mean).toBe(ones.mean);
    expect(() => computeStatistics(t, { weights: 'nope' })).toThrow(/no column 'nope'/);
  });

  it('reads a BOM-prefixed, quoted CSV through the loaders and describes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsml-stats-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'q.csv'), '\ufeffname,amount\n"Zoë, Jr.",1.5\n"said ""hi""",\n"two\nlines",3\n');
    const s = stats(await readCsv(join(dir, 'q.csv')));
    expect(s.datasets![0].features!.map((f) => f.name)).toEqual(['name', 'amount']);
    expect(feature(s, 'name').stringStats!.topValues!.map((t) => t.value).sort()).toEqual(['Zoë, Jr.', 'said "hi"', 'two\nlines'].sort());
    expect(feature(s, 'amount').numStats).toMatchObject({ commonStats: { numNonMissing: 2, numMissing: 1 }, mean: 2.25 });
  });

  it('1 M distinct strings: top-K memory stays at its cap, unique is a labelled estimate, heavy values are still found', () => {
    const n = 1_000_000;
    const values = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? `heavy-${i % 30}` : `id-${i}`));
    const counter = new FrequentValues(10_000);
    let peak = 0;
    for (let i = 0; i < n; i++) {
      counter.add(values[i]);
      if ((i & 0xffff) === 0) peak = Math.max(peak, counter.size);
    }
    expect(Math.max(peak, counter.size)).toBeLessThanOrEqual(10_000);
    expect(counter.approximate).toBe(true);
    const top = counter.top(3);
    expect(top.map((t) => t.value).sort()).toEqual(['heavy-0', 'heavy-10', 'heavy-20']);
    for (const t of top) {
      // True counts are 33,333 or 33,334: within [count, count + error], and the error within 2 × total / capacity.
      expect(t.count).toBeLessThanOrEqual(33_334);
      expect(t.count + t.error).toBeGreaterThanOrEqual(33_333);
      expect(t.error).toBeLessThanOrEqual((2 * n) / 10_000);
    }
    const f = feature(stats(aq.table({ id: values })), 'id');
    const s = f.stringStats!;
    expect(s.topValues!.length).toBe(100);
    expect(Math.abs((s.unique as number) - 900_003) / 900_003).toBeLessThan(0.03);
    expect(custom(f, 'tsml.topValuesApproximate')).toBe(1);
    expect(custom(f, 'tsml.uniqueApproximate')).toBe(1);
    expect(s.rankHistogram!.buckets!.at(-1)).toMatchObject({ lowRank: 100, highRank: (s.unique as number) - 1 });
    expect(s.avgLength).toBeCloseTo(values.reduce((a, v) => a + v.length, 0) / n, 12);
  }, 60_000);

  it('every output above parses with the real proto (json_format.Parse into DatasetFeatureStatisticsList)', () => {
    const all = { datasets: produced.flatMap((s) => s.datasets!) };
    expect(all.datasets.length).toBeGreaterThanOrEqual(15);
    const res = oracle(all);
    expect(res.parseError).toBeUndefined();
    expect(res.ours.datasets.length).toBe(all.datasets.length);
  }, 60_000);
});
