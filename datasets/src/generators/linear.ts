/**
 * `linear`: the "linear regression from scratch" lab's data.
 *
 * Schema: x (float, uniform in [0, 1)), y (float).
 * Model:  y = intercept + slope·x + noise·ε,  ε ~ N(0, 1) independent of x.
 * A fit should recover: OLS gives intercept ≈ 1 and slope ≈ 2 (defaults) with
 * standard errors ≈ noise·√(4/n) and noise·√(12/n); residual sd ≈ noise.
 *
 * All x are drawn before all ε, the order of NumPy's
 * `x = rand(100, 1); y = 1 + 2 * x + .1 * randn(100, 1)`.
 */
import * as aq from 'arquero';
import { normal, resolveRng, type RandomOptions } from '../random.js';
import { requirePositiveInt } from '../util.js';
import { knownOptions } from '../options.js';

export interface LinearOptions extends RandomOptions {
  n?: number;
  intercept?: number;
  slope?: number;
  noise?: number;
}

export function linear(opts: LinearOptions = {}) {
  knownOptions('linear', opts, ['n', 'intercept', 'slope', 'noise', 'rng', 'seed']);
  const { n = 100, intercept = 1, slope = 2, noise = 0.1 } = opts;
  requirePositiveInt('n', n);
  const rng = resolveRng(opts);
  const x = Array.from({ length: n }, () => rng());
  const y = x.map((xi) => intercept + slope * xi + noise * normal(rng));
  return aq.table({ x, y });
}
