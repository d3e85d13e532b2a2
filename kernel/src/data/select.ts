/**
 * Quantiles without sorting. Small inputs use selection: Floyd and
 * Rivest's SELECT (1975), which recurses on a small sample around the wanted
 * rank before partitioning, so the pivot lands close to the answer and a
 * rank costs about 1.5 n comparisons (quickselect's median-of-three pivots
 * take about 3 n). Large ones first narrow each rank down with a histogram.
 */

function swap(x: Float64Array, i: number, j: number): void {
  const t = x[i];
  x[i] = x[j];
  x[j] = t;
}

/** Moves the k-th smallest of x[lo..hi] to x[k], with no larger value before it and no smaller one after. */
export function select(x: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    if (hi - lo > 600) {
      const n = hi - lo + 1;
      const m = k - lo + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m < n / 2 ? -1 : 1);
      select(x, k, Math.max(lo, Math.floor(k - (m * s) / n + sd)), Math.min(hi, Math.floor(k + ((n - m) * s) / n + sd)));
    }
    // Partition x[lo..hi] around t = x[k], which the sample step has made a good pivot.
    const t = x[k];
    let i = lo;
    let j = hi;
    swap(x, lo, k);
    if (x[hi] > t) swap(x, lo, hi);
    while (i < j) {
      swap(x, i, j);
      i++;
      j--;
      while (x[i] < t) i++;
      while (x[j] > t) j--;
    }
    if (x[lo] === t) swap(x, lo, j);
    else swap(x, ++j, hi);
    if (j <= k) lo = j + 1;
    if (k <= j) hi = j - 1;
  }
}

/**
 * Top 16 bits of a double's place in the float64 order, from its high 32-bit
 * word (as int32): negatives have all bits flipped, the rest their sign bit
 * set. Branch-free, since half the values of a column may be negative.
 */
const bucketOf = (hi: number) => (hi ^ ((hi >> 31) | 0x80000000)) >>> 16;

/**
 * The values at the given ranks of x (no NaN), by a histogram instead of
 * comparisons: one pass counts values per bucket (the top 16 bits of their
 * place in the float64 order), the counts say which bucket holds each rank,
 * a second pass gathers those few buckets, and selection within them is
 * cheap. Partitioning a million random values mispredicts a branch at every
 * other comparison; counting has no such branch.
 */
function ranksByHistogram(x: Float64Array, ranks: number[]): Map<number, number> {
  const words = new Int32Array(x.buffer, x.byteOffset, x.length * 2);
  // below[b]: how many values fall in buckets before b.
  const below = new Int32Array(65537);
  for (let i = 1; i < words.length; i += 2) below[bucketOf(words[i]) + 1]++;
  for (let b = 1; b <= 65536; b++) below[b] += below[b - 1];
  const bucketOfRank = (r: number) => {
    let lo = 0;
    let hi = 65535;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (below[mid] <= r) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const slot = new Int16Array(65536).fill(-1);
  const parts: Float64Array[] = [];
  const wanted = ranks.map((r) => {
    const b = bucketOfRank(r);
    if (slot[b] < 0) slot[b] = parts.push(new Float64Array(below[b + 1] - below[b])) - 1;
    return b;
  });
  const filled = new Int32Array(parts.length);
  for (let i = 0; i < x.length; i++) {
    const s = slot[bucketOf(words[2 * i + 1])];
    if (s >= 0) parts[s][filled[s]++] = x[i];
  }
  const value = new Map<number, number>();
  ranks.forEach((r, k) => {
    const part = parts[slot[wanted[k]]];
    const at = r - below[wanted[k]];
    select(part, at, 0, part.length - 1);
    value.set(r, part[at]);
  });
  return value;
}

/** Below this many values, selecting in place beats allocating a histogram. */
const SMALL = 1 << 14;

function ranksBySelection(x: Float64Array, ranks: number[]): Map<number, number> {
  const value = new Map<number, number>();
  let lo = 0;
  for (const r of ranks) {
    select(x, r, lo, x.length - 1);
    value.set(r, x[r]);
    lo = r;
  }
  return value;
}

/** pandas' linear-interpolation quantiles of x (no NaN), which may be reordered. */
export function quantilesInPlace(x: Float64Array, ps: number[]): number[] {
  const n = x.length;
  if (n === 0) return ps.map(() => NaN);
  const ranks = [...new Set(ps.flatMap((p) => [Math.floor((n - 1) * p), Math.min(Math.floor((n - 1) * p) + 1, n - 1)]))].sort((a, b) => a - b);
  const value = n < SMALL ? ranksBySelection(x, ranks) : ranksByHistogram(x, ranks);
  return ps.map((p) => {
    const h = (n - 1) * p;
    const f = Math.floor(h);
    const a = value.get(f)!;
    const b = value.get(Math.min(f + 1, n - 1))!;
    return a + (h - f) * (b - a);
  });
}
