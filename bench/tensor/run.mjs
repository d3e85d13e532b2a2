// bench/tensor: TensorFlow.js through tsml's loadTf() on every backend that loads on this machine —
// a 1024×1024 float32 matmul, the display of a 1000×1000 tensor (what a cell's value costs to show)
// and one training epoch of the Auto-MPG lab's 64-64-1 MLP on 10,000 rows.
// Each backend runs in its own process (TSML_BACKEND=<name>), so one backend's state never
// warms another; numpy's matmul (OpenBLAS, all cores) is measured alongside as a reference.
// Usage (repo root, after `bash scripts/setup.sh`): node bench/tensor/run.mjs [repeats=5]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const repeats = Number(process.argv[2] ?? 5);
const BACKENDS = ['tensorflow', 'webgpu', 'wasm', 'cpu'];
const ROWS = 10_000;
const FEATURES = 9; // Auto-MPG after one-hot encoding Origin
const BATCH = 32; // Keras's default batch size, as in the lab

// The child: loads tfjs on one forced backend and prints its timings as JSON.
const child = `
const tsml = await import(${JSON.stringify(new URL('../../kernel/dist/index.js', import.meta.url).href)});
const repeats = ${repeats};
let tf;
try {
  tf = await tsml.loadTf();
} catch (e) {
  const why = (e.records ?? []).filter((r) => r.status === 'skipped').map((r) => r.id + ': ' + r.reason + (r.reason === 'not installed' ? '' : ' (' + r.detail + ')'));
  console.log(JSON.stringify({ skipped: why.length ? why.join('; ') : e.message }));
  process.exit(0);
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn, warm = 2) {
  for (let i = 0; i < warm; i++) await fn();
  const xs = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return { median: median(xs), min: Math.min(...xs), runs: xs.length };
}
tsml.seed(0);
const a = tf.randomNormal([1024, 1024]);
const b = tf.randomNormal([1024, 1024]);
const matmul = await time(async () => {
  const c = tf.matMul(a, b);
  await c.data(); // wait for the result, as reading it in a notebook would
  c.dispose();
});
const shown = tf.randomUniform([1000, 1000]);
const render = await time(() => tsml.formatValue(shown));
const x = tf.randomNormal([${ROWS}, ${FEATURES}]);
const y = tf.randomNormal([${ROWS}, 1]);
const model = tf.sequential({ layers: [
  tf.layers.dense({ units: 64, activation: 'relu', inputShape: [${FEATURES}] }),
  tf.layers.dense({ units: 64, activation: 'relu' }),
  tf.layers.dense({ units: 1 }),
] });
model.compile({ optimizer: tf.train.rmsprop(1e-3), loss: 'meanSquaredError', metrics: ['mae'] });
const epoch = await time(() => model.fit(x, y, { epochs: 1, batchSize: ${BATCH}, shuffle: true, verbose: 0 }), 1);
const d = tsml.device();
console.log(JSON.stringify({ backend: d.backend, devices: d.devices, flags: d.flags, loadMs: d.loadMs, matmul, render, epoch }));
`;

const results = {};
for (const backend of BACKENDS) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', child], {
    env: { ...process.env, TSML_BACKEND: backend },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  results[backend] = line ? JSON.parse(line) : { skipped: `exit ${r.status}: ${r.stderr.trim().split('\n').at(-1)}` };
}

let numpy;
const py = join(process.cwd(), '.venv', 'bin', 'python');
if (existsSync(py)) {
  const script = `
import json, time, numpy as np
rng = np.random.default_rng(0)
a = rng.standard_normal((1024, 1024), dtype=np.float32); b = rng.standard_normal((1024, 1024), dtype=np.float32)
for _ in range(2): a @ b
xs = []
for _ in range(${repeats}):
    t = time.perf_counter(); a @ b; xs.append((time.perf_counter() - t) * 1000)
xs.sort()
shown = rng.random((1000, 1000), dtype=np.float32); reprs = []
for _ in range(${repeats}):
    t = time.perf_counter(); repr(shown); reprs.append((time.perf_counter() - t) * 1000)
reprs.sort(); print(json.dumps({"median": xs[len(xs) // 2], "repr": reprs[len(reprs) // 2], "version": np.__version__}))`;
  try {
    numpy = JSON.parse(execFileSync(py, ['-c', script], { encoding: 'utf8' }).trim());
  } catch {
    numpy = undefined;
  }
}

const gflops = (ms) => ((2 * 1024 ** 3) / (ms / 1000) / 1e9).toFixed(1);
const cpu = cpus();
const lines = [
  `${cpu[0]?.model?.trim() ?? 'CPU'}, ${cpu.length} logical cores, Node ${process.version}; median of ${repeats} runs after warm-up`,
  '',
  `| backend | 1024×1024 matmul (ms) | GFLOP/s | display a 1000×1000 tensor (ms) | MLP 64-64-1, 1 epoch, ${ROWS.toLocaleString('en-US')} rows, batch ${BATCH} (ms) | notes |`,
  '|---|---:|---:|---:|---:|---|',
];
for (const [name, r] of Object.entries(results)) {
  if (r.skipped) {
    lines.push(`| ${name} | — | — | — | — | not available here: ${r.skipped.replace(/\|/g, '\\|')} |`);
    continue;
  }
  const flags = Object.entries(r.flags ?? {})
    .filter(([k]) => k !== 'threads note')
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  lines.push(`| ${name} | ${r.matmul.median.toFixed(1)} | ${gflops(r.matmul.median)} | ${r.render.median.toFixed(1)} | ${r.epoch.median.toFixed(0)} | ${flags} |`);
}
if (numpy) lines.push(`| numpy ${numpy.version} (reference) | ${numpy.median.toFixed(1)} | ${gflops(numpy.median)} | ${numpy.repr.toFixed(1)} (repr) | — | OpenBLAS, all cores |`);
console.log(lines.join('\n'));
const out = join(process.cwd(), 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'tensor.json'), JSON.stringify({ repeats, rows: ROWS, features: FEATURES, batch: BATCH, results, numpy }, null, 2));
