// bench/runner: per-notebook overhead of `tsml run` against papermill on the same notebook
// (kernel start + 10 trivial cells), each timed as a whole command, as CI runs it.
// Usage (repo root, after `bash scripts/setup.sh`): node bench/runner/run.mjs [runs=7]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 7);
const root = process.cwd();
const papermill = join(root, '.venv', 'bin', 'papermill');
const dir = mkdtempSync(join(tmpdir(), 'tsml-bench-runner-'));
const input = join(dir, 'ten-cells.ipynb');
writeFileSync(
  input,
  JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tsml', display_name: 'TypeScript (tsml)', language: 'typescript' } },
    cells: Array.from({ length: 10 }, (_, i) => ({
      cell_type: 'code',
      id: `c${i}`,
      metadata: {},
      execution_count: null,
      outputs: [],
      source: [`const x${i} = ${i};\n`, `x${i} * 2`],
    })),
  }),
);
// Both tools use the kernelspec setup installed into the venv.
const env = { ...process.env, JUPYTER_PATH: join(root, '.venv', 'share', 'jupyter') };

const commands = {
  'tsml run': [process.execPath, [join(root, 'kernel', 'bin', 'tsml.js'), 'run', input, join(dir, 'tsml.out.ipynb'), '--quiet']],
  papermill: [papermill, ['--no-progress-bar', '--log-level', 'WARNING', input, join(dir, 'papermill.out.ipynb')]],
};

function time([cmd, args]) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
  const s = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return s;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (const c of Object.values(commands)) time(c); // warm the file cache and Python's bytecode
// Alternate the tools so both see the same machine load.
for (let i = 0; i < runs; i++) for (const [k, c] of Object.entries(commands)) times[k].push(time(c));

// Both outputs must hold the same results, or the comparison means nothing.
const results = (f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).cells.map((c) => c.outputs.map((o) => o.data?.['text/plain']).join(''));
const same = JSON.stringify(results('tsml.out.ipynb')) === JSON.stringify(results('papermill.out.ipynb'));
if (!same) throw new Error('tsml run and papermill produced different outputs');

const pmVersion = spawnSync(papermill, ['--version'], { encoding: 'utf8' }).stdout.trim().split(' ')[0];
const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
const ratio = m['tsml run'] / m.papermill;
const lines = [
  `${cpus().length} cores, Node ${process.version}, papermill ${pmVersion}; median of ${runs} runs (one warm-up each)`,
  '',
  '| command | median (s) | min (s) | max (s) |',
  '|---|---:|---:|---:|',
  ...Object.entries(times).map(([k, v]) => `| ${k} | ${m[k].toFixed(3)} | ${Math.min(...v).toFixed(3)} | ${Math.max(...v).toFixed(3)} |`),
  '',
  `tsml run / papermill = ${ratio.toFixed(2)} (target <= 0.5)`,
];
console.log(lines.join('\n'));
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'runner.json'), JSON.stringify({ runs, times, median: m, ratio, papermill: pmVersion, node: process.version }, null, 2));
