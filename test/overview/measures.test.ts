/** Sort keys and highlights of the Overview: entropy, chi-square distance, rebinning, red flags, search and sort. */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { createRng, normal } from '@tsml/datasets/random';
import { computeStatistics } from '../../kernel/src/stats/index.js';
import {
  chiSquareDistance, DEFAULT_VIEW, featureDistance, flagsOf, formatCount, formatNumber, formatPercent, nonUniformityOf, overviewModel,
  rebin, SHIFT_RED, sortModes, visibleFeatures, type ViewOptions,
} from '../../kernel/src/overview/index.js';

const normals = (seed: number, n: number, mean: number) => {
  const r = createRng(seed);
  return Float64Array.from({ length: n }, () => normal(r, mean, 1));
};

describe('measures', () => {
  it('non-uniformity is 0 for a flat histogram, 1 for a single bucket, between otherwise', () => {
    expect(nonUniformityOf([5, 5, 5, 5])).toBeCloseTo(0, 12);
    expect(nonUniformityOf([20, 0, 0, 0])).toBeCloseTo(1, 12);
    const mid = nonUniformityOf([10, 5, 3, 2]);
    expect(mid).toBeGreaterThan(0);
    expect(mid).toBeLessThan(1);
    // Beyond the top-K the rest is spread evenly: 2 known values + 2 unknown at the same rate is flat.
    expect(nonUniformityOf([5, 5], 4, 10)).toBeCloseTo(0, 12);
  });

  it('chi-square distance: 0 for the same proportions, 1 for disjoint supports, symmetric', () => {
    expect(chiSquareDistance([1, 2, 3], [2, 4, 6])).toBe(0);
    expect(chiSquareDistance([1, 0], [0, 5])).toBe(1);
    expect(chiSquareDistance([3, 1, 2], [1, 1, 4])).toBeCloseTo(chiSquareDistance([1, 1, 4], [3, 1, 2]), 15);
  });

  it('rebin keeps every row and spreads a bucket by overlap', () => {
    const out = rebin([{ low: 0, high: 10, count: 10 }, { low: 10, high: 20, count: 30 }], 0, 20, 4);
    expect(out).toEqual([5, 5, 15, 15]);
    const point = rebin([{ low: 3, high: 3, count: 7 }, { low: -Infinity, high: 1, count: 2 }], 0, 10, 5);
    expect(point.reduce((a, b) => a + b, 0)).toBe(9);
    expect(point[1]).toBe(7);
  });

  it('distance stays under the shift threshold for two samples of one distribution and exceeds it for a 0.5 sd shift', () => {
    const same = computeStatistics([aq.table({ x: normals(1, 10_000, 0) }), aq.table({ x: normals(2, 10_000, 0) })]);
    const shifted = computeStatistics([aq.table({ x: normals(1, 10_000, 0) }), aq.table({ x: normals(3, 10_000, 0.5) })]);
    const dSame = featureDistance(overviewModel(same).features[0]);
    const dShift = featureDistance(overviewModel(shifted).features[0]);
    expect(dSame).toBeLessThan(SHIFT_RED / 4);
    expect(dShift).toBeGreaterThan(SHIFT_RED);
  });

  it('flags missing > 2 %, zeros > 10 %, no values, NaN and infinities', () => {
    const stats = computeStatistics(aq.table({
      ok: Float64Array.from({ length: 100 }, (_, i) => i + 1),
      gappy: Float64Array.from({ length: 100 }, (_, i) => (i < 3 ? NaN : i)),
      zero: Float64Array.from({ length: 100 }, (_, i) => (i < 11 ? 0 : i)),
      inf: Float64Array.from({ length: 100 }, (_, i) => (i === 5 ? Infinity : i + 1)),
      none: Array.from({ length: 100 }, () => null),
    }));
    const flags = Object.fromEntries(overviewModel(stats).features.map((f) => [f.name, [...flagsOf(f.stats[0])].sort()]));
    expect(flags).toEqual({ ok: [], gappy: ['missing', 'nan'], zero: ['zeros'], inf: ['infinite'], none: ['empty', 'missing'] });
  });
});

describe('view: search and sort', () => {
  const stats = computeStatistics(
    [
      aq.table({ b_flat: Float64Array.from({ length: 1000 }, (_, i) => i), a_spike: Float64Array.from({ length: 1000 }, (_, i) => (i < 990 ? 1 : i)), c_gap: Float64Array.from({ length: 1000 }, (_, i) => (i % 4 ? i : NaN)) }),
      aq.table({ b_flat: Float64Array.from({ length: 1000 }, (_, i) => i + 900), a_spike: Float64Array.from({ length: 1000 }, (_, i) => (i < 990 ? 1 : i)), c_gap: Float64Array.from({ length: 1000 }, (_, i) => i) }),
    ],
    { names: ['train', 'test'] },
  );
  const model = overviewModel(stats);
  const names = (v: Partial<ViewOptions>) => visibleFeatures(model, 'numeric', { ...DEFAULT_VIEW, ...v }).map((f) => f.name);

  it('orders by feature order, alphabet, missing/zero, non-uniformity and distance, and reverses', () => {
    expect(names({})).toEqual(['b_flat', 'a_spike', 'c_gap']);
    expect(names({ sort: 'alphabetical' })).toEqual(['a_spike', 'b_flat', 'c_gap']);
    expect(names({ sort: 'missing' })[0]).toBe('c_gap');
    expect(names({ sort: 'nonuniformity' })[0]).toBe('a_spike');
    expect(names({ sort: 'distance' })[0]).toBe('b_flat');
    expect(names({ sort: 'alphabetical', reverse: true })).toEqual(['c_gap', 'b_flat', 'a_spike']);
  });

  it('searches by substring (any case) or /regex/, and keeps the order', () => {
    expect(names({ search: 'A' })).toEqual(['b_flat', 'a_spike', 'c_gap'].filter((n) => n.includes('a')));
    expect(names({ search: '/^[ab]_/' })).toEqual(['b_flat', 'a_spike']);
    expect(names({ search: '/[unclosed/' })).toEqual([]);
  });

  it('offers distance sorting only with two datasets or more', () => {
    expect(sortModes(model)).toContain('distance');
    expect(sortModes(overviewModel(computeStatistics(aq.table({ x: [1] }))))).not.toContain('distance');
  });
});

describe('number formatting', () => {
  it('uses SI suffixes above 10,000, short scientific below 0.01 (no "m" that reads as millions), short decimals between', () => {
    expect([12_345, 1_500_000, 0.0042, 3e-7, -0.00314, 1234, 3.14159, -2.5, 0, NaN, -Infinity].map(formatNumber)).toEqual(
      ['12.3k', '1.5M', '4.2e−3', '3e−7', '−3.14e−3', '1234', '3.14', '−2.5', '0', 'NaN', '−∞'],
    );
    // Counts, weighted ones included, keep every digit below 10^9.
    expect([950, 12_345, 4_150_123.6, 12.25, 999_999_999, 4.15e9].map(formatCount)).toEqual(['950', '12,345', '4,150,124', '12.3', '999,999,999', '4.15G']);
    expect([0, 0.0004, 0.0235, 0.5].map(formatPercent)).toEqual(['0%', '<0.1%', '2.35%', '50%']);
  });
});
