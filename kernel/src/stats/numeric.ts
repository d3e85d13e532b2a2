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
 */
import type { CustomStatistic, Histogram, NumericStatistics } from '../mime/index.js';
import { linearQuantiles, orderStatistics } from './order-statistics.js';
import { commonStatistics, customNum, customStr } from './common.js';
import { deciles, equalWidthCounts, equalWidthEdges, weightedQuantiles } from './histogram.js';
import type { NumericScan } from './numeric-scan.js';
import { protoDouble as d } from './proto-json.js';

export interface NumericOptions {
  buckets: number;
  quantileBuckets: number;
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

/** np.median over [-Inf × negInf, finite (any order), +Inf × posInf]. */
function medianWithInfinities(x: Float64Array, negInf: number, posInf: number): number {
  const n = negInf + x.length + posInf;
  const at = (r: number): number => {
    if (r < negInf) return -Infinity;
    if (r >= negInf + x.length) return Infinity;
    return orderStatistics(x, [r - negInf]).get(r - negInf)!;
  };
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

export function numericStatistics(s: NumericScan, o: NumericOptions): { stats: NumericStatistics; custom: CustomStatistic[] } {
  const present = s.rows - s.missing;
  const custom = [customNum('tsml.numNan', s.nan), customNum('tsml.numPosInf', s.posInf), customNum('tsml.numNegInf', s.negInf)];
  const stats: NumericStatistics = { commonStats: commonStatistics(s.rows, s.missing, s.weighted, o.quantileBuckets) };
  if (present === 0) {
    if (s.nan > 0) stats.histograms = [{ numNan: s.nan, type: 'STANDARD' }];
    return { stats, custom };
  }
  const x = s.finite;
  const k = x.length;
  const inf = s.posInf + s.negInf;
  const mean = infiniteMean(s.posInf, s.negInf) ?? s.sum / k;
  const edges = equalWidthEdges(s.min, s.max, o.buckets);
  let ss = 0;
  for (let i = 0; i < k; i++) ss += (x[i] - mean) ** 2;
  const histograms = [standard(equalWidthCounts(x, edges), edges, s.nan, s.negInf, s.posInf)];
  let weighted: NumericStatistics['weightedNumericStats'];
  if (s.weighted && s.finiteWeights) {
    const w = s.finiteWeights;
    let wf = 0;
    for (let i = 0; i < k; i++) wf += w[i];
    const wmean = infiniteMean(s.weighted.posInf, s.weighted.negInf) ?? s.weighted.sum / wf;
    let wss = 0;
    for (let i = 0; i < k; i++) wss += w[i] * (x[i] - wmean) ** 2;
    const wq = weightedQuantiles(x, w, Array.from({ length: o.quantileBuckets + 1 }, (_, i) => i / o.quantileBuckets));
    weighted = {
      mean: d(wmean),
      stdDev: d(s.weighted.posInf + s.weighted.negInf > 0 ? NaN : Math.sqrt(wss / wf)),
      median: d(weightedQuantiles(x, w, [0.5])[0]),
      histograms: [
        standard(equalWidthCounts(x, edges, w), edges, s.nan, s.weighted.negInf, s.weighted.posInf),
        ...(k ? [quantiles(wq, wf / o.quantileBuckets)] : []),
      ],
    };
  }
  let median: number;
  if (k) {
    const q = deciles(x, o.quantileBuckets);
    histograms.push(quantiles(q, k / o.quantileBuckets));
    median = inf ? medianWithInfinities(x, s.negInf, s.posInf) : o.quantileBuckets % 2 === 0 ? q[o.quantileBuckets / 2] : linearQuantiles(x, [0.5])[0];
  } else median = medianWithInfinities(x, s.negInf, s.posInf);
  Object.assign(stats, {
    mean: d(mean),
    stdDev: d(inf ? NaN : Math.sqrt(ss / k)),
    numZeros: s.zeros,
    min: d(s.negInf ? -Infinity : k ? s.min : Infinity),
    median: d(median),
    max: d(s.posInf ? Infinity : k ? s.max : -Infinity),
    histograms,
  } satisfies NumericStatistics);
  if (weighted) stats.weightedNumericStats = weighted;
  custom.push(customStr('tsml.quantiles', 'exact'));
  return { stats, custom };
}
