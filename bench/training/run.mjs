// Training benchmarks (BENCHMARKS.md "Training"): tsml.fit vs PyTorch CPU and Keras 3 on the same MLP,
// live-chart overhead, payload size at 100,000 logged steps, map-reduce speed-up, padding waste.
// Usage: node bench/training/run.mjs   (builds nothing: run `bash scripts/setup.sh` first; peers need
// the bench venv: python3 -m venv .venv-bench && .venv-bench/bin/pip install -r bench/requirements.txt)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as tsml from '../../kernel/dist/index.js';
import { setDisplayTarget } from '../../kernel/dist/display/display.js';

const tf = await tsml.loadTf();
const py = new URL('../../.venv-bench/bin/python', import.meta.url).pathname;
const report = { backend: tf.getBackend(), flags: tsml.device?.().flags ?? undefined };

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
async function time(f) {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

// 1. fit vs peers (median of 3 for tsml; peers once each, they print their own time).
for (const [name, rows, epochs] of [['auto-mpg size (314 rows)', 314, 100], ['synthetic 100,000 rows', 100_000, 2]]) {
  const { x, y } = data(rows);
  const warm = mlp();
  await tsml.fit(warm, { x: x.slice(0, 64), y: y.slice(0, 64) }, { epochs: 1, batchSize: 32, verbose: false });
  const tsmlFit = [];
  const tfjsFit = [];
  for (let i = 0; i < 3; i++) {
    tsmlFit.push(await time(() => tsml.fit(mlp(), { x, y }, { epochs, batchSize: 32, verbose: false })));
    tfjsFit.push(await time(() => mlp().fit(x, y, { epochs, batchSize: 32, verbose: 0 })));
  }
  const med = (a) => a.sort((p, q) => p - q)[1];
  const peers = existsSync(py) ? JSON.parse(execFileSync(py, [new URL('./peers.py', import.meta.url).pathname, String(rows), String(epochs), '32'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop()) : null;
  report[name] = { epochs, batch: 32, tsmlFit: med(tsmlFit), tfjsModelFit: med(tfjsFit), ...(peers ? { pytorch: peers.pytorch, keras: peers.keras, peerVersions: peers.versions } : { peers: 'no bench venv' }) };
  tf.dispose([x, y]);
}

// 2. Live-chart overhead: the chart updating on every batch (intervalMs 0), bundles serialised as the kernel would send them.
{
  let bytes = 0;
  setDisplayTarget({ send: (_t, content) => { bytes += JSON.stringify(content).length; } });
  const { x, y } = data(20_000);
  const run = async (callbacks) => time(() => tsml.fit(mlp(), { x, y }, { epochs: 3, batchSize: 32, verbose: false, callbacks }));
  const base = [], live = [];
  for (let i = 0; i < 3; i++) {
    base.push(await run([]));
    live.push(await run([tsml.callbacks.liveLoss({ live: true, intervalMs: 0, text: false })]));
    live.push(await run([tsml.callbacks.liveLoss({ live: true, intervalMs: 100, text: false })]));
  }
  const med = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
  const everyBatch = med(live.filter((_, i) => i % 2 === 0));
  const throttled = med(live.filter((_, i) => i % 2 === 1));
  report['live chart overhead (20,000 rows × 3 epochs, 1,875 steps)'] = { noChart: med(base), everyBatch, throttled100ms: throttled, overheadEveryBatch: everyBatch / med(base) - 1, overheadThrottled: throttled / med(base) - 1, bytesSent: bytes };
  setDisplayTarget(undefined);
  tf.dispose([x, y]);
}

// 3. 100,000 logged steps: every update's size stays bounded.
{
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
    if (s % 10_000 === 0) {
      const t0 = performance.now();
      const b = chart.bundle(true);
      bundleMs = Math.max(bundleMs, performance.now() - t0);
      max = Math.max(max, JSON.stringify(b).length);
    }
  }
  report['100,000 logged steps (loss, mae, lr per step; val per 1,000)'] = { maxUpdateBytes: max, maxBundleMs: bundleMs };
}

// 4. Map-reduce speed-up: one k-means assignment pass over 1,000,000 points, 8 partitions.
{
  const t = tsml.datasets.blobs({ n: 1_000_000, centers: 5, seed: 1 });
  const centroids = [[-5, -5], [0, 0], [5, 5], [-5, 5], [5, -5]];
  const map = (r, emit, c) => { let b = 0, d = Infinity; for (let i = 0; i < c.length; i++) { const e = (r.x0 - c[i][0]) ** 2 + (r.x1 - c[i][1]) ** 2; if (e < d) { d = e; b = i; } } emit(b, [r.x0, r.x1, 1]); };
  const add = (a, b) => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
  const out = {};
  for (const workers of [0, 1, 2]) {
    const p = tsml.partition(t, 8);
    await tsml.mapReduce(p, map, add, { workers, context: centroids });
    const times = [];
    for (let i = 0; i < 3; i++) times.push(await time(() => tsml.mapReduce(p, map, add, { workers, context: centroids })));
    out[workers === 0 ? 'main thread' : `${workers} worker${workers > 1 ? 's' : ''}`] = times.sort((a, b) => a - b)[1];
    await p.close();
  }
  out.speedup2vs1 = out['1 worker'] / out['2 workers'];
  report['map-reduce k-means pass, 1,000,000 points'] = out;
}

// 5. Padding waste of the bucketing loader.
{
  const t = tsml.datasets.sequences({ n: 10_000, minLen: 5, maxLen: 200, seed: 1 });
  const out = {};
  for (const buckets of [1, 2, 4, 8]) {
    const r = tsml.bucketBy(t, { x: 'tokens', buckets, batchSize: 32 }).padding();
    out[`${buckets} bucket${buckets > 1 ? 's' : ''}`] = { waste: +r.waste.toFixed(4), padToDatasetMax: +r.wasteToMax.toFixed(4) };
  }
  report['padding waste, 10,000 sequences of 5–200 tokens, batch 32'] = out;
}

// Written to a file before exiting: process.exit() would drop stdout still queued for a pipe.
const out = new URL('../results/training.json', import.meta.url).pathname;
mkdirSync(new URL('../results/', import.meta.url).pathname, { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2));
process.stdout.write(JSON.stringify(report, null, 2) + '\n', () => process.exit(0));
