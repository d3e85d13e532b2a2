// bench/clean: tsml's missing-value and outlier statistics and its Overview of an Arrow-backed table,
// against pandas / SciPy / scikit-learn on the same Parquet files, in one run.
// Usage (repo root, after `bash scripts/setup.sh` and `npm run build`): node bench/clean/run.mjs [rows=1000000] [repeats=3]
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as aq from 'arquero';
import * as d from '../../kernel/dist/data/index.js';
import { columnOf } from '../../kernel/dist/data/columns.js';
import { computeStatistics, completeness, fences, isolationForestScores, nullity, nullityCorrelation, nullityDendrogram, rowNumbers } from '../../kernel/dist/stats/index.js';
import { missingPayload } from '../../kernel/dist/display/missing.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const repeats = Number(process.argv[3] ?? 3);
const out = join(process.cwd(), 'bench', 'results', 'overview');
mkdirSync(out, { recursive: true });
const python = join(process.cwd(), '.venv', 'bin', 'python');
// bench/overview's seeded 1 M × 10 file (3 float, 2 int, 5 string columns), written once.
execFileSync(python, [join(process.cwd(), 'bench', 'overview', 'python_side.py'), out, String(rows), '1', '--write-only']);

function median(fn, n = repeats) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    times.push((performance.now() - t) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

// Python runs before tsml (it writes the cleaning fixture) and again after it: on a shared machine the load
// moves by the minute, so each peer figure is the mean of its two medians, taken on either side of tsml's.
const pythonSide = () => JSON.parse(execFileSync(python, [new URL('./python_side.py', import.meta.url).pathname, out, String(rows), String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 20 }));
const pyBefore = pythonSide();
const py = pyBefore;
const clean = await d.readParquet(py.files.clean);
const overviewArrow = await d.readParquet(py.files.overview);
const overviewArrays = aq.table(Object.fromEntries(overviewArrow.columnNames().map((c) => [c, columnOf(overviewArrow, c)])));

const t = {};
t.overviewArrow = median(() => computeStatistics(overviewArrow));
t.overviewArrays = median(() => computeStatistics(overviewArrays));
// The default reads the shared Arrow columns on worker threads (the cores, at most 4); threads: 1 is the one-thread path.
// Millisecond figures: the median of at least 15 (as isna().mean()'s on the Python side), so one slow call on a shared machine does not move it.
const fast = Math.max(repeats, 15);
t.nullity = median(() => nullity(clean).missing, fast);
t.nullity1 = median(() => nullity(clean, undefined, { threads: 1 }).missing, fast);
t.missingCore = median(() => {
  const n = nullity(clean);
  return [completeness(n), nullityCorrelation(n), nullityDendrogram(n)];
});
// The default spreads the numeric columns over worker threads (the cores, at most 4); threads: 1 is the one-thread path.
t.missingPanel = median(() => missingPayload(clean, { knnPreviewRows: 0 }));
t.missingPanel1 = median(() => missingPayload(clean, { knnPreviewRows: 0, threads: 1 }));
const names = clean.columnNames();
t.outlierStats = median(() => names.map((c) => fences(rowNumbers(clean, c))));
const features = names.slice(5, 15);
t.iforest = median(() => {
  const cols = features.map((c) => rowNumbers(clean, c));
  const x = new Float64Array(rows * cols.length);
  cols.forEach((col, j) => {
    const med = fences(col).median;
    for (let i = 0; i < rows; i++) x[i * cols.length + j] = col[i] === col[i] ? col[i] : med;
  });
  return isolationForestScores(x, cols.length, { seed: 0 });
});

const pyAfter = pythonSide();
const p = Object.fromEntries(Object.keys(pyBefore.times).map((k) => [k, (pyBefore.times[k] + pyAfter.times[k]) / 2]));
const rowsOut = [
  ['Overview statistics, 1 M × 10 Parquet via readParquet (Arrow-backed)', t.overviewArrow, "pandas describe(include='all')", p.describe_all, '≤ 0.5×'],
  ['Overview statistics, same columns as JS arrays', t.overviewArrays, "pandas describe(include='all')", p.describe_all, ''],
  ['missing counts per column: tsml.nullity (packed masks from the validity bitmaps, 1 M × 20), worker threads', t.nullity, 'isna().mean()', p.isna_mean, 'faster'],
  ['tsml.nullity (as above), one thread', t.nullity1, 'isna().mean()', p.isna_mean, ''],
  ['missing-panel core: counts, completeness, nullity correlation, dendrogram (1 M × 20)', t.missingCore, 'isna().mean()', p.isna_mean, '< 0.5 s'],
  ['missing-panel core (as above)', t.missingCore, 'missingno-equivalent: isnull().mean(), .corr(), SciPy average linkage, completeness', p.missingno_like, ''],
  ['display.missing payload, everything (matrix, sentinels, duplicates, previews), worker threads', t.missingPanel, 'isna().mean()', p.isna_mean, '< 0.5 s'],
  ['display.missing payload (as above), worker threads', t.missingPanel, 'missingno-equivalent (as above)', p.missingno_like, ''],
  ['display.missing payload (as above), one thread', t.missingPanel1, 'missingno-equivalent (as above)', p.missingno_like, ''],
  ['outlier stats: quartiles, IQR/z/MAD fences and counts, k grid (1 M × 20)', t.outlierStats, 'pandas quantile + mean/std + MAD + counts', p.outlier_stats, '< 0.5 s, faster'],
  ['Isolation Forest fit + score, 100 trees × 256 samples (1 M × 10)', t.iforest, 'scikit-learn IsolationForest(n_jobs=-1)', p.iforest, 'faster'],
];
const lines = [`rows: ${rows.toLocaleString('en-US')}; tsml median of ${repeats}; Python ${JSON.stringify(py.versions)}`, '', '| tsml | s | peer | s | tsml / peer | target |', '|---|---:|---|---:|---:|---|'];
for (const [a, ta, b, tb, target] of rowsOut) lines.push(`| ${a} | ${ta.toFixed(3)} | ${b} | ${tb.toFixed(3)} | ${(ta / tb).toFixed(2)} | ${target} |`);
console.log(lines.join('\n'));
writeFileSync(join(process.cwd(), 'bench', 'results', 'clean.json'), JSON.stringify({ rows, repeats, tsml: t, python: { before: pyBefore, after: pyAfter, mean: p } }, null, 2));
console.log(`python before / after tsml (s): ${Object.keys(p).map((k) => `${k} ${pyBefore.times[k].toFixed(3)} / ${pyAfter.times[k].toFixed(3)}`).join('; ')}`);
