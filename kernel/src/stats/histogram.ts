/**
 * Facets' two numeric histograms over the finite values of a column:
 * equal-width buckets computed exactly as NumPy's `np.histogram(x, bins)`
 * (same edges from `linspace`, same bucket of a value on an edge), and the
 * "quantiles" histogram of `np.percentile` at 0, 10, …, 100 % (linear
 * interpolation; each bucket holds a tenth of the values). Weighted variants
 * sum weights instead of counting.
 */
import { linearQuantiles } from './order-statistics.js';

/** Bucket edges as `np.histogram` picks them: [min, max], widened by ±0.5 when min == max, [0, 1] when empty. */
export function equalWidthEdges(min: number, max: number, buckets: number): Float64Array {
  let first = min;
  let last = max;
  if (!(first <= last)) [first, last] = [0, 1];
  if (first === last) [first, last] = [first - 0.5, last + 0.5];
  const edges = new Float64Array(buckets + 1);
  const step = (last - first) / buckets;
  for (let i = 0; i < buckets; i++) edges[i] = i * step + first;
  edges[buckets] = last;
  return edges;
}

/** Counts (or summed weights) per bucket; `x` must be finite and within the edges. */
export function equalWidthCounts(x: ArrayLike<number>, edges: Float64Array, weights?: ArrayLike<number>): Float64Array {
  const buckets = edges.length - 1;
  const first = edges[0];
  // A multiply, not a divide, per value: the comparisons with the edges below settle a value the rounding moved.
  const perSpan = buckets / (edges[buckets] - first);
  const counts = new Float64Array(buckets);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    let b = Math.trunc((v - first) * perSpan);
    if (b === buckets) b--;
    if (v < edges[b]) b--;
    else if (b !== buckets - 1 && v >= edges[b + 1]) b++;
    counts[b] += weights ? weights[i] : 1;
  }
  return counts;
}

/** The fractions of the quantile histogram's edges: 0, 0.1, …, 1 (as Facets' generator computes them, via percent). */
export function decilePs(quantileBuckets = 10): number[] {
  return Array.from({ length: quantileBuckets + 1 }, (_, i) => (i * 100) / quantileBuckets / 100);
}

/** The 11 decile edges of `x` as `np.percentile` (linear) computes them. `x` is reordered. */
export function deciles(x: Float64Array, quantileBuckets = 10): number[] {
  return linearQuantiles(x, decilePs(quantileBuckets));
}

/**
 * Weighted quantiles: for each p the smallest value whose cumulative weight
 * reaches p × total (p = 0: the smallest value of positive weight). With equal
 * weights this is the "inverted CDF" definition, not NumPy's interpolation.
 */
export function weightedQuantiles(x: ArrayLike<number>, w: ArrayLike<number>, ps: number[]): number[] {
  const order = new Uint32Array(x.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b]);
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w[i];
  const out: number[] = [];
  let cum = 0;
  let j = 0;
  for (const p of ps) {
    const target = p * total;
    while (j < order.length && (w[order[j]] <= 0 || cum + w[order[j]] < target)) cum += w[order[j++]];
    out.push(j < order.length ? x[order[j]] : order.length ? x[order[order.length - 1]] : NaN);
  }
  return out;
}
