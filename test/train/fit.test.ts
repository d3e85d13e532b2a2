/**
 * fit and fitLoop in process: exact gradient accumulation (same weights as
 * one big batch; masked variable-length batches normalised over all unmasked
 * tokens, where averaging per-batch means is wrong; the last partial group of
 * an epoch), early stopping with restored weights, no tensor growth across
 * epochs, history records, checkpoint and CSV files.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { callbacks, fit, fitLoop, loadModel, History } from '../../kernel/src/train/index.js';
import { seed } from '../../kernel/src/random/index.js';
import { maxDiff, quiet, tfjs } from './helpers.js';

let tf: typeof TF;
beforeAll(async () => {
  tf = await tfjs();
});

function linearData(n = 80) {
  seed(11);
  const x = tf.randomNormal([n, 3]);
  const y = tf.tidy(() => x.matMul(tf.tensor2d([[1], [-2], [0.5]])).add(0.3).add(tf.randomNormal([n, 1]).mul(0.1)));
  return { x, y };
}

function linearParams() {
  return { w: tf.variable(tf.tensor2d([[0.1], [0.2], [-0.1]])), b: tf.variable(tf.scalar(0)) };
}

async function trainLinear(batchSize: number, accumulate: number, epochs = 3) {
  const { x, y } = linearData();
  const p = linearParams();
  const h = await fitLoop({
    params: [p.w, p.b],
    loss: (batch) => tf.losses.meanSquaredError(batch.y as TF.Tensor, tf.add(tf.matMul(batch.x as TF.Tensor, p.w), p.b), undefined, tf.Reduction.NONE).squeeze([1]),
    optimizer: tf.train.sgd(0.1),
    data: { x, y },
    batchSize,
    accumulate,
    shuffle: false,
    epochs,
    ...quiet,
  });
  const out = { w: p.w.clone(), b: p.b.clone(), history: h };
  tf.dispose([x, y, p.w, p.b]);
  return out;
}

describe('gradient accumulation', () => {
  it('gives the weights of one big batch (4 × 16 = 64)', async () => {
    const big = await trainLinear(64, 1);
    const acc = await trainLinear(16, 4);
    expect(maxDiff(tf, [acc.w, acc.b], [big.w, big.b])).toBeLessThan(1e-5);
    // One optimizer step per group: the same steps, the same logged losses.
    expect(acc.history.batches.step).toEqual(big.history.batches.step);
    acc.history.batches.values.get('loss')!.forEach((v, i) => expect(v).toBeCloseTo(big.history.batches.values.get('loss')![i], 5));
  });

  it('steps the last partial group of an epoch on its own count (80 rows: 16 × 2 ≡ 32)', async () => {
    const big = await trainLinear(32, 1);
    const acc = await trainLinear(16, 2);
    expect(acc.history.batches.step.length).toBe(3 * 3);
    expect(maxDiff(tf, [acc.w, acc.b], [big.w, big.b])).toBeLessThan(1e-5);
    expect(acc.history.epochs.map((e) => e.step)).toEqual([3, 6, 9]);
  });

  it('normalises masked variable-length batches by all unmasked tokens, where the mean of batch means is wrong', async () => {
    // Two micro-batches of sequences: 2 rows × 4 positions with 7 real tokens, and 2 rows × 2 positions with 2 real tokens.
    const a = { x: tf.tensor2d([[1, 2, 3, 4], [1, 1, 1, 0]]), y: tf.tensor2d([[2, 4, 6, 8], [1, 2, 3, 0]]), mask: tf.tensor2d([[1, 1, 1, 1], [1, 1, 1, 0]]) };
    const b = { x: tf.tensor2d([[5, 0], [2, 0]]), y: tf.tensor2d([[1, 0], [9, 0]]), mask: tf.tensor2d([[1, 0], [1, 0]]) };
    const run = async (batches: { x: TF.Tensor; y: TF.Tensor; mask: TF.Tensor }[], accumulate: number) => {
      const w = tf.variable(tf.scalar(0.5));
      const h = await fitLoop({
        params: [w],
        loss: (batch) => tf.square(tf.sub(tf.mul(batch.x as TF.Tensor, w), batch.y as TF.Tensor)),
        optimizer: tf.train.sgd(0.01),
        data: batches,
        accumulate,
        keepBatches: true,
        epochs: 1,
        ...quiet,
      });
      const out = { w: w.dataSync()[0], loss: h.batches.values.get('loss')![0] };
      w.dispose();
      return out;
    };
    // The big batch: both padded to 4 positions.
    const pad = (t: TF.Tensor) => tf.pad(t, [[0, 0], [0, 2]]);
    const big = { x: tf.concat([a.x, pad(b.x)]), y: tf.concat([a.y, pad(b.y)]), mask: tf.concat([a.mask, pad(b.mask)]) };
    const one = await run([big], 1);
    const accumulated = await run([a, b], 2);
    expect(accumulated.w).toBeCloseTo(one.w, 6);
    expect(accumulated.loss).toBeCloseTo(one.loss, 5);
    // What averaging per-micro-batch means would report.
    const mean = (p: typeof a) => tf.tidy(() => tf.sum(tf.mul(tf.square(tf.sub(tf.mul(p.x, 0.5), p.y)), p.mask)).div(tf.sum(p.mask)).dataSync()[0]);
    const naive = (mean(a) + mean(b)) / 2;
    expect(Math.abs(naive - one.loss)).toBeGreaterThan(1);
    tf.dispose([a.x, a.y, a.mask, b.x, b.y, b.mask, big.x, big.y, big.mask]);
  });
});

function mlp() {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 8, activation: 'relu', inputShape: [3] }), tf.layers.dense({ units: 1 })] });
  m.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError', metrics: ['mae'] });
  return m;
}

describe('fit', () => {
  it('records per-epoch means, validation and per-step logs; the history renders as a table', async () => {
    const { x, y } = linearData(100);
    const m = mlp();
    const h = await fit(m, { x, y }, { epochs: 4, batchSize: 20, validationSplit: 0.2, ...quiet });
    expect(h.length).toBe(4);
    expect(h.metricNames()).toEqual(['loss', 'mae', 'val_loss', 'val_mae', 'lr']);
    expect(h.batches.step).toHaveLength(16);
    expect(h.batches.epoch.slice(0, 4)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(h.history.loss).toHaveLength(4);
    expect(h.toTable().columnNames()).toEqual(['epoch', 'loss', 'mae', 'val_loss', 'val_mae', 'lr', 'time_ms']);
    expect(h.toTable('batch').numRows()).toBe(16);
    expect((m as unknown as { history: History }).history).toBe(h);
    // The epoch loss is the example-weighted mean of its steps (equal batches here).
    const steps = h.batches.values.get('loss')!.slice(0, 4);
    expect(h.epochs[0].loss).toBeCloseTo(steps.reduce((s, v) => s + v, 0) / 4, 5);
    tf.dispose([x, y]);
  });

  it('splits validation where Keras and tfjs do: the first floor(n · (1 − split)) rows train', async () => {
    // 314 Auto-MPG cars at 0.2 -> 251 + 63; 9 rows at 0.25 -> 6 + 3 (rounding the validation count would give 7 + 2).
    const { x, y } = linearData(9);
    const h = await fit(mlp(), { x, y }, { epochs: 1, batchSize: 1, validationSplit: 0.25, ...quiet });
    expect(h.batches.step).toHaveLength(6);
    tf.dispose([x, y]);
  });

  it('keeps the tensor count flat across 50 epochs', async () => {
    const { x, y } = linearData(64);
    const m = mlp();
    const counts: number[] = [];
    await fit(m, { x, y }, { epochs: 50, batchSize: 16, validationSplit: 0.25, ...quiet, callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }] });
    expect(counts[49] - counts[1]).toBe(0);
    tf.dispose([x, y]);
  });

  it('restores the best weights when early stopping ends the fit', async () => {
    const { x, y } = linearData(64);
    // Validation data the model cannot fit: its loss rises while training improves.
    const vx = tf.randomNormal([32, 3]);
    const vy = tf.randomNormal([32, 1]).mul(5);
    const m = mlp();
    const snapshots: TF.Tensor[][] = [];
    const es = callbacks.earlyStopping({ patience: 3, restoreBestWeights: true });
    const h = await fit(m, { x, y }, {
      epochs: 200, batchSize: 16, validationData: { x: vx, y: vy }, ...quiet,
      callbacks: [{ onEpochEnd: () => void snapshots.push(m.getWeights().map((w) => w.clone())) }, es],
    });
    expect(h.status).toBe('stopped');
    expect(h.length).toBeLessThan(200);
    const best = h.best('val_loss')!;
    expect(es.bestEpoch).toBe(best.epoch);
    expect(h.length - 1 - best.epoch).toBe(3);
    expect(h.restoredEpoch).toBe(best.epoch);
    expect(maxDiff(tf, m.getWeights(), snapshots[best.epoch])).toBe(0);
    expect(h.note).toMatch(/^early stopping at epoch \d+: val_loss did not improve for 3 epochs; best val_loss .* restored the weights of epoch/);
    tf.dispose([x, y, vx, vy, ...snapshots.flat()]);
  });

  it('says what to do with bad options and data', async () => {
    const m = mlp();
    const x = tf.zeros([10, 3]);
    await expect(fit(m, { x, y: tf.zeros([9, 1]) }, quiet)).rejects.toThrow(/y has 9 rows but x has 10/);
    await expect(fit(m, 42 as never, quiet)).rejects.toThrow(/Pass \{ x, y \} tensors/);
    await expect(fit(m, { x, y: tf.zeros([10, 1]) }, { accumulate: 0, ...quiet })).rejects.toThrow(/accumulate must be a positive integer/);
    const raw = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] });
    await expect(fit(raw, { x, y: tf.zeros([10, 1]) }, quiet)).rejects.toThrow(/compile the model first/);
    await expect(fit(m, { x, y: tf.zeros([10, 1]) }, { callbacks: [callbacks.earlyStopping({ monitor: 'val_acc' })], ...quiet })).rejects.toThrow(/cannot monitor 'val_acc'; this fit logs loss, mae/);
    // Keras' snake_case names and typos fail instead of training with the defaults.
    await expect(fit(m, { x, y: tf.zeros([10, 1]) }, { epoch: 5, ...quiet } as never)).rejects.toThrow(/fit: unknown option 'epoch' \(did you mean 'epochs'\?\); it takes: epochs/);
    await expect(fit(m, { x, y: tf.zeros([10, 1]) }, { batch_size: 5, ...quiet } as never)).rejects.toThrow(/did you mean 'batchSize'/);
    const w = tf.variable(tf.zeros([3, 1]));
    const loss = (b: { x: unknown }) => tf.matMul(b.x as TF.Tensor, w).squeeze([1]);
    await expect(fitLoop({ params: [w], loss, optimizer: tf.train.sgd(0.1), data: { x }, validation_split: 0.2, ...quiet } as never)).rejects.toThrow(/fitLoop: unknown option 'validation_split' \(did you mean 'validationSplit'\?\)/);
    w.dispose();
    x.dispose();
  });

  it('saves the best model with checkpoint and loads it back; logs epochs to CSV', async () => {
    const { x, y } = linearData(64);
    const m = mlp();
    const dir = mkdtempSync(join(tmpdir(), 'tsml-ckpt-'));
    const ck = callbacks.checkpoint({ dir: join(dir, 'best'), monitor: 'loss' });
    await fit(m, { x, y }, { epochs: 6, batchSize: 16, ...quiet, callbacks: [ck, callbacks.csvLogger(join(dir, 'log.csv'))] });
    const lastSaved = ck.saved[ck.saved.length - 1];
    expect(lastSaved.value).toBe(Math.min(...ck.saved.map((s) => s.value)));
    const back = await loadModel(join(dir, 'best'));
    if (lastSaved.epoch === 5) expect(maxDiff(tf, back.getWeights(), m.getWeights())).toBe(0);
    expect(back.getWeights().map((w) => w.shape)).toEqual(m.getWeights().map((w) => w.shape));
    const csv = readFileSync(join(dir, 'log.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('epoch,loss,mae,lr');
    expect(csv).toHaveLength(7);
    tf.dispose([x, y]);
  });
});
