/**
 * Tables ↔ tensors: exact round trips, dtype checks, and errors that name the
 * column, the row and the verb that fixes the data.
 */
import * as aq from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, resetTfForTests } from '../../kernel/src/tensor/load.js';
import { tableToTensor, tensorToTable } from '../../kernel/src/tensor/table.js';
import type { Tf } from '../../kernel/src/tensor/candidates.js';
import { dropna } from '../../kernel/src/data/verbs/dropna.js';
import { fillna } from '../../kernel/src/data/verbs/fillna.js';

let tf: Tf;
beforeAll(async () => {
  tf = await loadTf({ backend: 'wasm' });
});

const cars = () =>
  aq.table({
    mpg: [18, 15, 16.5, 22],
    horsepower: [130, null, 150, NaN],
    weight: Float64Array.from([3504, 3693, 3436, 2372]),
    origin: ['usa', 'usa', 'europe', 'japan'],
    turbo: [false, true, false, false],
  });

describe('tableToTensor', () => {
  it('packs columns row-major into a [rows, columns] float32 tensor', () => {
    const t = tableToTensor(cars(), ['mpg', 'weight', 'turbo']);
    expect(t.shape).toEqual([4, 3]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t.dataSync())).toEqual([18, 3504, 0, 15, 3693, 1, 16.5, 3436, 0, 22, 2372, 0]);
  });

  it('gives a 1-D tensor for a single column name (labels) and honours dtype', () => {
    const y = tableToTensor(cars(), 'mpg');
    expect(y.shape).toEqual([4]);
    const ids = tableToTensor(aq.table({ cls: [0, 2, 1] }), 'cls', { dtype: 'int32' });
    expect(ids.dtype).toBe('int32');
    expect(Array.from(ids.dataSync())).toEqual([0, 2, 1]);
    const flags = tableToTensor(cars(), ['turbo'], { dtype: 'bool' });
    expect(flags.dtype).toBe('bool');
    expect(Array.from(flags.dataSync())).toEqual([0, 1, 0, 0]);
  });

  it('uses every column when none are named', () => {
    const t = tableToTensor(aq.table({ a: [1, 2], b: Int32Array.from([3, 4]) }));
    expect(t.shape).toEqual([2, 2]);
    expect(Array.from(t.dataSync())).toEqual([1, 3, 2, 4]);
  });

  it('names the column and row of a missing value, how many there are, and dropna/fillna', () => {
    expect(() => tableToTensor(cars(), ['mpg', 'horsepower'])).toThrow(
      "tableToTensor: column 'horsepower' has a missing value at row 1 (2 of 4 rows are missing it). Tensors cannot hold missing values: " +
        'drop those rows with tsml.dropna(table, { subset: ["horsepower"] }) or fill them with tsml.fillna(table, { "horsepower": \'median\' }) first.',
    );
    // The suggested fixes work.
    expect(tableToTensor(dropna(cars(), { subset: ['horsepower'] }), ['horsepower']).shape).toEqual([2, 1]);
    expect(Array.from(tableToTensor(fillna(cars(), { horsepower: 'median' }), 'horsepower').dataSync())).toEqual([130, 140, 150, 140]);
  });

  it('names the column and row of a non-numeric value and suggests getDummies or parsing', () => {
    expect(() => tableToTensor(cars(), ['mpg', 'origin'])).toThrow(
      /column 'origin' is not numeric: row 0 holds the string 'usa'; encode categories first, e\.g\. tsml\.getDummies\(table, \["origin"\]\)/,
    );
    expect(() => tableToTensor(aq.table({ x: [1, '2.5'] }))).toThrow(/row 1 holds the string '2\.5'; it looks like a number stored as text: parse the column/);
    expect(() => tableToTensor(aq.table({ d: [new Date(0)] }))).toThrow(/column 'd' is not numeric: row 0 holds the date 1970-01-01T00:00:00.000Z/);
  });

  it('checks values fit the dtype', () => {
    expect(() => tableToTensor(cars(), 'mpg', { dtype: 'int32' })).toThrow(/column 'mpg' row 2 holds 16\.5, which int32 cannot hold; use \{ dtype: 'float32' \} or round/);
    expect(() => tableToTensor(aq.table({ n: [3e9] }), 'n', { dtype: 'int32' })).toThrow(/holds 3000000000, which int32 cannot hold/);
    expect(() => tableToTensor(aq.table({ b: [0, 2] }), 'b', { dtype: 'bool' })).toThrow(/row 1 holds 2; a bool tensor takes only 0\/1/);
    expect(() => tableToTensor(cars(), 'mpg', { dtype: 'float64' as never })).toThrow(/dtype must be one of float32, int32, bool/);
  });

  it('names unknown columns and the known ones', () => {
    expect(() => tableToTensor(cars(), ['mpgg'])).toThrow(/unknown column 'mpgg'; the table has: mpg, horsepower, weight, origin, turbo/);
    expect(() => tableToTensor({} as never)).toThrow(/expects an arquero table/);
  });
});

describe('tensorToTable', () => {
  it('turns a 2-D tensor into columns, named or numbered like pandas', () => {
    const t = tf.tensor([[1, 2.5], [3, 4], [5, 6]]);
    const named = tensorToTable(t, ['a', 'b']);
    expect(named.columnNames()).toEqual(['a', 'b']);
    expect(Array.from(named.array('b') as Float32Array)).toEqual([2.5, 4, 6]);
    expect(tensorToTable(t).columnNames()).toEqual(['0', '1']);
    expect(Array.from(tensorToTable(tf.tensor([7, 8], [2], 'int32'), ['y']).array('y') as ArrayLike<number>)).toEqual([7, 8]);
    expect(Array.from(tensorToTable(tf.tensor([true, false], [2], 'bool')).array('0') as boolean[])).toEqual([true, false]);
  });

  it('round-trips a table exactly', () => {
    const table = aq.table({ x: [0.5, -1, 2], y: [10, 20, 30] });
    const back = tensorToTable(tableToTensor(table), table.columnNames());
    expect(back.objects()).toEqual(table.objects());
  });

  it('explains wrong ranks, name counts and duplicates', () => {
    expect(() => tensorToTable(tf.zeros([2, 2, 2]))).toThrow(/needs a 1-D or 2-D tensor, got shape \[2, 2, 2\]; reshape it first, e\.g\. t\.reshape\(\[2, -1\]\)/);
    expect(() => tensorToTable(tf.zeros([2, 3]), ['a'])).toThrow(/1 names for 3 columns/);
    expect(() => tensorToTable(tf.zeros([2, 2]), ['a', 'a'])).toThrow(/column name 'a' is given twice/);
    const gone = tf.zeros([2]);
    gone.dispose();
    expect(() => tensorToTable(gone)).toThrow(/disposed/);
  });
});

describe('before TensorFlow.js is loaded', () => {
  it('says how to load it', async () => {
    resetTfForTests();
    try {
      expect(() => tableToTensor(aq.table({ a: [1] }))).toThrow(/TensorFlow\.js, which is not loaded yet: run `await tsml\.loadTf\(\)`/);
    } finally {
      tf = await loadTf({ backend: 'wasm' });
    }
  });
});
