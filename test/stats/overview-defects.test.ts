/**
 * The Overview defects issue 14 names: weighted zeros % (a weighted zero count
 * over the weighted total), unique counts that exceeded the row count
 * (HyperLogLog: now counted from distinct hashes below 2^17 and clamped to the
 * values seen), and Arrow-backed tables computed from their batches.
 */
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { computeStatistics, FrequentValues } from '../../kernel/src/stats/index.js';
import { overviewModel } from '../../kernel/src/overview/index.js';
import { zerosRatio } from '../../kernel/src/overview/measures.js';

describe('weighted zeros', () => {
  it('divides the weighted zero count by the weighted total', () => {
    // 2 zeros of 4 rows, but the zeros weigh 1 each and the others 9: weighted zeros are 2 of 20 = 10 %.
    const t = aq.table({ x: [0, 0, 5, 7], w: [1, 1, 9, 9] });
    const stats = computeStatistics(t, { weights: 'w' });
    const plain = overviewModel(stats).features.find((f) => f.name === 'x')!.stats[0]!;
    const weighted = overviewModel(stats, { weighted: true }).features.find((f) => f.name === 'x')!.stats[0]!;
    expect(zerosRatio(plain)).toBe(0.5);
    expect(zerosRatio(weighted)).toBeCloseTo(0.1, 12);
  });
});

describe('unique counts', () => {
  it('are exact for 50,000 distinct values past the exact cap, and never exceed the rows', () => {
    const f = new FrequentValues(10_000);
    for (let i = 0; i < 50_000; i++) f.add(`v${i}`);
    expect(f.approximate).toBe(true);
    expect(f.distinct()).toBe(50_000);
    expect(f.distinctEstimated).toBe(false);
  });

  it('fall back to HyperLogLog past 2^17 distinct values, clamped to the values added', () => {
    const f = new FrequentValues(1000);
    for (let i = 0; i < 200_000; i++) f.add(`id-${i}`);
    expect(f.distinctEstimated).toBe(true);
    expect(f.distinct()).toBeLessThanOrEqual(200_000);
    expect(Math.abs(f.distinct() - 200_000) / 200_000).toBeLessThan(0.03);
    const stats = computeStatistics(aq.table({ s: Array.from({ length: 50_000 }, (_, i) => `k${i}`) }));
    expect(stats.datasets![0].features![0].stringStats!.unique).toBe(50_000);
  });
});
