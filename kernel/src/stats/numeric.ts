/**
 * Facets' NumericStatistics from a numeric scan. Definitions follow Facets'
 * Python generator (which uses NumPy): NaN is missing; ±Infinity are values,
 * so they enter mean (±Infinity, or NaN when both signs are present),
 * std_dev (NaN), min, max and median, but not the histograms' bucket edges;
 * the equal-width histogram adds them to its first / last bucket, whose edge
 * becomes -Infinity / Infinity. std_dev is the population one (ddof = 0, as
 * `np.std`), not pandas' sample one (ddof = 1). NaN and ±Infinity are also
 * reported on their own: `numNan` of the histograms and the custom stats
 * `tsml.numNan`, `tsml.numPosInf`, `tsml.numNegInf`.
 *
 * The work is split so that data that is not in memory can share it:
 * `numericPlan` says, from the counts alone, what a second look at the finite
 * values must find (mean, bucket edges, ranks); `numericFromSummary` builds
 * the proto from what was found. In memory that second look is a loop and a
 * multi-rank selection; streamed statistics (stream/) read the file again.
 */
import type { CustomStatistic, Histogram, NumericStatistics } from '../mime/index.js';
import { linearFrom, linearRanks } from './order-statistics.js';
import { valuesByCells } from './bin-select.js';
import { commonStatistics, customNum, customStr } from './common.js';
import { decilePs, equalWidthCounts, equalWidthEdges, weightedQuantiles } from './histogram.js';
import type { NumericCounts, NumericScan } from './numeric-scan.js';
import { protoDouble as d } from './proto-json.js';

export interface NumericOptions {
  buckets: number;
  quantileBuckets: number;
}

/** What the finite values must yield, decided from the counts alone. */
export interface NumericPlan {
  /** ±Infinity or NaN when the column holds infinities (std_dev is then NaN whatever the squares). */
  mean: number;
  edges: Float64Array;
  /** 0-based ranks among the finite values (ascending, distinct) whose values the deciles and median need. */
  ranks: number[];
}

/** What a second look at the finite values found. */
export interface FiniteSummary {
  /** Σ (x − plan.mean)² over the finite values. */
  squares: number;
  /** Counts per bucket of `plan.edges`. */
  counts: Float64Array;
  /** The value at each of `plan.ranks`. */
  at: Map<number, number>;
  /**
   * Set when some values in `at` are not the exact order statistics: the
   * largest distance, as a fraction of the finite values, between a
   * requested rank and the true ranks of the value given for it.
   */
  rankError?: number;
}

function infiniteMean(pos: number, neg: number): number | null {
  if (pos > 0 && neg > 0) return NaN;
  return pos > 0 ? Infinity : neg > 0 ? -Infinity : null;
}

/** Equal-width histogram with infinities folded into the end buckets, as Facets does. */
function standard(counts: Float64Array, edges: Float64Array, nan: number, negInf: number, posInf: number): Histogram {
  const buckets = Array.from(counts, (c, i) => ({ lowValue: edges[i], highValue: edges[i + 1], sampleCount: c }));
  if (negInf > 0) Object.assign(buckets[0], { lowValue: -Infinity, sampleCount: buckets[0].sampleCount + negInf });
  const last = buckets[buckets.length - 1];
  if (posInf > 0) Object.assign(last, { highValue: Infinity, sampleCount: last.sampleCount + posInf });
  return {
    numNan: nan,
    type: 'STANDARD',
    buckets: buckets.map((b) => ({ lowValue: d(b.lowValue), highValue: d(b.highValue), sampleCount: b.sampleCount })),
  };
}

function quantiles(q: number[], perBucket: number): Histogram {
  return { type: 'QUANTILES', buckets: q.slice(1).map((high, i) => ({ lowValue: d(q[i]), highValue: d(high), sampleCount: perBucket })) };
}

/** The ranks np.median reads over [-Inf × negInf, finite, +Inf × posInf]. */
function medianRanks(negInf: number, k: number, posInf: number): number[] {
  const n = negInf + k + posInf;
  return n % 2 ? [(n - 1) / 2] : [n / 2 - 1, n / 2];
}

/** np.median over [-Inf × negInf, finite (values at their ranks in `at`), +Inf × posInf]. */
function medianWithInfinities(at: Map<number, number>, negInf: number, k: number, posInf: number): number {
  const value = (r: number): number => (r < negInf ? -Infinity : r >= negInf + k ? Infinity : at.get(r - negInf)!);
  const [a, b] = medianRanks(negInf, k, posInf).map(value);
  return b === undefined ? a : (a + b) / 2;
}

export function numericPlan(s: NumericCounts, o: NumericOptions): NumericPlan {
  const k = s.count;
  const ranks = k ? linearRanks(k, [...decilePs(o.quantileBuckets), 0.5]) : [];
  if (s.posInf + s.negInf) {
    for (const r of medianRanks(s.negInf, k, s.posInf)) if (r >= s.negInf && r < s.negInf + k) ranks.push(r - s.negInf);
  }
  return {
    mean: infiniteMean(s.posInf, s.negInf) ?? s.sum / k,
    edges: equalWidthEdges(s.min, s.max, o.buckets),
    ranks: [...new Set(ranks)].sort((a, b) => a - b),
  };
}

/** The proto from the counts, the plan and what the finite values yielded for it. */
export function numericFromSummary(s: NumericCounts, plan: NumericPlan, f: FiniteSummary, o: NumericOptions): { stats: NumericStatistics; custom: CustomStatistic[] } {
  const present = s.rows - s.missing;
  const custom = [customNum('tsml.numNan', s.nan), customNum('tsml.numPosInf', s.posInf), customNum('tsml.numNegInf', s.negInf)];
  const stats: NumericStatistics = { commonStats: commonStatistics(s.rows, s.missing, undefined, o.quantileBuckets) };
  if (present === 0) {
    if (s.nan > 0) stats.histograms = [{ numNan: s.nan, type: 'STANDARD' }];
    return { stats, custom };
  }
  const k = s.count;
  const inf = s.posInf + s.negInf;
  const histograms = [standard(f.counts, plan.edges, s.nan, s.negInf, s.posInf)];
  if (k) histograms.push(quantiles(decilePs(o.quantileBuckets).map((p) => linearFrom(k, p, f.at)), k / o.quantileBuckets));
  Object.assign(stats, {
    mean: d(plan.mean),
    stdDev: d(inf ? NaN : Math.sqrt(f.squares / k)),
    numZeros: s.zeros,
    min: d(s.negInf ? -Infinity : k ? s.min : Infinity),
    median: d(inf ? medianWithInfinities(f.at, s.negInf, k, s.posInf) : linearFrom(k, 0.5, f.at)),
    max: d(s.posInf ? Infinity : k ? s.max : -Infinity),
    histograms,
  } satisfies NumericStatistics);
  if (f.rankError === undefined) custom.push(customStr('tsml.quantiles', 'exact'));
  else custom.push(customStr('tsml.quantiles', 'approximate'), customNum('tsml.quantilesApproximate', 1), customNum('tsml.quantilesRankError', f.rankError));
  return { stats, custom };
}

/** In memory: the second look is a loop over `s.finite` and one multi-rank selection; weights are handled here only. */
export function numericStatistics(s: NumericScan, o: NumericOptions): { stats: NumericStatistics; custom: CustomStatistic[] } {
  const plan = numericPlan(s, o);
  const x = s.finite;
  const k = x.length;
  let squares = 0;
  for (let i = 0; i < k; i++) squares += (x[i] - plan.mean) ** 2;
  const counts = equalWidthCounts(x, plan.edges);
  const weighted = s.rows > s.missing && s.weighted && s.finiteWeights ? weightedStatistics(s, plan.edges, o) : undefined;
  // The ranks through equal-width cells over [min, max] (two passes, values not moved) rather than a multi-rank quickselect.
  const out = numericFromSummary(s, plan, { squares, counts, at: valuesByCells(x, s.min, s.max, plan.ranks) }, o);
  if (s.weighted) {
    out.stats.commonStats = commonStatistics(s.rows, s.missing, s.weighted, o.quantileBuckets);
    // Facets' proto has no weighted zero count; the Overview's weighted zeros % needs one.
    out.custom.push(customNum('tsml.weightedNumZeros', s.weighted.zeros));
  }
  if (weighted) out.stats.weightedNumericStats = weighted;
  return out;
}

function weightedStatistics(s: NumericScan, edges: Float64Array, o: NumericOptions): NumericStatistics['weightedNumericStats'] {
  const x = s.finite;
  const w = s.finiteWeights!;
  const sw = s.weighted!;
  const k = x.length;
  let wf = 0;
  for (let i = 0; i < k; i++) wf += w[i];
  const wmean = infiniteMean(sw.posInf, sw.negInf) ?? sw.sum / wf;
  let wss = 0;
  for (let i = 0; i < k; i++) wss += w[i] * (x[i] - wmean) ** 2;
  const wq = weightedQuantiles(x, w, decilePs(o.quantileBuckets));
  return {
    mean: d(wmean),
    stdDev: d(sw.posInf + sw.negInf > 0 ? NaN : Math.sqrt(wss / wf)),
    median: d(weightedQuantiles(x, w, [0.5])[0]),
    histograms: [standard(equalWidthCounts(x, edges, w), edges, s.nan, sw.negInf, sw.posInf), ...(k ? [quantiles(wq, wf / o.quantileBuckets)] : [])],
  };
}
