/**
 * `tvMarketing`: TV advertising budget against sales, shaped like the TV column
 * of the "Advertising" data (James et al., ISLR), for simple linear regression.
 * Generated: the real file is on no package registry, so the rows are drawn and
 * then the lab's fitted line is planted in them.
 *
 * Schema: TV (budget in thousands of dollars, 0.1 steps), Sales (thousands of units, 0.1 steps).
 * Model:  TV ~ Uniform(0.7, 296.4);
 *         Sales = 7.03 + 0.0475·TV + ε,  ε ~ N(0, (0.8 + 0.016·TV)²)
 *         — the spread grows with the budget (the funnel of the real scatter plot).
 *         Sales is at least 1.6.
 * Planted: then values are nudged by ±0.1 (one or two at a time, the move that
 *         brings the fit closest each step) until OLS gives `fit`'s intercept and
 *         slope to within 2e-7: by default (n ≥ 50) the lab's 7.032594 and 0.047537,
 *         so a fit prints exactly the lab's figures to 6 decimals. `fit: null` skips it.
 */
import * as aq from 'arquero';
import { normal, resolveRng, uniform, type RandomOptions } from '../random.js';
import { requirePositiveInt } from '../util.js';
import { plantLine } from './plant-line.js';
import { knownOptions } from '../options.js';

export interface TvMarketingOptions extends RandomOptions {
  n?: number;
  /** The OLS line to plant ({ intercept, slope }); null for the raw draw. */
  fit?: { intercept: number; slope: number } | null;
}

/** The lab's OLS fit of Sales on TV. */
export const TV_MARKETING_FIT = { intercept: 7.032594, slope: 0.047537 } as const;

export function tvMarketing(opts: TvMarketingOptions = {}) {
  knownOptions('tvMarketing', opts, ['n', 'fit', 'rng', 'seed']);
  const { n = 200 } = opts;
  const fit = opts.fit === undefined ? (n >= 50 ? TV_MARKETING_FIT : null) : opts.fit;
  requirePositiveInt('n', n, 3);
  const rng = resolveRng(opts);
  // Integers in tenths, so that nudges are exact.
  const tv = Array.from({ length: n }, () => Math.round(uniform(rng, 0.7, 296.4) * 10));
  const sales = tv.map((t) => Math.round(Math.max(1.6, 7.03 + 0.00475 * t + normal(rng, 0, 0.8 + 0.0016 * t)) * 10));
  if (fit) plantLine(tv, sales, fit, { xRange: [7, 2964], yMin: 16, scale: 10 });
  return aq.table({ TV: tv.map((t) => t / 10), Sales: sales.map((s) => s / 10) });
}
