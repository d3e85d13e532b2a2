/** Every generator: same seed → the same bytes, another seed → other data, and the documented schema and size. */
import { describe, expect, it } from 'vitest';
import type { ColumnTable } from 'arquero';
import * as ds from '../../datasets/src/index.js';

type Gen = (opts: { seed?: number; rng?: () => number }) => ColumnTable;

const GENERATORS: Array<[string, Gen, number, string[]]> = [
  ['linear', ds.linear, 100, ['x', 'y']],
  ['blobs', ds.blobs, 10_000, ['x0', 'x1', 'label']],
  ['classification', ds.classification, 1000, [...Array.from({ length: 20 }, (_, i) => `x${i}`), 'label']],
  ['census', ds.census, 32_561, ['age', 'workclass', 'fnlwgt', 'education', 'education_num', 'marital_status', 'occupation',
    'relationship', 'race', 'sex', 'capital_gain', 'capital_loss', 'hours_per_week', 'native_country', 'income']],
  ['heartDisease', ds.heartDisease, 920, ['age', 'sex', 'cp', 'trestbps', 'chol', 'fbs', 'restecg', 'thalach', 'exang',
    'oldpeak', 'slope', 'ca', 'thal', 'num']],
  ['bikeShare', ds.bikeShare, 731, ['dteday', 'season', 'yr', 'mnth', 'holiday', 'weekday', 'workingday', 'weathersit',
    'temp', 'atemp', 'hum', 'windspeed', 'casual', 'registered', 'cnt']],
  ['tvMarketing', ds.tvMarketing, 200, ['TV', 'Sales']],
  ['sequences', ds.sequences, 1000, ['tokens', 'length', 'label']],
];

const bytes = (t: ColumnTable) => t.toJSON();

describe.each(GENERATORS)('%s', (_name, gen, rows, columns) => {
  it('has the documented columns and default size', () => {
    const t = gen({ seed: 1 });
    expect(t.columnNames()).toEqual(columns);
    expect(t.numRows()).toBe(rows);
  });

  it('is deterministic: same seed, same bytes; another seed, other data', () => {
    const a = bytes(gen({ seed: 7 }));
    expect(bytes(gen({ seed: 7 }))).toBe(a);
    expect(bytes(gen({ seed: 8 }))).not.toBe(a);
    // Default: seed 0; an explicit rng is used as given.
    expect(bytes(gen({}))).toBe(bytes(gen({ seed: 0 })));
    expect(bytes(gen({ rng: ds.createRng(7) }))).toBe(a);
  });

  it('leaves no undefined or NaN in a cell', () => {
    const t = gen({ seed: 2 });
    const bad = t.columnNames().filter((c) =>
      (t.array(c) as unknown[]).some((v) => v === undefined || (typeof v === 'number' && !Number.isFinite(v))));
    expect(bad).toEqual([]);
  });
});

describe('generator options', () => {
  it('sizes follow n / days / dims / features', () => {
    expect(ds.linear({ n: 7 }).numRows()).toBe(7);
    expect(ds.blobs({ n: 11, centers: 3, dims: 4 }).columnNames()).toEqual(['x0', 'x1', 'x2', 'x3', 'label']);
    expect(ds.classification({ n: 50, features: 5, informative: 3, redundant: 1 }).numCols()).toBe(6);
    expect(ds.census({ n: 500 }).numRows()).toBe(500);
    expect(ds.heartDisease({ n: 1000 }).numRows()).toBe(1000);
    const bike = ds.bikeShare({ days: 10, start: '2012-02-27' });
    expect(bike.array('dteday')).toEqual(['2012-02-27', '2012-02-28', '2012-02-29', '2012-03-01', '2012-03-02',
      '2012-03-03', '2012-03-04', '2012-03-05', '2012-03-06', '2012-03-07']);
    expect(ds.tvMarketing({ n: 3 }).numRows()).toBe(3);
    expect(ds.sequences({ n: 4 }).numRows()).toBe(4);
  });

  it('rejects impossible options with a message naming the option', () => {
    expect(() => ds.linear({ n: 0 })).toThrow(/n must be/);
    expect(() => ds.blobs({ centers: [[0, 0], [1]] })).toThrow(/same number of coordinates/);
    expect(() => ds.blobs({ centers: 2, clusterStd: [1, 2, 3] })).toThrow(/clusterStd/);
    expect(() => ds.classification({ informative: 1, classes: 3 })).toThrow(/2\^informative/);
    expect(() => ds.classification({ features: 3, informative: 2, redundant: 2 })).toThrow(/exceeds features/);
    expect(() => ds.bikeShare({ start: '2011-02-30' })).toThrow(/start must be a date/);
    expect(() => ds.sequences({ minLen: 10, maxLen: 5 })).toThrow(/maxLen/);
  });
});
