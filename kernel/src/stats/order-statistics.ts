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

/** NumPy's default ('linear') quantiles of `x` at each p, by `orderStatistics`. `x` is reordered. */
export function linearQuantiles(x: Float64Array, ps: number[]): number[] {
  const n = x.length;
  if (n === 0) return ps.map(() => NaN);
  const ranks = [...new Set(ps.flatMap((p) => [Math.floor((n - 1) * p), Math.min(Math.floor((n - 1) * p) + 1, n - 1)]))].sort((a, b) => a - b);
  const at = orderStatistics(x, ranks);
  return ps.map((p) => {
    const h = (n - 1) * p;
    const f = Math.floor(h);
    const a = at.get(f)!;
    return a + (h - f) * (at.get(Math.min(f + 1, n - 1))! - a);
  });
}
