/**
 * `diabetes`: a SYNTHETIC table with the ten-feature schema of the diabetes data of
 * Efron et al. (2004), which scikit-learn ships as `load_diabetes`. That data is
 * not on npm, and is not copied here: every value comes from the model below,
 * whose means and spreads are set to resemble the published summary.
 *
 * Schema: age (years), sex (1 or 2), bmi (kg/m², 0.1 steps), bp (mean arterial
 *   pressure), s1 tc (total serum cholesterol), s2 ldl, s3 hdl, s4 tch (tc/hdl),
 *   s5 ltg (log of serum triglycerides), s6 glu (blood sugar), target (disease
 *   progression one year after baseline, integer 25-346).
 *   `scaled` (default true, as sklearn's default) centres each feature column and
 *   divides it by its standard deviation times √n, so every column has sum of
 *   squares 1; target is never scaled.
 * Model: age ~ N(48.5, 13.1) in [19, 79]; sex = 2 with p 0.47; bmi ~ N(26.4, 4.4);
 *   bp ~ N(94.6 + 0.25·(age-48.5) + 0.6·(bmi-26.4), 12);
 *   s5 ~ N(4.64 + 0.03·(bmi-26.4) + 0.005·(age-48.5), 0.5);
 *   s3 ~ N(49.8 - 0.8·(bmi-26.4) - 8·(s5-4.64) + 4·[sex=2], 11);
 *   s2 ~ N(115.4 + 0.4·(age-48.5), 30); s1 = s2 + s3 + e^s5/5 (Friedewald) + N(0, 5);
 *   s4 = s1/s3; s6 ~ N(91.3 + 0.2·(age-48.5) + 0.5·(bmi-26.4) + 8·(s5-4.64), 10).
 *   target = 152 + 24·z(bmi) + 14·z(bp) + 22·z(s5) - 8·z(s3) + 5·z(s6) + 2·z(age)
 *   - 5·[sex=2] + N(0, 52), cut to [25, 346], where z(v) = (v - centre)/spread with
 *   centre/spread bmi 26.4/4.4, bp 94.6/13.8, s5 4.64/0.52, s3 49.8/12.9,
 *   s6 91.3/11.5, age 48.5/13.1 (about each feature's mean and sd under the model).
 * A fit should recover: linear regression R² ≈ 0.5 with bmi, s5 and bp the
 *   largest coefficients (as with the real data), s3 negative.
 */
import * as aq from 'arquero';
import { bernoulli, normal, resolveRng, type RandomOptions } from '../random.js';
import { clamp, requirePositiveInt, round } from '../util.js';

export interface DiabetesOptions extends RandomOptions {
  n?: number;
  /** sklearn's scaling of the ten features; default true. */
  scaled?: boolean;
}

const FEATURES = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'] as const;

export function diabetes(opts: DiabetesOptions = {}) {
  const { n = 442, scaled = true } = opts;
  requirePositiveInt('n', n, 2);
  const rng = resolveRng(opts);
  const cols: Record<string, number[]> = Object.fromEntries([...FEATURES, 'target'].map((c) => [c, []]));
  for (let i = 0; i < n; i++) {
    const age = Math.round(clamp(normal(rng, 48.5, 13.1), 19, 79));
    const sex = bernoulli(rng, 0.47) ? 2 : 1;
    const bmi = round(clamp(normal(rng, 26.4, 4.4), 18, 42.2), 1);
    const bp = round(clamp(normal(rng, 94.6 + 0.25 * (age - 48.5) + 0.6 * (bmi - 26.4), 12), 62, 133), 2);
    const s5 = clamp(normal(rng, 4.64 + 0.03 * (bmi - 26.4) + 0.005 * (age - 48.5), 0.5), 3.26, 6.11);
    const s3 = clamp(normal(rng, 49.8 - 0.8 * (bmi - 26.4) - 8 * (s5 - 4.64) + (sex === 2 ? 4 : 0), 11), 22, 99);
    const s2 = clamp(normal(rng, 115.4 + 0.4 * (age - 48.5), 30), 41.6, 242.4);
    const s1 = Math.round(s2 + s3 + Math.exp(s5) / 5 + normal(rng, 0, 5));
    const s6 = Math.round(clamp(normal(rng, 91.3 + 0.2 * (age - 48.5) + 0.5 * (bmi - 26.4) + 8 * (s5 - 4.64), 10), 58, 124));
    const target = 152 + 24 * ((bmi - 26.4) / 4.4) + 14 * ((bp - 94.6) / 13.8) + 22 * ((s5 - 4.64) / 0.52)
      - 8 * ((s3 - 49.8) / 12.9) + 5 * ((s6 - 91.3) / 11.5) + 2 * ((age - 48.5) / 13.1) - (sex === 2 ? 5 : 0)
      + normal(rng, 0, 52);
    const row = { age, sex, bmi, bp, s1, s2: round(s2, 1), s3: Math.round(s3), s4: round(s1 / Math.round(s3), 2), s5: round(s5, 4), s6 };
    for (const f of FEATURES) cols[f].push(row[f]);
    cols.target.push(Math.round(clamp(target, 25, 346)));
  }
  if (scaled) for (const f of FEATURES) cols[f] = sklearnScale(cols[f]);
  return aq.table(cols);
}

/** (x - mean) / (population sd · √n): sklearn's `scaled=True`; a constant column becomes zeros. */
function sklearnScale(values: number[]): number[] {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const norm = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0));
  return values.map((v) => (norm === 0 ? 0 : (v - mean) / norm));
}
