/**
 * Isolation Forest (Liu, Ting & Zhou 2008) as scikit-learn builds it:
 * `nTrees` trees, each grown on `sampleSize` rows drawn without replacement
 * (default min(256, n)), splitting on a random non-constant feature at a
 * threshold drawn uniformly between the node's min and max (rows ≤ the
 * threshold go left), down to depth ceil(log2(sampleSize)). A row's path
 * length is its depth plus c(size of the leaf it lands in); its score is
 * 2^(−mean path / c(sampleSize)), in (0, 1], higher meaning easier to isolate
 * (scikit-learn's `-score_samples`). Seeded: the same seed, the same forest.
 *
 * Rows are read row-major (a Float32Array, as scikit-learn's trees read
 * float32, or a Float64Array) so a path's reads stay in one cache line per
 * row; trees are flat typed arrays (children adjacent), and rows are scored
 * in blocks that stay in cache while every tree walks them.
 */
export type Matrix = Float32Array | Float64Array;
import { createRng, type Rng } from '../random/index.js';

export interface IsolationForestOptions {
  nTrees?: number;
  sampleSize?: number;
  seed?: number;
}

const EULER = 0.5772156649015329;

/** Average path length of an unsuccessful search in a binary search tree of n items (scikit-learn's _average_path_length). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER) - (2 * (n - 1)) / n;
}

/** Rows × trees above which scoring uses worker threads (their start-up costs ~50 ms). */
const PARALLEL_WORK = 20_000_000;

export interface Tree {
  /** Split feature, or −1 at a leaf. */
  feature: Int32Array;
  /** Threshold, or at a leaf the path length it adds (depth + c(size)). */
  value: Float64Array;
  /** Left child (right = left + 1). */
  left: Int32Array;
}

/** A seeded Isolation Forest fitted on a row-major matrix; `score(x)` gives each row's anomaly score in (0, 1]. */
export class IsolationForest {
  private readonly trees: Tree[] = [];
  readonly nTrees: number;
  readonly sampleSize: number;
  readonly dims: number;
  private readonly norm: number;

  /** Fits on `x`, n rows of `dims` values each, row-major. */
  constructor(x: Matrix, dims: number, opts: IsolationForestOptions = {}) {
    const n = dims > 0 ? x.length / dims : 0;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`isolationForest needs at least one row of ${dims} values, got ${x.length} values`);
    const { nTrees = 100, seed = 0 } = opts;
    this.nTrees = nTrees;
    this.dims = dims;
    this.sampleSize = Math.min(opts.sampleSize ?? 256, n);
    this.norm = averagePathLength(this.sampleSize);
    const rng = createRng(seed);
    const maxDepth = Math.ceil(Math.log2(Math.max(this.sampleSize, 2)));
    const pool = new Int32Array(n);
    for (let t = 0; t < nTrees; t++) {
      // Partial Fisher–Yates: the first sampleSize entries are a uniform sample without replacement.
      for (let i = 0; i < n; i++) pool[i] = i;
      for (let i = 0; i < this.sampleSize; i++) {
        const j = i + Math.floor(rng() * (n - i));
        const s = pool[i];
        pool[i] = pool[j];
        pool[j] = s;
      }
      this.trees.push(grow(x, dims, Int32Array.from(pool.subarray(0, this.sampleSize)), maxDepth, rng));
    }
  }

  /** Mean path length per row of `x` (row-major, `dims` values per row); large inputs are split over worker threads. */
  pathLengths(x: Matrix): Float64Array {
    const n = x.length / this.dims;
    const acc = (parallelWalk && n * this.trees.length >= PARALLEL_WORK ? parallelWalk(this.trees, x, this.dims) : undefined) ?? walk(this.trees, x, this.dims, 0, n, new Float64Array(n));
    for (let i = 0; i < n; i++) acc[i] /= this.trees.length;
    return acc;
  }

  /** Anomaly scores in (0, 1]: 2^(−mean path / c(sampleSize)); scikit-learn's score_samples is their negative. */
  score(x: Matrix): Float64Array {
    const h = this.pathLengths(x);
    const c = this.norm || 1;
    for (let i = 0; i < h.length; i++) h[i] = 2 ** (-h[i] / c);
    return h;
  }
}

/** Adds each tree's path length for rows [start, end) into `acc`, in row blocks that stay in cache while every tree walks them. */
export function walk(trees: Tree[], x: Matrix, d: number, start: number, end: number, acc: Float64Array): Float64Array {
  const BLOCK = 2048;
  for (let s = start; s < end; s += BLOCK) {
    const e = Math.min(end, s + BLOCK);
    for (const { feature, value, left } of trees) {
      for (let i = s, base = s * d; i < e; i++, base += d) {
        let node = 0;
        let f = feature[0];
        while (f >= 0) {
          node = x[base + f] <= value[node] ? left[node] : left[node] + 1;
          f = feature[node];
        }
        acc[i] += value[node];
      }
    }
  }
  return acc;
}

type ParallelWalk = (trees: Tree[], x: Matrix, d: number) => Float64Array | undefined;
let parallelWalk: ParallelWalk | undefined;

/** Installed by the Node side (isolation-forest-threads.ts): scoring across worker threads. */
export function setParallelWalk(f: ParallelWalk | undefined): void {
  parallelWalk = f;
}

function grow(x: Matrix, d: number, rows: Int32Array, maxDepth: number, rng: Rng): Tree {
  const feature: number[] = [], value: number[] = [], left: number[] = [];
  const node = () => (feature.push(-1), value.push(0), left.push(-1), feature.length - 1);
  const features = Int32Array.from({ length: d }, (_, i) => i);
  const split = (at: number, lo: number, hi: number, depth: number): void => {
    const size = hi - lo;
    if (size <= 1 || depth >= maxDepth) {
      value[at] = depth + averagePathLength(size);
      return;
    }
    // Draw features without replacement until one varies in this node (scikit-learn's random splitter).
    let f = -1, min = 0, max = 0;
    for (let remaining = d; remaining > 0 && f < 0; remaining--) {
      const j = Math.floor(rng() * remaining);
      const cand = features[j];
      features[j] = features[remaining - 1];
      features[remaining - 1] = cand;
      min = Infinity;
      max = -Infinity;
      for (let r = lo; r < hi; r++) {
        const v = x[rows[r] * d + cand];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max > min) f = cand;
    }
    if (f < 0) {
      value[at] = depth + averagePathLength(size);
      return;
    }
    let threshold = min + rng() * (max - min);
    if (threshold >= max) threshold = min;
    let i = lo, j = hi - 1;
    while (i <= j) {
      if (x[rows[i] * d + f] <= threshold) i++;
      else {
        const s = rows[i];
        rows[i] = rows[j];
        rows[j--] = s;
      }
    }
    const l = node();
    node();
    feature[at] = f;
    value[at] = threshold;
    left[at] = l;
    split(l, lo, i, depth + 1);
    split(l + 1, i, hi, depth + 1);
  };
  split(node(), 0, rows.length, 0);
  return { feature: Int32Array.from(feature), value: Float64Array.from(value), left: Int32Array.from(left) };
}

/** Fits a forest on `x` and scores the same rows (what an outlier panel needs). */
export function isolationForestScores(x: Matrix, dims: number, opts: IsolationForestOptions = {}): Float64Array {
  return new IsolationForest(x, dims, opts).score(x);
}
