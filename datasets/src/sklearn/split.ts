/**
 * Which rows scikit-learn's `train_test_split(..., random_state=r)` and pandas'
 * `df.sample(frac=f, random_state=r)` pick, as index arrays, drawn from the
 * same legacy stream, so a lab's split holds the same rows here as there.
 */
import type { RandomState } from '../numpy/random-state.js';
import { checkRandomState, type RandomStateLike } from './random-state.js';

export interface SplitIndicesOptions {
  /** A fraction in (0, 1) or a row count; default 0.25 when trainSize is also missing. */
  testSize?: number;
  trainSize?: number;
  randomState?: RandomStateLike;
  shuffle?: boolean;
  /** One label per row: keep each class's share in both parts (StratifiedShuffleSplit). */
  stratify?: ArrayLike<unknown>;
}

/** `train_test_split(np.arange(n), ...)`: the train rows and the test rows, in sklearn's order. */
export function trainTestSplitIndices(n: number, opts: SplitIndicesOptions = {}): { train: number[]; test: number[] } {
  const [nTrain, nTest] = splitSizes(n, opts.testSize, opts.trainSize);
  if (opts.shuffle === false) {
    if (opts.stratify) throw new RangeError('stratify needs shuffle: a stratified split draws rows at random');
    return { train: range(0, nTrain), test: range(nTrain, nTrain + nTest) };
  }
  const gen = checkRandomState(opts.randomState);
  if (opts.stratify) return stratifiedSplit(gen, opts.stratify, n, nTrain, nTest);
  const perm = gen.permutation(n);
  return { test: perm.slice(0, nTest), train: perm.slice(nTest, nTest + nTrain) };
}

/** sklearn's `_validate_shuffle_split`: ceil for a test fraction, floor for a train fraction. */
export function splitSizes(n: number, testSize?: number, trainSize?: number): [number, number] {
  if (testSize === undefined && trainSize === undefined) testSize = 0.25;
  const check = (name: string, v: number | undefined) => {
    if (v === undefined) return;
    const ok = Number.isInteger(v) && v >= 1 ? v < n : v > 0 && v < 1;
    if (!ok) throw new RangeError(`${name}=${v} should be either positive and smaller than the number of samples ${n} or a fraction in (0, 1)`);
  };
  check('testSize', testSize);
  check('trainSize', trainSize);
  const isFrac = (v: number) => !(Number.isInteger(v) && v >= 1);
  let nTest = testSize === undefined ? undefined : isFrac(testSize) ? Math.ceil(testSize * n) : testSize;
  let nTrain = trainSize === undefined ? undefined : isFrac(trainSize) ? Math.floor(trainSize * n) : trainSize;
  if (nTrain === undefined) nTrain = n - nTest!;
  if (nTest === undefined) nTest = n - nTrain;
  if (nTrain + nTest > n) throw new RangeError(`train (${nTrain}) and test (${nTest}) rows add up to more than the ${n} samples`);
  if (nTrain === 0) throw new RangeError(`with ${n} samples this split leaves the train set empty; adjust testSize or trainSize`);
  return [nTrain, nTest];
}

/** `StratifiedShuffleSplit` (one split). */
function stratifiedSplit(gen: RandomState, labels: ArrayLike<unknown>, n: number, nTrain: number, nTest: number) {
  if (labels.length !== n) throw new RangeError(`stratify has ${labels.length} labels for ${n} rows`);
  const byClass = new Map<unknown, number[]>();
  for (let i = 0; i < n; i++) (byClass.get(labels[i]) ?? byClass.set(labels[i], []).get(labels[i])!).push(i);
  // np.unique order: numbers numerically, anything else as strings.
  const classes = [...byClass.keys()].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
  const indices = classes.map((c) => byClass.get(c)!);
  const counts = indices.map((rows) => rows.length);
  const few = classes.filter((_, i) => counts[i] < 2);
  if (few.length) throw new RangeError(`the least populated classes have only 1 member, too few to stratify: ${few.join(', ')}`);
  if (nTrain < classes.length || nTest < classes.length) {
    throw new RangeError(`train (${nTrain}) and test (${nTest}) rows must each be at least the number of classes (${classes.length})`);
  }
  const nI = approximateMode(gen, counts, nTrain);
  const tI = approximateMode(gen, counts.map((c, i) => c - nI[i]), nTest);
  const train: number[] = [];
  const test: number[] = [];
  indices.forEach((rows, i) => {
    const perm = gen.permutation(counts[i]).map((p) => rows[p]);
    train.push(...perm.slice(0, nI[i]));
    test.push(...perm.slice(nI[i], nI[i] + tI[i]));
  });
  return { train: gen.permutation(train), test: gen.permutation(test) };
}

/** sklearn's `_approximate_mode`: floor of the proportional shares, the rest by largest remainder, ties broken at random. */
function approximateMode(gen: RandomState, counts: number[], draws: number): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const continuous = counts.map((c) => (c / total) * draws);
  const floored = continuous.map(Math.floor);
  let need = Math.trunc(draws - floored.reduce((a, b) => a + b, 0));
  if (need > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds = remainder.flatMap((r, i) => (r === value ? [i] : []));
      const addNow = Math.min(inds.length, need);
      for (const i of gen.choice(inds, addNow, false) as number[]) floored[i] += 1;
      need -= addNow;
      if (need === 0) break;
    }
  }
  return floored;
}

export interface SampleIndicesOptions {
  n?: number;
  frac?: number;
  replace?: boolean;
  /** Row weights (normalised), as pandas' `weights`. */
  weights?: ArrayLike<number>;
  randomState?: RandomStateLike;
}

/** pandas' `sample`: round(frac·rows) (half to even, as Python's round) rows via `RandomState.choice`. */
export function sampleIndices(rows: number, opts: SampleIndicesOptions = {}): number[] {
  const { replace = false } = opts;
  if (opts.n !== undefined && opts.frac !== undefined) throw new RangeError('sample: give n or frac, not both');
  let size: number;
  if (opts.frac !== undefined) {
    if (opts.frac < 0) throw new RangeError('sample: frac must be >= 0');
    if (opts.frac > 1 && !replace) throw new RangeError('sample: frac > 1 needs replace: true (upsampling)');
    size = roundHalfEven(opts.frac * rows);
  } else {
    size = opts.n ?? 1;
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`sample: n must be a non-negative integer, got ${size}`);
  }
  let p: number[] | undefined;
  if (opts.weights) {
    const w = Array.from(opts.weights);
    const sum = w.reduce((a, b) => a + b, 0);
    if (w.length !== rows) throw new RangeError(`sample: ${w.length} weights for ${rows} rows`);
    if (sum === 0) throw new RangeError('sample: weights sum to zero');
    p = w.map((v) => v / sum);
    if (!replace && size * Math.max(...p) > 1) throw new RangeError('sample: weighted sampling without replacement needs smaller weights, or replace: true');
  }
  const gen = checkRandomState(opts.randomState);
  return gen.choice(rows, size, replace, p) as number[];
}

export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
