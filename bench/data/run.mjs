// bench/data: tsml's table loaders and verbs against pandas (+ pyarrow) on the same files, in one run.
// Usage (repo root, after `bash scripts/setup.sh`): node bench/data/run.mjs [rows=1000000] [repeats=3]
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as d from '../../kernel/dist/data/index.js';
import { readCsvChunked } from '../../kernel/dist/data/loaders/read-csv.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const repeats = Number(process.argv[3] ?? 3);
const out = join(process.cwd(), 'bench', 'results', 'data');
mkdirSync(out, { recursive: true });

const py = JSON.parse(execFileSync(join(process.cwd(), '.venv', 'bin', 'python'), [new URL('./pandas_side.py', import.meta.url).pathname, out, String(rows), String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 20 }));
const csv = join(out, `bench-${rows}.csv`);
const parquet = join(out, `bench-${rows}.parquet`);

async function median(fn) {
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await fn();
    times.push((performance.now() - t) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const table = await d.readCsv(csv);
const ours = {
  read_csv: await median(() => d.readCsv(csv)),
  // The same read without the worker thread (files from 16 MiB are split across two), against the same pandas figure.
  read_csv_one_thread: await median(() => readCsvChunked(csv, {}, undefined, Infinity)),
  read_parquet: await median(() => d.readParquet(parquet)),
  describe: await median(() => d.describe(table)),
  get_dummies: await median(() => d.getDummies(table, ['city'])),
  parquet_plus_describe: await median(async () => d.describe(await d.readParquet(parquet))),
};
const lines = [`rows: ${rows.toLocaleString('en-US')} × 10 columns, median of ${repeats}; pandas ${py.pandas}`, '', '| operation | tsml (s) | pandas (s) | tsml / pandas |', '|---|---:|---:|---:|'];
const theirs = (k) => py.times[k === 'read_csv_one_thread' ? 'read_csv' : k];
for (const [k, v] of Object.entries(ours)) lines.push(`| ${k} | ${v.toFixed(3)} | ${theirs(k).toFixed(3)} | ${(v / theirs(k)).toFixed(2)} |`);
console.log(lines.join('\n'));
writeFileSync(join(process.cwd(), 'bench', 'results', 'data.json'), JSON.stringify({ rows, repeats, tsml: ours, pandas: py }, null, 2));
