/**
 * `tvMarketing`: TV advertising budget against sales, shaped like the TV column
 * of the "Advertising" data (James et al., ISLR), for simple linear regression.
 * Synthetic: the coefficients are that data's OLS fit, the rows are drawn.
 *
 * Schema: TV (budget in thousands of dollars, 0.1 steps), Sales (thousands of units, 0.1 steps).
 * Model:  TV ~ Uniform(0.7, 296.4);
 *         Sales = 7.03 + 0.0475·TV + ε,  ε ~ N(0, (0.8 + 0.016·TV)²)
 *         — the spread grows with the budget (the funnel of the real scatter plot),
 *         so residual plots have something to show. Sales is at least 1.6.
 * A fit should recover: OLS intercept ≈ 7.0, slope ≈ 0.0475, R² ≈ 0.6.
 */
import * as aq from 'arquero';
import { normal, resolveRng, uniform, type RandomOptions } from '../random.js';
import { requirePositiveInt, round } from '../util.js';

export interface TvMarketingOptions extends RandomOptions {
  n?: number;
}

export function tvMarketing(opts: TvMarketingOptions = {}) {
  const { n = 200 } = opts;
  requirePositiveInt('n', n);
  const rng = resolveRng(opts);
  const TV = Array.from({ length: n }, () => round(uniform(rng, 0.7, 296.4), 1));
  const Sales = TV.map((tv) => round(Math.max(1.6, 7.03 + 0.0475 * tv + normal(rng, 0, 0.8 + 0.016 * tv)), 1));
  return aq.table({ TV, Sales });
}
