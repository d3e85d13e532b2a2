// bench/overview/stream.mjs: tsml's streamed statistics of a large Parquet file (statisticsFromParquet:
// read one column chunk at a time, never whole) against pandas read_parquet + describe(include='all')
// and facets-overview's Python generator on the same file, in one run. Usage (repo root, after
// `bash scripts/setup.sh` and `npm run build`):
//   node bench/overview/stream.mjs [rows=10000000] [repeats=3] [--facets-rows N] [--check]
// The fixture is python_side.py's (the same seeded columns as bench/overview/run.mjs) in row groups
// of 1 M rows, written once. tsml runs first, in this process, before Python holds any memory; its peak
// RSS growth is VmHWM (reset through /proc/self/clear_refs) minus VmRSS before the run. --check also
// compares the exact statistics with computeStatistics on the whole file loaded in memory (slow, GBs).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { statisticsFromParquet } from '../../kernel/dist/stats/stream/index.js';

const args = process.argv.slice(2);
const flag = (name) => args.indexOf(name);
const facetsAt = flag('--facets-rows');
const facetsRows = facetsAt >= 0 ? args[facetsAt + 1] : undefined;
const positional = args.filter((a, i) => !a.startsWith('--') && (facetsAt < 0 || i !== facetsAt + 1));
const rows = Number(positional[0] ?? 10_000_000);
const repeats = Number(positional[1] ?? 3);
const out = join(process.cwd(), 'bench', 'results', 'overview');
mkdirSync(out, { recursive: true });
const python = join(process.cwd(), '.venv', 'bin', 'python');
const pythonSide = new URL('./python_side.py', import.meta.url).pathname;

const { parquet } = JSON.parse(execFileSync(python, [pythonSide, out, String(rows), '1', '--write-only'], { encoding: 'utf8' }));

const status = () => readFileSync('/proc/self/status', 'utf8');
const kib = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status())[1]);
function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const runs = [];
let result;
for (let i = 0; i < repeats; i++) {
  globalThis.gc?.();
  const reset = resetPeak();
  const before = kib('VmRSS');
  const t = performance.now();
  result = await statisticsFromParquet(parquet);
  const seconds = (performance.now() - t) / 1000;
  runs.push({ seconds, peakGrowthMiB: (kib('VmHWM') - before) / 1024, peakReset: reset });
}
const time = runs.map((r) => r.seconds).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
const growth = Math.max(...runs.map((r) => r.peakGrowthMiB));
const labels = result.datasets[0].features.map((f) => {
  const c = Object.fromEntries((f.customStats ?? []).map((s) => [s.name, s.str ?? s.num]));
  return `${f.name}:${f.type}${c['tsml.quantiles'] ? ` quantiles ${c['tsml.quantiles']}` : ''}${c['tsml.topValuesApproximate'] ? ' top values approximate' : ''}`;
});

let check;
if (flag('--check') >= 0) {
  const { computeStatistics } = await import('../../kernel/dist/stats/index.js');
  const { readParquet } = await import('../../kernel/dist/data/index.js');
  const memory = computeStatistics(await readParquet(parquet));
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  check = memory.datasets[0].features.map((f, i) => {
    const ours = result.datasets[0].features[i];
    return `${f.name}: ${same(ours, f) ? 'identical' : same(ours.numStats?.histograms, f.numStats?.histograms) && same(ours.numStats?.median, f.numStats?.median) ? 'histograms and quantiles identical' : 'differs'}`;
  });
}

const pyArgs = [pythonSide, out, String(rows), '1', '--read', ...(facetsRows ? ['--facets-rows', facetsRows] : [])];
const py = JSON.parse(execFileSync(python, pyArgs, { encoding: 'utf8', maxBuffer: 1 << 20 }));
const pandas = py.times.read + py.times.describe;
const all = pandas + py.times.facets;
const facetsNote = py.facetsRows < rows ? ` (first ${py.facetsRows.toLocaleString('en-US')} rows)` : '';
const lines = [
  `rows: ${rows.toLocaleString('en-US')} × ${result.datasets[0].features.length} columns from ${parquet}; tsml median of ${repeats}, Python 1 run each`,
  '',
  '| what | seconds | tsml / it |',
  '|---|---:|---:|',
  `| tsml statisticsFromParquet (streamed) | ${time.toFixed(2)} | 1.00 |`,
  `| pandas read_parquet | ${py.times.read.toFixed(2)} | ${(time / py.times.read).toFixed(2)} |`,
  `| pandas describe(include='all') | ${py.times.describe.toFixed(2)} | ${(time / py.times.describe).toFixed(2)} |`,
  `| pandas read_parquet + describe | ${pandas.toFixed(2)} | ${(time / pandas).toFixed(2)} |`,
  `| facets-overview generator${facetsNote} | ${py.times.facets.toFixed(2)} | ${(time / py.times.facets).toFixed(3)} |`,
  `| read_parquet + describe + facets generator | ${all.toFixed(2)} | ${(time / all).toFixed(3)} |`,
  '',
  `tsml peak RSS growth ${growth.toFixed(0)} MiB (max over runs; runs ${runs.map((r) => r.seconds.toFixed(2)).join(', ')} s); Python peak RSS ${py.peakRssMiB.toFixed(0)} MiB`,
  `labels: ${labels.join(', ')}`,
  ...(check ? [`check against computeStatistics in memory: ${check.join(', ')}`] : []),
  `Python ${JSON.stringify(py.versions)}`,
];
console.log(lines.join('\n'));
writeFileSync(join(process.cwd(), 'bench', 'results', 'overview-stream.json'), JSON.stringify({ rows, repeats, tsml: { time, runs, growthMiB: growth, labels, check }, python: py }, null, 2));
