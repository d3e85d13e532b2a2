/**
 * A y range that a few wild points cannot flatten: the 5th–95th percentile of
 * what is drawn, widened by a margin, and grown to include everything unless a
 * point lies far outside (then it is clipped and marked at the chart's edge).
 */
export interface RobustRange {
  min: number;
  max: number;
  /** Some values fall below / above the range and are drawn clipped at the edge. */
  clippedLow: boolean;
  clippedHigh: boolean;
}

export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * `values` are what is drawn (finite ones count); `log` ranges positive values
 * in log space. A point is clipped when it lies more than `reach` times the
 * 5–95 % spread beyond it.
 */
export function robustRange(values: Iterable<number>, opts: { log?: boolean; low?: number; high?: number; reach?: number } = {}): RobustRange {
  const { log = false, low = 0.05, high = 0.95, reach = 1 } = opts;
  const t = (v: number) => (log ? Math.log10(v) : v);
  const inv = (v: number) => (log ? 10 ** v : v);
  const xs: number[] = [];
  for (const v of values) if (Number.isFinite(v) && (!log || v > 0)) xs.push(t(v));
  if (xs.length === 0) return { min: log ? 0.1 : 0, max: log ? 10 : 1, clippedLow: false, clippedHigh: false };
  xs.sort((a, b) => a - b);
  const qlo = quantileSorted(xs, low);
  const qhi = quantileSorted(xs, high);
  const spread = qhi - qlo || Math.abs(qhi) * 0.1 || 1;
  const floor = qlo - reach * spread;
  const ceil = qhi + reach * spread;
  let lo = Math.max(xs[0], floor);
  let hi = Math.min(xs[xs.length - 1], ceil);
  const clippedLow = xs[0] < floor;
  const clippedHigh = xs[xs.length - 1] > ceil;
  if (hi - lo <= 0) {
    const pad = Math.abs(hi) * 0.05 || 0.5;
    lo -= pad;
    hi += pad;
  } else {
    const pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
  }
  return { min: inv(lo), max: inv(hi), clippedLow, clippedHigh };
}
