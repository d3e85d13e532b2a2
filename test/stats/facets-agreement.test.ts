/**
 * tsml's statistics against Facets' own Python generator
 * (facets_overview GenericFeatureStatisticsGenerator over pandas DataFrames)
 * on the same train/test data, both read back through the real proto.
 * Exact statistics agree to 1e-9 relative. Known definitional differences,
 * which the test skips on purpose:
 *   - top values: Facets lists only the top 2; tsml lists the top K (same order).
 *   - histogram numNan: Facets drops NaN before it builds histograms (so 0);
 *     tsml counts them there (they are in numMissing for both).
 *   - avgLength is a proto float (32-bit), so it is compared to 1e-6.
 *   - rank histogram: tsml adds one "other values" bucket when unique > K (not the case here).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeStatistics } from '../../kernel/src/stats/index.js';
import { expectClose, oracle, rng, tableOf, type DatasetSpec } from './helpers.js';

function dataset(name: string, rows: number, seed: number, withFlag: boolean): DatasetSpec {
  const r = rng(seed);
  const cities = Array.from({ length: 30 }, (_, i) => `city-${i}`);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const gen = (f: (i: number) => unknown) => Array.from({ length: rows }, (_, i) => f(i));
  const columns: DatasetSpec['columns'] = {
    price: { dtype: 'float64', values: gen(() => (r() < 0.05 ? null : Math.exp(3 * r()) * 1000 - 300)) },
    age: { dtype: 'int64', values: gen(() => Math.floor(r() * 80) - 5) },
    zeros: { dtype: 'int64', values: gen(() => (r() < 0.3 ? 0 : Math.floor(r() * 5))) },
    tiny: { dtype: 'float64', values: gen(() => (r() - 0.5) * 1e-7) },
    constant: { dtype: 'float64', values: gen(() => 7.25) },
    spiky: { dtype: 'float64', values: gen((i) => (i === 3 ? 'Infinity' : i === 7 ? '-Infinity' : i === 11 ? 'Infinity' : r() * 10)) },
    posinf: { dtype: 'float64', values: gen((i) => (i % 97 === 0 ? 'Infinity' : r())) },
    city: { dtype: 'object', values: gen(() => (r() < 0.04 ? null : pick(cities))) },
    mixed: { dtype: 'object', values: gen(() => (r() < 0.5 ? pick(['a', 'b', 'ü', '']) : Math.floor(r() * 4))) },
  };
  // Only in train. (Facets' generator fails on a bool column with NumPy 2: `np.histogram` subtracts booleans.)
  if (withFlag) columns.flag = { dtype: 'int64', values: gen(() => (r() < 0.3 ? 1 : 0)) };
  return { name, columns };
}

const specs = [dataset('train', 5000, 7, true), dataset('test', 1200, 11, false)];
let ours: any;
let facets: any;

beforeAll(() => {
  const stats = computeStatistics(specs.map(tableOf), { names: ['train', 'test'] });
  const res = oracle(stats, specs);
  expect(res.parseError).toBeUndefined();
  ours = res.ours;
  facets = res.facets;
}, 60_000);

const features = (root: any, d: number) => new Map<string, any>(root.datasets[d].features.map((f: any) => [f.name, f]));

describe('agreement with Facets’ Python generator (facets-overview) on train/test', () => {
  it('has the same datasets, example counts and features in the same order with the same types', () => {
    for (let d = 0; d < 2; d++) {
      expect(ours.datasets[d].name).toBe(facets.datasets[d].name);
      expect(ours.datasets[d].numExamples).toBe(facets.datasets[d].numExamples);
      expect(ours.datasets[d].features.map((f: any) => [f.name, f.type])).toEqual(facets.datasets[d].features.map((f: any) => [f.name, f.type]));
    }
  });

  it('agrees on numeric count, missing, mean, std_dev, zeros, min, median, max to 1e-9', () => {
    let checked = 0;
    for (let d = 0; d < 2; d++) {
      const theirs = features(facets, d);
      for (const [name, f] of features(ours, d)) {
        if (!f.numStats) continue;
        const t = theirs.get(name).numStats;
        const what = `${specs[d].name}.${name}`;
        for (const k of ['numNonMissing', 'numMissing', 'minNumValues', 'maxNumValues']) expect(f.numStats.commonStats[k], `${what}.${k}`).toBe(t.commonStats[k]);
        expectClose(f.numStats.commonStats.avgNumValues, t.commonStats.avgNumValues, 1e-9, `${what}.avgNumValues`);
        for (const k of ['mean', 'stdDev', 'min', 'median', 'max']) expectClose(f.numStats[k], t[k], 1e-9, `${what}.${k}`);
        expect(f.numStats.numZeros, `${what}.numZeros`).toBe(t.numZeros);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('builds the same equal-width histogram (edges, counts, infinities in the end buckets) and deciles', () => {
    for (let d = 0; d < 2; d++) {
      const theirs = features(facets, d);
      for (const [name, f] of features(ours, d)) {
        const t = theirs.get(name).numStats;
        if (!f.numStats || !t.histograms.length) continue;
        for (const h of [0, 1]) {
          const a = f.numStats.histograms[h];
          const b = t.histograms[h];
          expect(a.type).toBe(b.type);
          expect(a.buckets.length, `${name} histogram ${h}`).toBe(b.buckets.length);
          a.buckets.forEach((x: any, i: number) => {
            expectClose(x.lowValue, b.buckets[i].lowValue, 1e-9, `${name}[${h}][${i}].low`);
            expectClose(x.highValue, b.buckets[i].highValue, 1e-9, `${name}[${h}][${i}].high`);
            expectClose(x.sampleCount, b.buckets[i].sampleCount, 1e-12, `${name}[${h}][${i}].count`);
          });
        }
        // The same common-stats quantiles histogram of values per row (all ones).
        expect(f.numStats.commonStats.numValuesHistogram.buckets.length).toBe(t.commonStats.numValuesHistogram.buckets.length);
      }
    }
  });

  it('agrees on string count, missing, unique, avg length, top values and rank histogram', () => {
    let checked = 0;
    for (let d = 0; d < 2; d++) {
      const theirs = features(facets, d);
      for (const [name, f] of features(ours, d)) {
        if (!f.stringStats) continue;
        const s = f.stringStats;
        const t = theirs.get(name).stringStats;
        for (const k of ['numNonMissing', 'numMissing']) expect(s.commonStats[k], `${name}.${k}`).toBe(t.commonStats[k]);
        expect(s.unique).toBe(t.unique);
        expectClose(s.avgLength, t.avgLength, 1e-6, `${name}.avgLength`);
        expect(s.topValues.slice(0, t.topValues.length)).toEqual(t.topValues);
        expect(s.rankHistogram.buckets).toEqual(t.rankHistogram.buckets);
        checked++;
      }
    }
    expect(checked).toBe(4);
  });

  it('counts a feature missing from one dataset as all missing there, as Facets does', () => {
    const a = features(ours, 1).get('flag');
    const b = features(facets, 1).get('flag');
    expect(a.type).toBe(b.type);
    expect(a.numStats.commonStats.numMissing).toBe(b.numStats.commonStats.numMissing);
    expect(a.numStats.commonStats.numNonMissing).toBe(b.numStats.commonStats.numNonMissing);
  });
});
