/**
 * Isolation Forest (Liu, Ting & Zhou 2008) as scikit-learn builds it:
 * `nTrees` trees, each grown on `sampleSize` rows drawn without replacement
 * (default min(256, n)), splitting on a random non-constant feature at a
 * threshold drawn uniformly between the node's min and max (rows ≤ the
 * threshold go left), down to depth ceil(log2(sampleSize)). A row's path
 * length is its depth plus c(size of the leaf it lands in); its score is
 * 2^(−mean path / c(sampleSize)), in (0, 1], higher meaning easier to isolate
 * (scikit-learn's `-score_samples`). Seeded: the same seed, the same forest,
 * the same scores bit for bit, however many threads score.
 *
 * Scoring is where the time goes (1 M rows × 100 trees × 8 levels), so the
 * trees are stored for it: each one padded to a complete tree of the
 * forest's depth in heap order (children of node i at 2i + 1 and 2i + 2, a
 * shallow leaf's value copied to every leaf slot below it), in three flat
 * typed arrays for the whole forest. A walk is then exactly `depth` steps of
 * `node = 2·node + 2 − (x ≤ threshold)`: no branch to mispredict and no
 * child pointer to load, and four rows walk each tree side by side so their
 * loads overlap. Rows are read row-major (one cache line per row) in blocks
 * that stay in cache while every tree walks them. Forests deeper than 12
 * levels (sampleSize above 4,096) would pad to too many nodes; they keep
 * linked trees and a plain walk.
 */
export type Matrix = Float32Array | Float64Array;
import { createRng, type Rng } from '../random/index.js';

export interface IsolationForestOptions {
  nTrees?: number;
  sampleSize?: number;
  seed?: number;
  /** Threads that score (default: the cores, at most 4; 1 = the calling thread only). Scores do not depend on it. */
  threads?: number;
}

const EULER = 0.5772156649015329;

/** Average path length of an unsuccessful search in a binary search tree of n items (scikit-learn's _average_path_length). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER) - (2 * (n - 1)) / n;
}

/** Rows × trees above which scoring uses worker threads. */
const PARALLEL_WORK = 4_000_000;
/** Deepest forest stored as complete trees (2^13 − 1 slots per tree). */
const MAX_COMPLETE_DEPTH = 12;

/** A forest of complete trees in heap order, `trees` × (2^depth − 1) split slots and × 2^depth leaf slots. */
export interface CompleteForest {
  depth: number;
  trees: number;
  features: Int32Array;
  thresholds: Float64Array;
  /** Path length a row ending in each leaf slot adds (depth + c(leaf size)). */
  leaves: Float64Array;
}

/** A tree as grown: split feature (−1 at a leaf), threshold (at a leaf: its path length), left child (right = left + 1). */
interface LinkedTree {
  feature: Int32Array;
  value: Float64Array;
  left: Int32Array;
}

/** A seeded Isolation Forest fitted on a row-major matrix; `score(x)` gives each row's anomaly score in (0, 1]. */
export class IsolationForest {
  private linked: LinkedTree[] = [];
  private readonly complete?: CompleteForest;
  readonly nTrees: number;
  readonly sampleSize: number;
  readonly dims: number;
  private readonly norm: number;
  private readonly threads?: number;

  /** Fits on `x`, n rows of `dims` values each, row-major. */
  constructor(x: Matrix, dims: number, opts: IsolationForestOptions = {}) {
    const n = dims > 0 ? x.length / dims : 0;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`isolationForest needs at least one row of ${dims} values, got ${x.length} values`);
    const { nTrees = 100, seed = 0 } = opts;
    if (!(Number.isInteger(nTrees) && nTrees >= 1)) throw new RangeError(`isolationForest: nTrees is a whole number ≥ 1, got ${nTrees}`);
    this.nTrees = nTrees;
    this.dims = dims;
    this.threads = opts.threads;
    this.sampleSize = Math.min(opts.sampleSize ?? 256, n);
    this.norm = averagePathLength(this.sampleSize);
    const rng = createRng(seed);
    const maxDepth = Math.ceil(Math.log2(Math.max(this.sampleSize, 2)));
    // Partial Fisher–Yates on an identity pool, undone after each draw: a uniform sample without replacement for O(sampleSize).
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    const picks = new Int32Array(this.sampleSize);
    const swap = (i: number, j: number) => {
      const s = pool[i];
      pool[i] = pool[j];
      pool[j] = s;
    };
    for (let t = 0; t < nTrees; t++) {
      for (let i = 0; i < this.sampleSize; i++) swap(i, (picks[i] = i + Math.floor(rng() * (n - i))));
      const sample = pool.slice(0, this.sampleSize);
      for (let i = this.sampleSize - 1; i >= 0; i--) swap(i, picks[i]);
      this.linked.push(grow(x, dims, sample, maxDepth, rng));
    }
    if (maxDepth <= MAX_COMPLETE_DEPTH) {
      this.complete = completeForest(this.linked, maxDepth);
      this.linked = [];
    }
  }

  /** Mean path length per row of `x` (row-major, `dims` values per row); large inputs are split over worker threads. */
  pathLengths(x: Matrix): Float64Array {
    const n = x.length / this.dims;
    if (!Number.isInteger(n)) throw new RangeError(`isolationForest: ${x.length} values are not whole rows of ${this.dims}`);
    const f = this.complete;
    let acc: Float64Array | undefined;
    if (f) {
      const threads = Math.max(1, Math.floor(this.threads ?? Infinity));
      if (parallelWalk && threads > 1 && n * f.trees >= PARALLEL_WORK) acc = parallelWalk(f, x, this.dims, threads);
      acc ??= walkForest(f.features, f.thresholds, f.leaves, f.depth, f.trees, x, this.dims, 0, n, new Float64Array(n));
    } else acc = walkLinked(this.linked, x, this.dims, new Float64Array(n));
    for (let i = 0; i < n; i++) acc[i] /= this.nTrees;
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

/**
 * Adds every tree's path length for rows [start, end) of `x` into `acc`. It
 * refers to nothing outside itself: worker threads run it from its source text.
 */
export function walkForest(
  features: Int32Array, thresholds: Float64Array, leaves: Float64Array, depth: number, trees: number,
  x: Float32Array | Float64Array, d: number, start: number, end: number, acc: Float64Array,
): Float64Array {
  const inner = (1 << depth) - 1;
  const BLOCK = 1024;
  for (let s = start; s < end; s += BLOCK) {
    const e = Math.min(end, s + BLOCK);
    for (let t = 0; t < trees; t++) {
      const f = t * inner;
      // Leaf slot of heap node k: k − inner, in tree t's leaves.
      const v = t * (inner + 1) - inner;
      let i = s, base = s * d;
      for (; i + 3 < e; i += 4, base += 4 * d) {
        let a = 0, b = 0, c = 0, q = 0;
        for (let k = 0; k < depth; k++) {
          a = 2 * a + 2 - +(x[base + features[f + a]] <= thresholds[f + a]);
          b = 2 * b + 2 - +(x[base + d + features[f + b]] <= thresholds[f + b]);
          c = 2 * c + 2 - +(x[base + 2 * d + features[f + c]] <= thresholds[f + c]);
          q = 2 * q + 2 - +(x[base + 3 * d + features[f + q]] <= thresholds[f + q]);
        }
        acc[i] += leaves[v + a];
        acc[i + 1] += leaves[v + b];
        acc[i + 2] += leaves[v + c];
        acc[i + 3] += leaves[v + q];
      }
      for (; i < e; i++, base += d) {
        let a = 0;
        for (let k = 0; k < depth; k++) a = 2 * a + 2 - +(x[base + features[f + a]] <= thresholds[f + a]);
        acc[i] += leaves[v + a];
      }
    }
  }
  return acc;
}

function walkLinked(trees: LinkedTree[], x: Matrix, d: number, acc: Float64Array): Float64Array {
  for (const { feature, value, left } of trees) {
    for (let i = 0, base = 0; i < acc.length; i++, base += d) {
      let node = 0;
      while (feature[node] >= 0) node = x[base + feature[node]] <= value[node] ? left[node] : left[node] + 1;
      acc[i] += value[node];
    }
  }
  return acc;
}

/** The linked trees as complete trees of `depth` levels in heap order (a leaf above the bottom fills every slot below it). */
function completeForest(trees: LinkedTree[], depth: number): CompleteForest {
  const inner = (1 << depth) - 1;
  const features = new Int32Array(trees.length * inner);
  const thresholds = new Float64Array(trees.length * inner);
  const leaves = new Float64Array(trees.length * (inner + 1));
  trees.forEach((tree, t) => {
    const place = (node: number, at: number, level: number): void => {
      if (tree.feature[node] < 0) {
        const span = 1 << (depth - level);
        const first = t * (inner + 1) + (at + 1) * span - (inner + 1);
        leaves.fill(tree.value[node], first, first + span);
        return;
      }
      features[t * inner + at] = tree.feature[node];
      thresholds[t * inner + at] = tree.value[node];
      place(tree.left[node], 2 * at + 1, level + 1);
      place(tree.left[node] + 1, 2 * at + 2, level + 1);
    };
    place(0, 0, 0);
  });
  return { depth, trees: trees.length, features, thresholds, leaves };
}

type ParallelWalk = (f: CompleteForest, x: Matrix, d: number, threads: number) => Float64Array | undefined;
let parallelWalk: ParallelWalk | undefined;

/** Installed by the Node side (isolation-forest-threads.ts): scoring across worker threads. */
export function setParallelWalk(f: ParallelWalk | undefined): void {
  parallelWalk = f;
}

function grow(x: Matrix, d: number, rows: Int32Array, maxDepth: number, rng: Rng): LinkedTree {
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
