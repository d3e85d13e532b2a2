// bench/overview: tsml's Overview statistics (computeStatistics → Facets' DatasetFeatureStatisticsList)
// against pandas describe(include='all') and facets-overview's Python generator on the same table,
// in one run. Usage (repo root, after `bash scripts/setup.sh` and `npm run build`):
//   node bench/overview/run.mjs [rows=1000000] [repeats=5]
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as aq from 'arquero';
import * as d from '../../kernel/dist/data/index.js';
import { columnOf } from '../../kernel/dist/data/columns.js';
import { computeStatistics } from '../../kernel/dist/stats/index.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const repeats = Number(process.argv[3] ?? 5);
const out = join(process.cwd(), 'bench', 'results', 'overview');
mkdirSync(out, { recursive: true });

// The Python side writes the seeded fixture first (if absent), so both sides read the same Parquet file.
const py = JSON.parse(
  execFileSync(join(process.cwd(), '.venv', 'bin', 'python'), [new URL('./python_side.py', import.meta.url).pathname, out, String(rows), String(repeats)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  }),
);
const arrowTable = await d.readParquet(join(out, `overview-${rows}.parquet`));
// In memory: the same columns as JavaScript arrays (what a table built in a cell holds); the
// Arrow-backed table straight from readParquet is timed too (its string columns decode on access).
const table = aq.table(Object.fromEntries(arrowTable.columnNames().map((c) => [c, columnOf(arrowTable, c)])));

function median(fn) {
  const times = [];
  let result;
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    result = fn();
    times.push((performance.now() - t) / 1000);
  }
  return { time: times.sort((a, b) => a - b)[Math.floor(times.length / 2)], result };
}

const rss0 = process.memoryUsage().rss;
const { time, result } = median(() => computeStatistics(table));
const rssGrowth = (process.memoryUsage().rss - rss0) / 2 ** 20;
const arrow = median(() => computeStatistics(arrowTable)).time;
const features = result.datasets[0].features.map((f) => `${f.name}:${f.type}`).join(', ');
const bytes = JSON.stringify(result).length;
const pythonSide = py.times.describe + py.times.facets;
const lines = [
  `rows: ${rows.toLocaleString('en-US')} × ${table.numCols()} columns (${features}); tsml median of ${repeats}, describe() median of ${repeats}, facets 1 run`,
  '',
  '| what | seconds | tsml / it |',
  '|---|---:|---:|',
  `| tsml computeStatistics (JS arrays) | ${time.toFixed(3)} | 1.00 |`,
  `| tsml computeStatistics (Arrow-backed, from readParquet) | ${arrow.toFixed(3)} | ${(time / arrow).toFixed(3)} |`,
  `| pandas describe(include='all') | ${py.times.describe.toFixed(3)} | ${(time / py.times.describe).toFixed(3)} |`,
  `| facets-overview generator | ${py.times.facets.toFixed(3)} | ${(time / py.times.facets).toFixed(4)} |`,
  `| pandas describe + facets generator | ${pythonSide.toFixed(3)} | ${(time / pythonSide).toFixed(4)} |`,
  '',
  `tsml: JSON payload ${(bytes / 1024).toFixed(1)} KiB; RSS growth over the timed runs ${rssGrowth.toFixed(0)} MiB; Python ${JSON.stringify(py.versions)}`,
];
console.log(lines.join('\n'));
writeFileSync(join(process.cwd(), 'bench', 'results', 'overview.json'), JSON.stringify({ rows, repeats, tsml: { time, arrow, bytes, rssGrowthMiB: rssGrowth }, python: py }, null, 2));
