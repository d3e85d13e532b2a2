// Training benchmarks (BENCHMARKS.md "Training"): tsml.fit vs PyTorch CPU and Keras 3 on the same MLP,
// live-chart overhead, payload size at 100,000 logged steps, map-reduce speed-up, padding waste.
// Usage: node bench/training/run.mjs [fit] [chart] [payload] [mapreduce] [padding]   (all sections by default;
// builds nothing: run `bash scripts/setup.sh` first; peers need the bench venv:
// python3 -m venv .venv-bench && .venv-bench/bin/pip install -r bench/requirements.txt)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as tsml from '../../kernel/dist/index.js';
import { setDisplayTarget } from '../../kernel/dist/display/display.js';

const tf = await tsml.loadTf();
const py = new URL('../../.venv-bench/bin/python', import.meta.url).pathname;
const report = { backend: tf.getBackend(), flags: tsml.device?.().flags ?? undefined, cores: cpus().length, loadAverageAtStart: loadavg() };
const SECTIONS = ['fit', 'chart', 'payload', 'mapreduce', 'padding'];
const chosen = process.argv.slice(2);
for (const s of chosen) if (!SECTIONS.includes(s)) throw new Error(`unknown section '${s}': pick from ${SECTIONS.join(', ')}`);
const want = (section) => chosen.length === 0 || chosen.includes(section);

function data(rows) {
  tsml.seed(0);
  const x = tf.randomNormal([rows, 9]);
  const y = tf.tidy(() => x.matMul(tf.randomNormal([9, 1])).add(tf.randomNormal([rows, 1]).mul(0.1)));
  return { x, y };
}
function mlp() {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 64, activation: 'relu', inputShape: [9] }), tf.layers.dense({ units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
  m.compile({ optimizer: tf.train.rmsprop(1e-3), loss: 'meanSquaredError', metrics: ['mae'] });
  return m;
}
/** Stores a section's figures and prints them as they come (a full run takes a while on a shared machine). */
function record(key, value) {
  report[key] = value;
  console.error(`${key}: ${JSON.stringify(value)}`);
}
async function time(f) {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}
/** Wall and CPU seconds (all threads of this process): on a loaded machine the CPU time is the work, the wall time mostly the wait. */
async function timeBoth(f) {
  const c0 = process.cpuUsage();
  const wall = await time(f);
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

// 1. fit vs peers: medians of 3 runs each (the peers time their own loops, from the first epoch to the last).
// Batch 32 is the labs' size; batch 1,024 shows how the gap closes when arithmetic, not per-op dispatch, dominates.
if (want('fit')) for (const [name, rows, epochs, batch] of [['auto-mpg size (314 rows)', 314, 100, 32], ['synthetic 100,000 rows', 100_000, 2, 32], ['synthetic 100,000 rows, batch 1,024', 100_000, 5, 1024]]) {
  const { x, y } = data(rows);
  // Warm-up outside the timing, for both JavaScript loops: 200 steps, enough for V8 to optimise the hot code (as Keras' step is compiled first).
  const wx = x.slice(0, 64), wy = y.slice(0, 64);
  await tsml.fit(mlp(), { x: wx, y: wy }, { epochs: 100, batchSize: 32, verbose: false });
  await mlp().fit(wx, wy, { epochs: 100, batchSize: 32, verbose: 0 });
  tf.dispose([wx, wy]);
  const tsmlRuns = [];
  const tfjsRuns = [];
  for (let i = 0; i < 3; i++) {
    tsmlRuns.push(await timeBoth(() => tsml.fit(mlp(), { x, y }, { epochs, batchSize: batch, verbose: false })));
    tfjsRuns.push(await timeBoth(() => mlp().fit(x, y, { epochs, batchSize: batch, verbose: 0 })));
  }
  const med = (a) => [...a].sort((p, q) => p - q)[1];
  const tsmlFit = tsmlRuns.map((r) => r.wall), tsmlCpu = tsmlRuns.map((r) => r.cpu);
  // Peers three times too (a fresh process each), medians: the machine is shared, single runs wander.
  const peerRuns = existsSync(py) ? [0, 1, 2].map(() => JSON.parse(execFileSync(py, [new URL('./peers.py', import.meta.url).pathname, String(rows), String(epochs), String(batch)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop())) : null;
  const steps = epochs * Math.ceil(rows / batch);
  // What a step costs in kernels: each is one dispatch through tfjs' engine, whatever its size.
  const kernels = async (nSteps) => {
    const m = mlp(), xs = x.slice(0, nSteps * batch), ys = y.slice(0, nSteps * batch);
    const k = (await tf.profile(() => tsml.fit(m, { x: xs, y: ys }, { epochs: 1, batchSize: batch, verbose: false }))).kernels.length;
    tf.dispose([xs, ys]);
    return k;
  };
  const kernelsPerStep = ((await kernels(3)) - (await kernels(1))) / 2;
  const ms = (s) => +((s * 1000) / steps).toFixed(3);
  const r = { epochs, batch, steps, kernelsPerStep, wall: { tsml: med(tsmlFit), tfjsModelFit: med(tfjsRuns.map((t) => t.wall)) }, cpu: { tsml: med(tsmlCpu), tfjsModelFit: med(tfjsRuns.map((t) => t.cpu)) }, runs: { tsml: tsmlRuns, tfjsModelFit: tfjsRuns } };
  if (peerRuns) {
    for (const k of ['pytorch', 'keras']) {
      r.wall[k] = med(peerRuns.map((p) => p[k]));
      r.cpu[k] = med(peerRuns.map((p) => p[`${k}Cpu`]));
    }
    r.runs.peers = peerRuns.map(({ versions, ...p }) => p);
    r.cpuMsPerStep = Object.fromEntries(Object.entries(r.cpu).map(([k, v]) => [k, ms(v)]));
    r.tsmlOver = { pytorchWall: r.wall.tsml / r.wall.pytorch, kerasWall: r.wall.tsml / r.wall.keras, pytorchCpu: r.cpu.tsml / r.cpu.pytorch, kerasCpu: r.cpu.tsml / r.cpu.keras };
    r.peerVersions = peerRuns[0].versions;
  } else r.peers = 'no bench venv';
  record(name, r);
  tf.dispose([x, y]);
}

// 2. Live-chart overhead: the chart updating on every batch (intervalMs 0) and at the default 100 ms throttle,
// bundles serialised as the kernel would send them. Two measures: the wall-clock difference against no chart
// (noisy on a shared machine), and the time spent in the chart's own code during the fit (its hooks, plus
// throttled sends fired by timers), which the machine's load scales with the fit itself.
if (want('chart')) {
  let bytes = 0;
  setDisplayTarget({ send: (_t, content) => { bytes += JSON.stringify(content).length; } });
  const { x, y } = data(20_000);
  const timed = (cb) => {
    const spent = { ms: 0 };
    let inHook = false;
    for (const hook of ['onTrainBegin', 'onBatchEnd', 'onEpochEnd', 'onTrainEnd']) {
      const f = cb[hook].bind(cb);
      cb[hook] = (...a) => { const t0 = performance.now(); inHook = true; try { return f(...a); } finally { inHook = false; spent.ms += performance.now() - t0; } };
    }
    const send = cb.chart.send.bind(cb.chart);
    cb.chart.send = (final) => { if (inHook) return send(final); const t0 = performance.now(); try { return send(final); } finally { spent.ms += performance.now() - t0; } };
    return { cb, spent };
  };
  const run = async (callbacks) => time(() => tsml.fit(mlp(), { x, y }, { epochs: 3, batchSize: 32, verbose: false, callbacks }));
  const base = [], every = [], throttled = [];
  for (let i = 0; i < 3; i++) {
    base.push(await run([]));
    for (const [intervalMs, out] of [[0, every], [100, throttled]]) {
      const { cb, spent } = timed(tsml.callbacks.liveLoss({ live: true, intervalMs, text: false }));
      const s = await run([cb]);
      out.push({ s, chartShare: spent.ms / 1000 / s, updates: cb.chart.stats.updates, maxBytes: cb.chart.stats.maxBytes });
    }
  }
  const med = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
  const summary = (runs) => ({ fit: med(runs.map((r) => r.s)), chartShareOfFit: med(runs.map((r) => r.chartShare)), wallOverhead: med(runs.map((r) => r.s)) / med(base) - 1, updates: runs[0].updates, maxUpdateBytes: Math.max(...runs.map((r) => r.maxBytes)) });
  record('live chart overhead (20,000 rows × 3 epochs, 1,875 steps)', { noChart: med(base), everyBatch: summary(every), throttled100ms: summary(throttled), bytesSent: bytes });
  setDisplayTarget(undefined);
  tf.dispose([x, y]);
}

// 3. 100,000 logged steps: every update's size stays bounded.
if (want('payload')) {
  const chart = new tsml.LiveChart({ live: false });
  const run = chart.run('long run');
  let max = 0;
  let bundleMs = 0;
  for (let s = 1; s <= 100_000; s++) {
    const e = s / 1000;
    run.log('batch', 'loss', e, 1 / Math.sqrt(s) + 0.05 * Math.random());
    run.log('batch', 'mae', e, 0.5 / Math.sqrt(s) + 0.02 * Math.random());
    run.log('batch', 'lr', e, 0.01 * (1 + Math.cos((Math.PI * s) / 100_000)) / 2);
    if (s % 1000 === 0) { run.log('epoch', 'val_loss', e, 1.1 / Math.sqrt(s)); run.log('epoch', 'val_mae', e, 0.6 / Math.sqrt(s)); }
    if (s % 1000 === 0) { // every update the panel bench sends: the final bundle (payload, SVG, text)
      const t0 = performance.now();
      const b = chart.bundle(true);
      bundleMs = Math.max(bundleMs, performance.now() - t0);
      max = Math.max(max, JSON.stringify(b).length);
    }
  }
  record('100,000 logged steps (loss, mae, lr per step; val per 1,000)', { maxUpdateBytes: max, maxBundleMs: bundleMs });
}

// 4. Map-reduce speed-up: one k-means assignment pass over 1,000,000 points, 8 partitions.
if (want('mapreduce')) {
  const t = tsml.datasets.blobs({ n: 1_000_000, centers: 5, seed: 1 });
  const centroids = [[-5, -5], [0, 0], [5, 5], [-5, 5], [5, -5]];
  const map = (r, emit, c) => { let b = 0, d = Infinity; for (let i = 0; i < c.length; i++) { const e = (r.x0 - c[i][0]) ** 2 + (r.x1 - c[i][1]) ** 2; if (e < d) { d = e; b = i; } } emit(b, [r.x0, r.x1, 1]); };
  const add = (a, b) => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
  const out = {};
  for (const workers of [0, 1, 2]) {
    const p = tsml.partition(t, 8);
    await tsml.mapReduce(p, map, add, { workers, context: centroids });
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await timeBoth(() => tsml.mapReduce(p, map, add, { workers, context: centroids })));
    const med5 = (a) => [...a].sort((p, q) => p - q)[2];
    out[workers === 0 ? 'main thread' : `${workers} worker${workers > 1 ? 's' : ''}`] = { wall: med5(runs.map((r) => r.wall)), cpu: med5(runs.map((r) => r.cpu)), runs };
    await p.close();
  }
  out.speedup2vs1Wall = out['1 worker'].wall / out['2 workers'].wall;
  out.loadAverage = loadavg();
  record('map-reduce k-means pass, 1,000,000 points', out);
}

// 5. Padding waste of the bucketing loader.
if (want('padding')) {
  const t = tsml.datasets.sequences({ n: 10_000, minLen: 5, maxLen: 200, seed: 1 });
  const out = {};
  for (const buckets of [1, 2, 4, 8]) {
    const r = tsml.bucketBy(t, { x: 'tokens', buckets, batchSize: 32 }).padding();
    out[`${buckets} bucket${buckets > 1 ? 's' : ''}`] = { waste: +r.waste.toFixed(4), padToDatasetMax: +r.wasteToMax.toFixed(4) };
  }
  record('padding waste, 10,000 sequences of 5–200 tokens, batch 32', out);
}

report.loadAverageAtEnd = loadavg();
// Written to a file before exiting: process.exit() would drop stdout still queued for a pipe.
const out = new URL(`../results/training${chosen.length ? `-${chosen.join('-')}` : ''}.json`, import.meta.url).pathname;
mkdirSync(new URL('../results/', import.meta.url).pathname, { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2));
process.stdout.write(JSON.stringify(report, null, 2) + '\n', () => process.exit(0));
