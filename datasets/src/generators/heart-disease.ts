/**
 * `heartDisease`: a synthetic table with the schema of UCI's combined heart-disease
 * data (Cleveland 303, Hungary 294, Switzerland 123 and VA Long Beach 200 patients:
 * 920 rows × 14 columns, as in the common Kaggle copy, categories spelt out), with
 * the defects the cleaning lab counts planted exactly. No row is real.
 *
 * Columns: age, sex ('Male'/'Female'), cp ('typical angina', 'atypical angina',
 *   'non-anginal', 'asymptomatic'), trestbps resting blood pressure (mm Hg), chol
 *   serum cholesterol (mg/dl), fbs fasting sugar > 120 (boolean), restecg ('normal',
 *   'st-t abnormality', 'lv hypertrophy'), thalach max heart rate, exang exercise
 *   angina (boolean), oldpeak ST depression (0.1 steps), slope ('upsloping', 'flat',
 *   'downsloping'), ca vessels coloured (0–3), thal ('normal', 'fixed defect',
 *   'reversable defect', spelt as UCI's copy does), num diagnosis (0 none, 1–4 disease).
 * Model: per source a disease rate (0.46, 0.36, 0.94, 0.75); every feature drawn given
 *   disease (a naive-Bayes world) with rough fits to the real class-conditional
 *   shares and means; num 1–4 with shares 0.52/0.22/0.21/0.05 among the sick.
 * Defects at n = 920 (unless `clean`), exact, by source as in the real files (other n
 *   scale them): missing (null) — ca 611, thal 486, slope 309 (Hungary, Switzerland and
 *   VA rarely recorded them; nested, so they go missing together), fbs 90, oldpeak 62,
 *   trestbps 59, thalach 55 and exang 55 (the same rows), chol 30, restecg 2;
 *   chol = 0 on 172 rows (all of Switzerland's and 49 of VA's: "not measured"),
 *   trestbps = 0 on 1 row, oldpeak < 0 on 12 rows; 2 rows that copy earlier rows
 *   (`duplicated()` finds 2); a few outliers (chol 450–603, trestbps 190–200,
 *   oldpeak 5.6–6.2). `clean: true` gives the same patients without any of them.
 * A fit should recover: logistic regression of num > 0 on the clean table ≈ 80–90 %.
 */
import * as aq from 'arquero';
import { bernoulli, categorical, gamma, normal, permutation, resolveRng, uniform, type RandomOptions, type Rng } from '../random.js';
import { clamp, requirePositiveInt, round } from '../util.js';
import { knownOptions } from '../options.js';

export interface HeartDiseaseOptions extends RandomOptions {
  /** Rows (default 920, the combined data's size); sources and defects scale with it. */
  n?: number;
  /** true: no missing values, zeros, negatives, duplicates or planted outliers. */
  clean?: boolean;
}

type Value = number | string | boolean | null;
type Row = Record<string, Value>;

const CP = ['typical angina', 'atypical angina', 'non-anginal', 'asymptomatic'];
const RESTECG = ['normal', 'st-t abnormality', 'lv hypertrophy'];
const SLOPE = ['upsloping', 'flat', 'downsloping'];
const THAL = ['normal', 'fixed defect', 'reversable defect'];

interface Source {
  size: number;
  sick: number;
  /** Missing per column; columns in one group go missing on nested prefixes of one shuffle of the source's rows. */
  missing: Array<Record<string, number>>;
  cholZeros: number;
  bpZeros: number;
  negatives: number;
}

const SOURCES: Source[] = [
  { size: 303, sick: 0.46, missing: [{ ca: 4, thal: 2 }], cholZeros: 0, bpZeros: 0, negatives: 0 },
  { size: 294, sick: 0.36, missing: [{ ca: 291, thal: 266, slope: 190 }, { chol: 23, fbs: 8 }, { trestbps: 1, thalach: 1, exang: 1 }], cholZeros: 0, bpZeros: 0, negatives: 0 },
  { size: 123, sick: 0.935, missing: [{ ca: 118, thal: 52, slope: 17 }, { fbs: 75 }, { oldpeak: 6, trestbps: 2, restecg: 1, thalach: 1, exang: 1 }], cholZeros: 123, bpZeros: 0, negatives: 10 },
  { size: 200, sick: 0.745, missing: [{ ca: 198, thal: 166, slope: 102 }, { thalach: 53, exang: 53, oldpeak: 56, trestbps: 56 }, { chol: 7, fbs: 7, restecg: 1 }], cholZeros: 49, bpZeros: 1, negatives: 2 },
];

export function heartDisease(opts: HeartDiseaseOptions = {}) {
  knownOptions('heartDisease', opts, ['n', 'clean', 'rng', 'seed']);
  const { n = 920, clean = false } = opts;
  requirePositiveInt('n', n);
  const rng = resolveRng(opts);
  const scale = n / 920;
  const sizes = SOURCES.map((s) => Math.round(s.size * scale));
  sizes[0] += n - sizes.reduce((a, b) => a + b, 0);
  const rows: Row[] = [];
  const bySource: number[][] = [];
  SOURCES.forEach((s, k) => {
    bySource.push([]);
    for (let i = 0; i < sizes[k]; i++) {
      bySource[k].push(rows.length);
      rows.push(patient(rng, s.sick));
    }
  });
  // Drawn even when clean, so both tables hold the same patients.
  const defects = plantDefects(rng, rows, bySource, scale);
  if (!clean) defects();
  return aq.from(rows);
}

function patient(rng: Rng, sickRate: number): Row {
  const sick = bernoulli(rng, sickRate);
  const pick = (names: string[], healthy: number[], disease: number[]) => names[categorical(rng, sick ? disease : healthy)];
  const age = Math.round(clamp(sick ? normal(rng, 56, 8.5) : normal(rng, 50.5, 9.4), 28, 77));
  const a = age - 53;
  return {
    age,
    sex: bernoulli(rng, sick ? 0.9 : 0.64) ? 'Male' : 'Female',
    cp: pick(CP, [26, 150, 131, 104], [20, 24, 73, 392]),
    trestbps: Math.round(clamp(normal(rng, (sick ? 134 : 129.9) + 0.4 * a, sick ? 19 : 16.5), 80, 180)),
    chol: Math.round(clamp(normal(rng, (sick ? 251 : 240) + a, sick ? 55 : 50), 85, 420)),
    fbs: bernoulli(rng, sick ? 0.2 : 0.12),
    restecg: pick(RESTECG, [62, 14, 24], [58, 22, 20]),
    thalach: Math.round(clamp(normal(rng, (sick ? 128 : 148) - 0.8 * a, 23), 60, 202)),
    exang: bernoulli(rng, sick ? 0.58 : 0.13),
    oldpeak: bernoulli(rng, sick ? 0.25 : 0.55) ? 0 : round(clamp(sick ? gamma(rng, 2, 0.8) : gamma(rng, 1.3, 0.6), 0.1, 4.4), 1),
    slope: pick(SLOPE, [60, 33, 7], [18, 70, 12]),
    ca: categorical(rng, sick ? [30, 30, 25, 15] : [80, 12, 5, 3]),
    thal: pick(THAL, [80, 4, 16], [25, 10, 65]),
    num: sick ? 1 + categorical(rng, [52, 22, 21, 5]) : 0,
  };
}

type Edit = [row: number, column: string, value: Value];

/**
 * Chooses every defect now (so the random stream, and hence the clean table,
 * does not depend on `clean`) and returns the function that applies them.
 */
function plantDefects(rng: Rng, rows: Row[], bySource: number[][], scale: number): () => void {
  const edits: Edit[] = [];
  const gone = new Set<string>();
  const at = (r: number, c: string) => `${r}:${c}`;
  const count = (k: number) => Math.round(k * scale);
  SOURCES.forEach((s, k) => {
    const members = bySource[k];
    const shuffled = (): number[] => Array.from(permutation(rng, members.length), (i) => members[i]);
    for (const group of s.missing) {
      const order = shuffled();
      for (const [column, m] of Object.entries(group)) for (const r of order.slice(0, Math.min(count(m), order.length))) {
        edits.push([r, column, null]);
        gone.add(at(r, column));
      }
    }
    const present = (c: string) => shuffled().filter((r) => !gone.has(at(r, c)));
    // Switzerland measured no cholesterol at all: its file has 0 in every row.
    for (const r of present('chol').slice(0, count(s.cholZeros))) edits.push([r, 'chol', 0]);
    for (const r of present('trestbps').slice(0, count(s.bpZeros))) edits.push([r, 'trestbps', 0]);
    for (const r of present('oldpeak').slice(0, count(s.negatives))) edits.push([r, 'oldpeak', -round(uniform(rng, 0.1, 2.6), 1)]);
  });
  const touched = new Set(edits.filter((e) => e[2] !== null).map((e) => e[0]));
  // Outliers in Cleveland's rows (the only source with no missing chol or blood pressure).
  const cleveland = Array.from(permutation(rng, bySource[0].length), (i) => bySource[0][i]).filter((r) => !touched.has(r));
  const outliers: Array<[string, number, () => number]> = [
    ['chol', Math.max(1, count(4)), () => Math.round(uniform(rng, 450, 603))],
    ['trestbps', Math.max(1, count(2)), () => Math.round(uniform(rng, 190, 200))],
    ['oldpeak', Math.max(1, count(2)), () => round(uniform(rng, 5.6, 6.2), 1)],
  ];
  for (const [column, m, value] of outliers) for (let i = 0; i < m && cleveland.length; i++) {
    const r = cleveland.pop()!;
    edits.push([r, column, value()]);
    touched.add(r);
  }
  // Two duplicates: a later Hungarian row becomes a copy of an earlier one with the same missing
  // columns and no other defect, so every count above stays exact.
  const pattern = (r: number) => Object.keys(rows[r]).filter((c) => gone.has(at(r, c))).join(',');
  const hungary = bySource[1] ?? [];
  const copies: Array<[number, number]> = [];
  const used = new Set<number>();
  for (let i = 0; i < hungary.length && copies.length < 2; i++) {
    const src = hungary[i];
    if (touched.has(src) || used.has(src)) continue;
    const dst = hungary.find((r, j) => j > i + 20 && !touched.has(r) && !used.has(r) && pattern(r) === pattern(src));
    if (dst === undefined) continue;
    copies.push([src, dst]);
    used.add(src).add(dst);
  }
  return () => {
    for (const [row, column, value] of edits) rows[row][column] = value;
    for (const [src, dst] of copies) rows[dst] = { ...rows[src] };
  };
}
