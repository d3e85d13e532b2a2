/**
 * `heartDisease`: a synthetic table with the schema of the Cleveland heart-disease
 * data (UCI; the 14-column version with `target`), for the cleaning lab.
 * Synthetic: class-conditional distributions are rough fits to Cleveland's, no row is real.
 *
 * Schema (codes are zero-based, as in the common Kaggle copy, but defined here):
 *   age (int), sex (1 male, 0 female), cp chest pain (0 typical angina, 1 atypical,
 *   2 non-anginal, 3 asymptomatic), trestbps resting blood pressure (mm Hg),
 *   chol serum cholesterol (mg/dl), fbs fasting sugar > 120 (1/0), restecg (0 normal,
 *   1 ST-T abnormality, 2 left-ventricular hypertrophy), thalach max heart rate,
 *   exang exercise angina (1/0), oldpeak ST depression (0.1 steps), slope of the
 *   ST segment (0 up, 1 flat, 2 down), ca vessels coloured (0-3), thal (1 normal,
 *   2 fixed defect, 3 reversible defect), target (1 disease, 0 none).
 * Model: target ~ Bernoulli(0.46); then each feature is drawn given target
 *   (a naive-Bayes world) with a few dependencies on age: trestbps +0.4/year,
 *   chol +1/year (+12 for women), thalach -0.8/year. Disease means older, male,
 *   asymptomatic cp, lower thalach, exang, larger oldpeak, flat slope, more ca,
 *   reversible-defect thal.
 * Defects (unless `clean`), exact counts on disjoint rows, scaled from n = 303:
 *   chol = 0 on 6 % of rows and trestbps = 0 on 1 % (impossible zeros that mean
 *   "not measured"); ca null on 4/303 and thal null on 2/303 (true missing, as in
 *   Cleveland's '?'); outliers: 1 % chol in 450-600, 2/303 trestbps in 190-200,
 *   2/303 oldpeak in 5.6-6.2. `clean: true` gives the same rows without them, so a
 *   lab can compare its imputation with the truth.
 * A fit should recover: logistic regression on the clean table ≈ 85-90 % accuracy.
 */
import * as aq from 'arquero';
import { bernoulli, categorical, gamma, normal, permutation, resolveRng, uniform, type RandomOptions, type Rng } from '../random.js';
import { clamp, requirePositiveInt, round } from '../util.js';

export interface HeartDiseaseOptions extends RandomOptions {
  n?: number;
  /** true: no zeros-as-missing, nulls or planted outliers. */
  clean?: boolean;
}

type Row = Record<string, number | null>;

export function heartDisease(opts: HeartDiseaseOptions = {}) {
  const { n = 303, clean = false } = opts;
  requirePositiveInt('n', n);
  const rng = resolveRng(opts);
  const rows = Array.from({ length: n }, () => patient(rng));
  // Drawn even when clean, so the clean table has the same rows as the dirty one.
  const defects = plantDefects(rng, rows);
  if (!clean) defects();
  return aq.from(rows);
}

function patient(rng: Rng): Row {
  const sick = bernoulli(rng, 0.46);
  const pick = (healthy: number[], disease: number[]) => categorical(rng, sick ? disease : healthy);
  const age = Math.round(clamp(sick ? normal(rng, 56.6, 7.9) : normal(rng, 52.6, 9.5), 29, 77));
  const sex = bernoulli(rng, sick ? 0.82 : 0.56) ? 1 : 0;
  const a = age - 54;
  return {
    age,
    sex,
    cp: pick([16, 41, 68, 39], [7, 9, 18, 105]),
    trestbps: Math.round(clamp(normal(rng, (sick ? 134.6 : 129.3) + 0.4 * a, sick ? 18.7 : 16.2), 94, 180)),
    chol: Math.round(clamp(normal(rng, (sick ? 251.5 : 242.6) + a + (sex ? 0 : 12), sick ? 49.5 : 53.5), 126, 400)),
    fbs: bernoulli(rng, sick ? 0.16 : 0.14) ? 1 : 0,
    restecg: pick([95, 1, 68], [56, 3, 80]),
    thalach: Math.round(clamp(normal(rng, (sick ? 139.3 : 158.4) - 0.8 * a, sick ? 22.6 : 19), 71, 202)),
    exang: bernoulli(rng, sick ? 0.55 : 0.14) ? 1 : 0,
    oldpeak: bernoulli(rng, sick ? 0.15 : 0.52) ? 0 : round(clamp(sick ? gamma(rng, 2, 0.85) : gamma(rng, 1.3, 0.75), 0.1, 4.4), 1),
    slope: pick([106, 49, 9], [36, 91, 12]),
    ca: pick([130, 21, 7, 3], [45, 44, 31, 17]),
    thal: 1 + pick([129, 6, 28], [37, 12, 89]),
    target: sick ? 1 : 0,
  };
}

/**
 * Chooses the defect rows and values now (so the random stream, and hence the
 * clean table, does not depend on `clean`) and returns the function that applies them.
 */
function plantDefects(rng: Rng, rows: Row[]): () => void {
  const n = rows.length;
  const count = (per303: number) => Math.round((n * per303) / 303);
  const plan: Array<[string, number, () => number | null]> = [
    ['chol', Math.round(n * 0.06), () => 0],
    ['trestbps', Math.round(n * 0.01), () => 0],
    ['ca', count(4), () => null],
    ['thal', count(2), () => null],
    ['chol', Math.max(1, Math.round(n * 0.01)), () => Math.round(uniform(rng, 450, 600))],
    ['trestbps', count(2), () => Math.round(uniform(rng, 190, 200))],
    ['oldpeak', count(2), () => round(uniform(rng, 5.6, 6.2), 1)],
  ];
  const order = permutation(rng, n);
  const edits: Array<[number, string, number | null]> = [];
  let next = 0;
  for (const [column, k, value] of plan) {
    for (let i = 0; i < k && next < n; i++) edits.push([order[next++], column, value()]);
  }
  return () => {
    for (const [row, column, value] of edits) rows[row][column] = value;
  };
}
