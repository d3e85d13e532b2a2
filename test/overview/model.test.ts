/**
 * The Overview reads statistics from any producer: tsml's engine, and Facets'
 * Python generator as Python users hand it over (MessageToJson text, defaults
 * left out, camelCase or snake_case). The numbers it shows must be the same.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeStatistics } from '../../kernel/src/stats/index.js';
import { overviewModel, OverviewInputError, type OverviewModel } from '../../kernel/src/overview/index.js';
import { oracle, rng, tableOf, type DatasetSpec } from '../stats/helpers.js';

function dataset(name: string, rows: number, seed: number, shift: number): DatasetSpec {
  const r = rng(seed);
  const gen = (f: () => unknown) => Array.from({ length: rows }, f);
  return {
    name,
    columns: {
      price: { dtype: 'float64', values: gen(() => (r() < 0.05 ? null : r() * 100 + shift)) },
      zeros: { dtype: 'int64', values: gen(() => (r() < 0.3 ? 0 : Math.floor(r() * 5))) },
      spiky: { dtype: 'float64', values: gen(() => (r() < 0.01 ? 'Infinity' : r())) },
      city: { dtype: 'object', values: gen(() => (r() < 0.04 ? null : `city-${Math.floor(r() * 3)}`)) },
    },
  };
}

const specs = [dataset('train', 3000, 3, 0), dataset('test', 800, 5, 40)];
let ours: OverviewModel;
const theirs: Record<string, OverviewModel> = {};

beforeAll(() => {
  const stats = computeStatistics(specs.map(tableOf), { names: ['train', 'test'] });
  ours = overviewModel(stats);
  const res = oracle(stats, specs);
  theirs.dict = overviewModel(res.facets);
  theirs.json = overviewModel(res.facetsJson);
  theirs.snake = overviewModel(res.facetsSnakeJson);
}, 60_000);

const close = (a: number, b: number, what: string) => {
  if (Number.isFinite(a) || Number.isFinite(b)) expect(Math.abs(a - b), what).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
  else expect(a, what).toBe(b);
};

describe('overviewModel over Facets’ Python output', () => {
  it('reads MessageToJson text in both field spellings exactly as the full dict', () => {
    expect(theirs.json).toEqual(theirs.dict);
    expect(theirs.snake).toEqual(theirs.dict);
  });

  it('shows the same datasets, features, kinds and exact statistics as for tsml’s own', () => {
    const m = theirs.json;
    expect(m.datasets).toEqual(ours.datasets);
    expect(m.features.map((f) => [f.name, f.kind, f.type])).toEqual(ours.features.map((f) => [f.name, f.kind, f.type]));
    let checked = 0;
    for (const [k, f] of m.features.entries()) {
      f.stats.forEach((s, d) => {
        const o = ours.features[k].stats[d]!;
        const what = `${f.name}@${d}`;
        expect(s!.count, what).toBe(o.count);
        expect(s!.missing, what).toBe(o.missing);
        if (f.kind === 'numeric') {
          for (const key of ['mean', 'stdDev', 'zeros', 'min', 'median', 'max'] as const) close(s!.numeric![key], o.numeric![key], `${what}.${key}`);
          expect(s!.numeric!.histogram.length).toBe(o.numeric!.histogram.length);
          expect(s!.numeric!.posInf > 0).toBe(o.numeric!.posInf > 0);
        } else {
          expect(s!.strings!.unique).toBe(o.strings!.unique);
          expect(s!.strings!.top[0]).toEqual(o.strings!.top[0]);
        }
        checked++;
      });
    }
    expect(checked).toBe(8);
  });
});

describe('overviewModel input handling', () => {
  it('fills proto3 defaults and reads uint64 strings', () => {
    const m = overviewModel({ datasets: [{ num_examples: '10', features: [{ name: 'a', num_stats: { common_stats: { num_non_missing: '10' } } }, { path: { step: ['x', 'y'] }, string_stats: {} }] }] });
    expect(m.datasets).toEqual([{ name: 'dataset 1', examples: 10 }]);
    const [a, xy] = m.features;
    expect([a.name, a.kind, a.type, a.stats[0]!.count, a.stats[0]!.missing, a.stats[0]!.numeric!.mean]).toEqual(['a', 'numeric', 'INT', 10, 0, 0]);
    expect([xy.name, xy.kind, xy.type]).toEqual(['x.y', 'categorical', 'STRING']);
  });

  it('keeps a feature present in one dataset only, with null for the other', () => {
    const m = overviewModel({ datasets: [{ name: 'a', features: [{ name: 'f', type: 'FLOAT', numStats: {} }] }, { name: 'b', features: [] }] });
    expect(m.features[0].stats[1]).toBeNull();
  });

  it('says what was expected when given something else', () => {
    expect(() => overviewModel({ rows: [] })).toThrow(OverviewInputError);
    expect(() => overviewModel({ rows: [] })).toThrow(/DatasetFeatureStatisticsList/);
    expect(() => overviewModel('{nope')).toThrow(/not JSON.*MessageToJson/);
  });

  it('switches to weighted statistics only when asked and present', () => {
    const payload = {
      datasets: [{ name: 'w', numExamples: 4, weightedNumExamples: 10, features: [{ name: 'v', type: 'FLOAT', numStats: { commonStats: { numNonMissing: 4, weightedCommonStats: { numNonMissing: 10 } }, mean: 1, weightedNumericStats: { mean: 2 } } }] }],
    };
    expect(overviewModel(payload).features[0].stats[0]!.numeric!.mean).toBe(1);
    const w = overviewModel(payload, { weighted: true });
    expect([w.weighted, w.datasets[0].examples, w.features[0].stats[0]!.count, w.features[0].stats[0]!.numeric!.mean]).toEqual([true, 10, 10, 2]);
  });
});
