/**
 * trainTestSplit(): scikit-learn's split. The test set has ceil(testSize·n)
 * rows; rows are shuffled (seeded) unless `shuffle` is false; `stratify`
 * keeps each class's proportion in both parts. `randomState` picks the very
 * rows `train_test_split(..., random_state=randomState)` picks, in its order.
 */
import type { ColumnTable } from 'arquero';
import { columnOf, takeRows } from '../columns.js';
import { assertColumns, DataError, checkOptions } from '../errors.js';
import { trainTestSplitIndices } from '@tsml/datasets';
import { permutation, rngFor } from '../../random/index.js';

export interface SplitOptions {
  /** Fraction (0–1) or number of test rows; default 0.25 as in scikit-learn. */
  testSize?: number;
  seed?: number;
  /** scikit-learn's `random_state`: NumPy's legacy stream, so the split holds the same rows as sklearn's. */
  randomState?: number;
  /** Fraction or count of train rows (scikit-learn's train_size; with randomState). */
  trainSize?: number;
  shuffle?: boolean;
  /** Column whose class proportions both parts keep. */
  stratify?: string;
}

function testCount(n: number, testSize: number): number {
  const k = testSize < 1 ? Math.ceil(testSize * n) : testSize;
  if (!Number.isInteger(k) || k <= 0 || k >= n) {
    throw new DataError(`testSize ${testSize} leaves an empty train or test set for ${n} rows; use a fraction between 0 and 1`);
  }
  return k;
}

/**
 * Splits rows into `{ train, test }` as scikit-learn's `train_test_split`: `testSize` (0.25, a
 * fraction or a count), `seed`, `shuffle` (true) and `stratify` (a column whose shares both parts
 * keep).
 */
export function trainTestSplit(table: ColumnTable, opts: SplitOptions = {}): { train: ColumnTable; test: ColumnTable } {
  checkOptions('trainTestSplit', opts, ['testSize', 'trainSize', 'seed', 'randomState', 'shuffle', 'stratify']);
  const n = table.numRows();
  if (opts.randomState !== undefined || opts.trainSize !== undefined) return sklearnSplit(table, opts);
  const k = testCount(n, opts.testSize ?? 0.25);
  const rng = rngFor(opts.seed);
  let test: number[];
  let train: number[];
  if (opts.stratify) {
    if (opts.shuffle === false) throw new DataError('stratify needs shuffle: a stratified split draws rows at random');
    assertColumns(table.columnNames(), [opts.stratify]);
    const labels = columnOf(table, opts.stratify);
    const byClass = new Map<unknown, number[]>();
    for (let r = 0; r < n; r++) (byClass.get(labels[r]) ?? byClass.set(labels[r], []).get(labels[r])!).push(r);
    test = [];
    train = [];
    // Largest-remainder allocation, so the class counts add up to exactly k.
    const classes = [...byClass.values()];
    const exact = classes.map((rows) => (rows.length * k) / n);
    const alloc = exact.map(Math.floor);
    const order = exact.map((e, i) => [e - Math.floor(e), i]).sort((a, b) => b[0] - a[0]);
    for (let j = 0; alloc.reduce((a, b) => a + b, 0) < k; j++) alloc[order[j % order.length][1]]++;
    classes.forEach((rows, i) => {
      const p = permutation(rng, rows.length);
      p.forEach((pi, j) => (j < alloc[i] ? test : train).push(rows[pi]));
    });
  } else {
    const order = opts.shuffle === false ? Int32Array.from({ length: n }, (_, i) => i) : permutation(rng, n);
    test = Array.from(opts.shuffle === false ? order.subarray(n - k) : order.subarray(0, k));
    train = Array.from(opts.shuffle === false ? order.subarray(0, n - k) : order.subarray(k));
  }
  return { train: takeRows(table, train), test: takeRows(table, test) };
}

function sklearnSplit(table: ColumnTable, opts: SplitOptions): { train: ColumnTable; test: ColumnTable } {
  if (opts.seed !== undefined) throw new DataError('trainTestSplit: give seed (tsml\'s stream) or randomState (scikit-learn\'s rows), not both');
  if (opts.stratify) assertColumns(table.columnNames(), [opts.stratify]);
  try {
    const { train, test } = trainTestSplitIndices(table.numRows(), {
      testSize: opts.testSize, trainSize: opts.trainSize, randomState: opts.randomState, shuffle: opts.shuffle,
      stratify: opts.stratify ? columnOf(table, opts.stratify) : undefined,
    });
    return { train: takeRows(table, train), test: takeRows(table, test) };
  } catch (e) {
    throw new DataError((e as Error).message);
  }
}
