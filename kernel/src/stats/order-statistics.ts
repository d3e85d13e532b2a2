/**
 * Several order statistics of one array at once: place the middle requested
 * rank with a quickselect, then recurse into the left part for the smaller
 * ranks and the right part for the larger ones. For the 11 decile edges
 * (up to 22 ranks) that is about n·log2(ranks) comparisons instead of a
 * selection per rank, or a full sort.
 */

function partitionAround(x: Float64Array, k: number, lo: number, hi: number): void {
  while (lo < hi) {
    const m = lo + ((hi - lo) >> 1);
    // Median of three as pivot.
    if (x[m] < x[lo]) [x[m], x[lo]] = [x[lo], x[m]];
    if (x[hi] < x[lo]) [x[hi], x[lo]] = [x[lo], x[hi]];
    if (x[hi] < x[m]) [x[hi], x[m]] = [x[m], x[hi]];
    const pivot = x[m];
    let i = lo;
    let j = hi;
    do {
      while (x[i] < pivot) i++;
      while (pivot < x[j]) j--;
      if (i <= j) {
        const t = x[i];
        x[i++] = x[j];
        x[j--] = t;
      }
    } while (i <= j);
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Values at the given ranks (0-based, ascending, distinct) of `x`, which is reordered. */
export function orderStatistics(x: Float64Array, ranks: number[]): Map<number, number> {
  const out = new Map<number, number>();
  const visit = (lo: number, hi: number, from: number, to: number): void => {
    if (from >= to) return;
    const mid = (from + to) >> 1;
    const k = ranks[mid];
    partitionAround(x, k, lo, hi);
    out.set(k, x[k]);
    visit(lo, k - 1, from, mid);
    visit(k + 1, hi, mid + 1, to);
  };
  visit(0, x.length - 1, 0, ranks.length);
  return out;
}

/**
 * The ranks NumPy's linear quantile at each p reads among n sorted values:
 * floor((n − 1)p), and the next one when p falls between two ranks. Sorted,
 * distinct. Callers that cannot hold the values (streamed statistics) find
 * these ranks their own way and hand them to `linearFrom`.
 */
export function linearRanks(n: number, ps: number[]): number[] {
  const ranks = new Set<number>();
  for (const p of ps) {
    const h = (n - 1) * p;
    const f = Math.floor(h);
    ranks.add(f);
    if (h > f) ranks.add(Math.min(f + 1, n - 1));
  }
  return [...ranks].sort((a, b) => a - b);
}

/** NumPy's linear quantile at p of n values, from the values at `linearRanks(n, [p])`. */
export function linearFrom(n: number, p: number, at: Map<number, number>): number {
  const h = (n - 1) * p;
  const f = Math.floor(h);
  const a = at.get(f)!;
  // a + 0 · (a − a) when p lands on a rank: the same arithmetic (and the same −0 → 0) as interpolating.
  return a + (h - f) * ((h > f ? at.get(Math.min(f + 1, n - 1))! : a) - a);
}

/** NumPy's default ('linear') quantiles of `x` at each p, by `orderStatistics`. `x` is reordered. */
export function linearQuantiles(x: Float64Array, ps: number[]): number[] {
  const n = x.length;
  if (n === 0) return ps.map(() => NaN);
  const at = orderStatistics(x, linearRanks(n, ps));
  return ps.map((p) => linearFrom(n, p, at));
}
