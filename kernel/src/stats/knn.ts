/**
 * k-nearest-neighbour outlier scores as PyOD's `KNN` computes them on its
 * training data (defaults: 5 neighbours, method 'largest', Euclidean): a
 * row's score is the distance to its k-th nearest *other* row ('mean' and
 * 'median' average or take the median of the k distances). Neighbours come
 * from a k-d tree (median splits on the widest dimension, buckets of 16), so
 * n queries cost about n log n distance evaluations in a few dimensions
 * instead of n².
 */

export interface KnnOptions {
  /** Neighbours (default 5, PyOD's n_neighbors). */
  k?: number;
  /** 'largest' (default), 'mean' or 'median', as PyOD's `method`. */
  method?: 'largest' | 'mean' | 'median';
}

const LEAF = 16;

interface KdTree {
  /** Row ids, permuted so each node's rows are contiguous. */
  idx: Int32Array;
  /** Per node: [lo, hi) range in idx, split dim (−1 leaf), split value, children. */
  lo: number[];
  hi: number[];
  dim: number[];
  split: number[];
  left: number[];
  right: number[];
}

function build(x: Float64Array, d: number, n: number): KdTree {
  const t: KdTree = { idx: Int32Array.from({ length: n }, (_, i) => i), lo: [], hi: [], dim: [], split: [], left: [], right: [] };
  const make = (lo: number, hi: number): number => {
    const id = t.lo.length;
    t.lo.push(lo), t.hi.push(hi), t.dim.push(-1), t.split.push(0), t.left.push(-1), t.right.push(-1);
    if (hi - lo <= LEAF) return id;
    let best = -1, spread = 0;
    for (let f = 0; f < d; f++) {
      let mn = Infinity, mx = -Infinity;
      for (let r = lo; r < hi; r++) {
        const v = x[t.idx[r] * d + f];
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      if (mx - mn > spread) [spread, best] = [mx - mn, f];
    }
    if (best < 0) return id;
    const mid = (lo + hi) >> 1;
    nthElement(t.idx, x, d, best, lo, hi - 1, mid);
    t.dim[id] = best;
    t.split[id] = x[t.idx[mid] * d + best];
    const l = make(lo, mid);
    const r = make(mid, hi);
    t.left[id] = l;
    t.right[id] = r;
    return id;
  };
  make(0, n);
  return t;
}

/** Quickselect on idx[lo..hi] by coordinate f so that idx[k] holds the k-th smallest. */
function nthElement(idx: Int32Array, x: Float64Array, d: number, f: number, lo: number, hi: number, k: number): void {
  const v = (i: number) => x[idx[i] * d + f];
  while (hi > lo) {
    const pivot = v((lo + hi) >> 1);
    let i = lo, j = hi;
    while (i <= j) {
      while (v(i) < pivot) i++;
      while (v(j) > pivot) j--;
      if (i <= j) {
        const s = idx[i];
        idx[i++] = idx[j];
        idx[j--] = s;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Squared distances from row q to its `m` nearest rows (itself included),
 * ascending, in `out` (length m).
 */
function nearest(t: KdTree, x: Float64Array, d: number, q: number, m: number, out: Float64Array): void {
  out.fill(Infinity);
  // `out` is kept sorted ascending; out[m - 1] is the current radius².
  const visit = (node: number): void => {
    const dim = t.dim[node];
    if (dim < 0) {
      const qb = q * d;
      for (let r = t.lo[node]; r < t.hi[node]; r++) {
        const b = t.idx[r] * d;
        let s = 0;
        for (let f = 0; f < d && s < out[m - 1]; f++) {
          const diff = x[qb + f] - x[b + f];
          s += diff * diff;
        }
        if (s < out[m - 1]) {
          let p = m - 1;
          while (p > 0 && out[p - 1] > s) {
            out[p] = out[p - 1];
            p--;
          }
          out[p] = s;
        }
      }
      return;
    }
    const diff = x[q * d + dim] - t.split[node];
    const [near, far] = diff < 0 ? [t.left[node], t.right[node]] : [t.right[node], t.left[node]];
    visit(near);
    if (diff * diff <= out[m - 1]) visit(far);
  };
  visit(0);
}

/** PyOD-style kNN scores of every row of `x` (n rows × d, row-major) against the other rows. */
export function knnScores(x: Float64Array, d: number, opts: KnnOptions = {}): Float64Array {
  const { k = 5, method = 'largest' } = opts;
  const n = d > 0 ? x.length / d : 0;
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a whole number ≥ 1, got ${k}`);
  if (n <= k) throw new RangeError(`kNN with k = ${k} needs more than ${k} rows, got ${n}`);
  const tree = build(x, d, n);
  const m = k + 1;
  const dist = new Float64Array(m);
  const out = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    nearest(tree, x, d, q, m, dist);
    // The nearest is the row itself (or an identical row: the same distance, 0), as excluding it by index gives.
    if (method === 'largest') out[q] = Math.sqrt(dist[k]);
    else if (method === 'mean') {
      let s = 0;
      for (let j = 1; j <= k; j++) s += Math.sqrt(dist[j]);
      out[q] = s / k;
    } else {
      const a = Math.sqrt(dist[1 + ((k - 1) >> 1)]), b = Math.sqrt(dist[1 + (k >> 1)]);
      out[q] = (a + b) / 2;
    }
  }
  return out;
}
