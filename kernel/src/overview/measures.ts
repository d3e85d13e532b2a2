/**
 * What the Overview sorts and highlights by: red flags per feature and
 * dataset, non-uniformity (normalised entropy) and the distribution distance
 * between datasets. Pure functions over the model.
 */
import type { Bucket, Feature, FeatureStats } from './model.js';

/** Facets' thresholds: red when more than 2 % is missing or more than 10 % is zero. */
export const MISSING_RED = 0.02;
export const ZEROS_RED = 0.1;
/**
 * A feature's datasets differ when the chi-square distance of their
 * distributions exceeds this. Measured on seeded normals: two samples of one
 * distribution give ~0.001 (10k rows each) to ~0.004 (1k rows); a mean shift
 * of 0.25 sd gives ~0.012, of 0.5 sd ~0.05.
 */
export const SHIFT_RED = 0.02;

/** NaN counts as missing (as in Facets) but is flagged apart; ±Infinity distorts mean, std dev, min and max. */
export type Flag = 'missing' | 'zeros' | 'empty' | 'nan' | 'infinite';

export const missingRatio = (s: FeatureStats) => (s.examples > 0 ? s.missing / s.examples : 0);
export const zerosRatio = (s: FeatureStats) => (s.numeric && s.examples > 0 ? s.numeric.zeros / s.examples : 0);

/** The red flags of one feature in one dataset. */
export function flagsOf(s: FeatureStats | null): Set<Flag> {
  const flags = new Set<Flag>();
  if (!s) return flags;
  if (missingRatio(s) > MISSING_RED) flags.add('missing');
  if (zerosRatio(s) > ZEROS_RED) flags.add('zeros');
  if (s.count === 0) flags.add('empty');
  if (s.numeric && s.numeric.nan > 0) flags.add('nan');
  if (s.numeric && s.numeric.posInf + s.numeric.negInf > 0) flags.add('infinite');
  return flags;
}

/** 1 − H(p)/log(k): 0 for a flat distribution, towards 1 for one value dominating. */
export function nonUniformityOf(counts: number[], categories = counts.length, restMass = 0): number {
  const total = counts.reduce((a, b) => a + b, 0) + restMass;
  if (total <= 0 || categories <= 1) return 0;
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * Math.log(c / total);
  // Values beyond the top-K are unknown individually: assume them spread evenly (the most uniform case).
  const rest = categories - counts.length;
  if (restMass > 0 && rest > 0) h -= (restMass / total) * Math.log(restMass / total / rest);
  return Math.max(0, 1 - h / Math.log(categories));
}

export function featureNonUniformity(f: Feature): number {
  let worst = 0;
  for (const s of f.stats) {
    if (!s) continue;
    if (s.numeric) worst = Math.max(worst, nonUniformityOf(s.numeric.histogram.map((b) => b.count)));
    else if (s.strings) {
      const top = s.strings.top.map((t) => t.count);
      const rest = Math.max(0, s.count - top.reduce((a, b) => a + b, 0));
      worst = Math.max(worst, nonUniformityOf(top, Math.max(s.strings.unique, top.length), rest));
    }
  }
  return worst;
}

/** Share of rows missing or zero, the worst dataset's. */
export function featureMissingOrZero(f: Feature): number {
  return Math.max(0, ...f.stats.map((s) => (s ? missingRatio(s) + zerosRatio(s) : 0)));
}

/** The smallest and largest finite bucket edge over several histograms (infinite edges hold ±Infinity counts). */
export function finiteRange(hists: Bucket[][]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const h of hists)
    for (const b of h) {
      for (const x of [b.low, b.high]) if (Number.isFinite(x)) (lo = Math.min(lo, x)), (hi = Math.max(hi, x));
    }
  return lo <= hi ? [lo, hi] : null;
}

/** Spreads each bucket's count over shared equal-width bins, in proportion to overlap. */
export function rebin(h: Bucket[], lo: number, hi: number, bins = 10): number[] {
  const out = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins;
  const binOf = (x: number) => (width > 0 ? Math.min(bins - 1, Math.max(0, Math.floor((x - lo) / width))) : 0);
  for (const b of h) {
    const a = Number.isFinite(b.low) ? b.low : lo;
    const z = Number.isFinite(b.high) ? b.high : hi;
    if (!(z > a) || width <= 0) {
      out[binOf(a)] += b.count;
      continue;
    }
    for (let i = binOf(a); i <= binOf(z); i++) {
      const overlap = Math.min(z, lo + (i + 1) * width) - Math.max(a, lo + i * width);
      if (overlap > 0) out[i] += (b.count * overlap) / (z - a);
    }
  }
  return out;
}

/** Symmetric chi-square distance of two count vectors, as proportions: 0 (same) … 1 (disjoint). */
export function chiSquareDistance(p: number[], q: number[]): number {
  const sp = p.reduce((a, b) => a + b, 0);
  const sq = q.reduce((a, b) => a + b, 0);
  if (sp <= 0 || sq <= 0) return 0;
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] / sp;
    const b = q[i] / sq;
    if (a + b > 0) d += ((a - b) * (a - b)) / (a + b);
  }
  return d / 2;
}

function distributions(f: Feature): number[][] | null {
  const present = f.stats.filter((s): s is FeatureStats => s !== null && s.count > 0);
  if (present.length < 2) return null;
  if (f.kind === 'numeric') {
    const hists = present.map((s) => s.numeric?.histogram ?? []);
    const range = finiteRange(hists);
    return range ? hists.map((h) => rebin(h, range[0], range[1])) : null;
  }
  const labels = [...new Set(present.flatMap((s) => s.strings?.top.map((t) => t.label) ?? []))];
  return present.map((s) => {
    const freq = new Map(s.strings?.top.map((t) => [t.label, t.count]));
    const counts = labels.map((l) => freq.get(l) ?? 0);
    counts.push(Math.max(0, s.count - counts.reduce((a, b) => a + b, 0)));
    return counts;
  });
}

/** Largest distance between the first dataset (the reference, e.g. train) and each other one. */
export function featureDistance(f: Feature): number {
  const d = distributions(f);
  if (!d) return 0;
  return Math.max(...d.slice(1).map((q) => chiSquareDistance(d[0], q)));
}
