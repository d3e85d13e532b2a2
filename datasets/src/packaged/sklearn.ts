/**
 * Real datasets from scikit-learn's wheel (copied into datasets/data/sklearn by
 * datasets/scripts/copy-sklearn-data.py; scikit-learn 1.9.1, BSD-3-Clause), each
 * returned as the table `load_*(as_frame=True).frame` gives: the same columns,
 * rows and values.
 */
import * as aq from 'arquero';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { knownOptions } from '../options.js';

const DIR = fileURLToPath(new URL('../../data/sklearn/', import.meta.url));

function text(name: string): string {
  const bytes = readFileSync(DIR + name);
  return (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Rows of numbers; `sep` is a comma or runs of spaces. */
function numbers(name: string, skipHeader: boolean, sep: RegExp | string = ','): number[][] {
  const lines = text(name).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.slice(skipHeader ? 1 : 0).map((l) => l.split(sep).map(Number));
}

function columns(rows: number[][], names: readonly string[]): Record<string, number[]> {
  return Object.fromEntries(names.map((n, j) => [n, rows.map((r) => r[j])]));
}

const IRIS = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)', 'target'] as const;
const WINE = ['alcohol', 'malic_acid', 'ash', 'alcalinity_of_ash', 'magnesium', 'total_phenols', 'flavanoids',
  'nonflavanoid_phenols', 'proanthocyanins', 'color_intensity', 'hue', 'od280/od315_of_diluted_wines', 'proline', 'target'] as const;
const DIABETES = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'] as const;

/**
 * `iris`: Fisher's iris (1936), 150 × 5: four measurements in cm and `target`
 * (0 setosa, 1 versicolor, 2 virginica; `iris.targetNames`). Real data.
 */
export function iris() {
  return aq.table(columns(numbers('iris.csv', true), IRIS));
}
iris.targetNames = ['setosa', 'versicolor', 'virginica'] as const;

/**
 * `wine`: UCI Wine recognition, 178 × 14: 13 chemical measurements of wines from
 * three cultivars and `target` (0, 1, 2). Real data.
 */
export function wine() {
  return aq.table(columns(numbers('wine_data.csv', true), WINE));
}

/**
 * `digits`: UCI optical recognition of handwritten digits, the 8×8 test set:
 * 1,797 × 65: pixel_0_0 … pixel_7_7 (0-16, row-major) and `target` (0-9). Real data.
 */
export function digits() {
  const names = [...Array.from({ length: 64 }, (_, i) => `pixel_${Math.floor(i / 8)}_${i % 8}`), 'target'];
  return aq.table(columns(numbers('digits.csv.gz', false), names));
}

const CANCER_MEASURES = ['radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity', 'concave points', 'symmetry', 'fractal dimension'];

/**
 * `breastCancer`: Wisconsin Diagnostic Breast Cancer (Street, Wolberg &
 * Mangasarian 1993), 569 × 31: the mean, standard error ("error") and worst of
 * ten measurements of cell nuclei, and `target` (0 malignant, 1 benign; as
 * scikit-learn codes it). Real data.
 */
export function breastCancer() {
  const names = [...['mean', 'error', 'worst'].flatMap((kind) => CANCER_MEASURES.map((m) => (kind === 'error' ? `${m} error` : `${kind} ${m}`))), 'target'];
  return aq.table(columns(numbers('breast_cancer.csv', true), names));
}
breastCancer.targetNames = ['malignant', 'benign'] as const;

export interface DiabetesOptions {
  /** sklearn's default: every feature centred and scaled to unit norm (sum of squares 1). */
  scaled?: boolean;
}

/**
 * `diabetes`: Efron, Hastie, Johnstone & Tibshirani (2004), 442 patients × 11:
 * age, sex, bmi, bp, s1-s6 (six blood serum measurements) and `target`, a
 * measure of disease progression one year after baseline. Real data.
 * `scaled` (default true, as `load_diabetes`): each feature minus its mean,
 * divided by its standard deviation times √442; `scaled: false` gives the raw
 * values (age in years, sex 1/2, bmi, …).
 */
export function diabetes(opts: DiabetesOptions = {}) {
  knownOptions('diabetes', opts, ['scaled']);
  const raw = numbers('diabetes_data_raw.csv.gz', false, / +/);
  const target = numbers('diabetes_target.csv.gz', false).map((r) => r[0]);
  const cols = columns(raw, DIABETES);
  if (opts.scaled ?? true) for (const name of DIABETES) cols[name] = scale(cols[name]);
  return aq.table({ ...cols, target });
}

/** sklearn.preprocessing.scale then / √n: (x − mean) / (population sd · √n). */
function scale(x: number[]): number[] {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return x.map((v) => (v - mean) / sd / Math.sqrt(n));
}
