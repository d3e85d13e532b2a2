/**
 * Fused optimizer steps (kernel/src/train/fused): the same weights and slots as tfjs's own
 * optimizers, bit for bit, on wasm and cpu; copy-on-write when a weight's data is shared; and
 * tfjs's optimizer whenever the fused step does not apply.
 */
import type * as TF from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFused } from '../../kernel/src/train/fused/index.js';
import { fit } from '../../kernel/src/train/fit.js';
import { seed } from '../../kernel/src/random/index.js';
import { quiet, tfjs } from './helpers.js';

let tf: typeof TF;
let home: string;
beforeAll(async () => {
  tf = await tfjs();
  home = tf.getBackend();
});
afterAll(async () => {
  await tf.setBackend(home);
});

const OPTIMIZERS: [string, () => TF.Optimizer][] = [
  ['sgd', () => tf.train.sgd(0.05)],
  ['momentum', () => tf.train.momentum(0.02, 0.9)],
  ['momentum (Nesterov)', () => tf.train.momentum(0.02, 0.8, true)],
  ['rmsprop', () => tf.train.rmsprop(1e-2)],
  ['rmsprop (centered, momentum)', () => tf.train.rmsprop(5e-3, 0.85, 0.5, 1e-10, true)],
  ['adam', () => tf.train.adam(1e-2)],
];

let names = 0;
/** A small network's weights (tanh: no gradient is exactly 0, where tfjs's centered RMSProp gives NaN), the same values under two sets of variable names. */
function twins(): [TF.Variable[], TF.Variable[]] {
  const init = tf.tidy(() => [tf.randomNormal([9, 16], 0, 1, 'float32', 3), tf.randomNormal([16], 0, 1, 'float32', 4), tf.randomNormal([16, 1], 0, 1, 'float32', 5)]);
  const make = () => init.map((t) => tf.variable(t.clone(), true, `fused_${names++}`));
  const pair: [TF.Variable[], TF.Variable[]] = [make(), make()];
  tf.dispose(init);
  return pair;
}

const loss = (vars: TF.Variable[], x: TF.Tensor, y: TF.Tensor) => () => tf.tidy(() => tf.losses.meanSquaredError(y, tf.tanh(x.matMul(vars[0]).add(vars[1])).matMul(vars[2])) as TF.Scalar);

/**
 * Max |a − b| over two lists, exactly (0 when bit-identical). NaN against NaN counts as equal:
 * tfjs's centered RMSProp takes sqrt(ms − mg² − ε), NaN where a gradient is tiny, and the fused
 * step reproduces that too; NaN against a number counts as Infinity.
 */
const gap = (v: number, w: number) => (Number.isNaN(v) && Number.isNaN(w) ? 0 : Number.isNaN(v - w) ? Infinity : Math.abs(v - w));
const diff = (a: TF.Tensor[], b: TF.Tensor[]) => Math.max(0, ...a.map((t, i) => Math.max(...Array.from(t.dataSync(), (v, j) => gap(v, b[i].dataSync()[j])))));
const slotTensors = async (o: TF.Optimizer) => (await o.getWeights()).slice(1).map((w) => w.tensor);

/** Steps tfjs's optimizer on one set and the fused step on the other with the same data; both must stay equal. */
async function race(make: () => TF.Optimizer, steps: number, scale = 1) {
  const [a, b] = twins();
  const ref = make(), mine = make();
  const x = tf.randomNormal([32, 9], 0, 1, 'float32', 6), y = tf.randomNormal([32, 1], 0, 1, 'float32', 7);
  let fused = 0;
  for (let s = 0; s < steps; s++) {
    const ga = tf.variableGrads(loss(a, x, y), a), gb = tf.variableGrads(loss(b, x, y), b);
    const scaled = Object.fromEntries(Object.entries(ga.grads).map(([k, g]) => [k, scale === 1 ? g.clone() : tf.div(g, scale)]));
    ref.applyGradients(scaled);
    if (applyFused(tf, mine, Object.entries(gb.grads), scale)) fused++;
    tf.dispose([ga.value, gb.value, ...Object.values(ga.grads), ...Object.values(gb.grads), ...Object.values(scaled)]);
  }
  const result = { fused, weights: diff(a, b), slots: diff(await slotTensors(ref), await slotTensors(mine)), iterations: [ref.iterations, mine.iterations], moved: diff(a, twins()[0]) };
  tf.dispose([x, y, ...a, ...b]);
  ref.dispose();
  mine.dispose();
  return result;
}

for (const backend of ['wasm', 'cpu']) {
  describe(`fused optimizer steps on ${backend}`, () => {
    beforeAll(async () => {
      expect(await tf.setBackend(backend)).toBe(true);
    });
    afterAll(async () => {
      await tf.setBackend(home);
    });
    for (const [name, make] of OPTIMIZERS) {
      it(`${name}: the weights and slots of tfjs's own optimizer after 25 steps, bit for bit`, async () => {
        const r = await race(make, 25);
        expect(r.fused).toBe(25);
        expect(r.moved).toBeGreaterThan(1e-3); // the weights did train
        expect(r.weights).toBe(0);
        expect(r.slots).toBe(0);
        expect(r.iterations).toEqual([25, 25]);
      });
    }
    it('divides accumulated gradients as tf.div(g, count) does', async () => {
      for (const [, make] of [OPTIMIZERS[1], OPTIMIZERS[3], OPTIMIZERS[5]]) {
        const r = await race(make, 10, 3);
        expect([r.fused, r.weights, r.slots]).toEqual([10, 0, 0]);
      }
    });
    it('copies a weight whose data a clone shares before writing it (the clone keeps its values)', () => {
      const [[w], [other]] = twins();
      const kept = w.clone();
      const before = Array.from(kept.dataSync());
      const g = tf.onesLike(w);
      expect(applyFused(tf, tf.train.sgd(0.5), [[w.name, g]], 1)).toBe(true);
      expect(Array.from(kept.dataSync())).toEqual(before);
      expect(Array.from(w.dataSync())).toEqual(before.map((v) => Math.fround(v - 0.5)));
      tf.dispose([w, other, kept, g]);
    });
  });
}

describe('fused optimizer steps: when tfjs steps instead', () => {
  it('answers false for other optimizers, subclasses and patched instances, changing nothing', () => {
    const [[w]] = twins();
    const g = tf.onesLike(w);
    const before = Array.from(w.dataSync());
    class Mine extends (tf as unknown as { SGDOptimizer: new (lr: number) => TF.Optimizer }).SGDOptimizer {}
    const patched = tf.train.adam(0.1);
    patched.applyGradients = patched.applyGradients.bind(patched);
    for (const opt of [tf.train.adagrad(0.1), tf.train.adadelta(0.1), tf.train.adamax(0.1), new Mine(0.1), patched]) {
      expect(applyFused(tf, opt, [[w.name, g]], 1)).toBe(false);
    }
    expect(Array.from(w.dataSync())).toEqual(before);
    tf.dispose([w, g]);
  });

  it('tsml.fit gives the weights tfjs\'s own optimizer gives (RMSProp, 3 epochs, with a validation split)', async () => {
    const model = () => {
      seed(11);
      const m = tf.sequential({ layers: [tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4], kernelInitializer: tf.initializers.glorotNormal({ seed: 1 }) }), tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotNormal({ seed: 2 }) })] });
      m.compile({ optimizer: tf.train.rmsprop(1e-2), loss: 'meanSquaredError', metrics: ['mae'] });
      return m;
    };
    const x = tf.randomNormal([100, 4], 0, 1, 'float32', 8), y = tf.randomNormal([100, 1], 0, 1, 'float32', 9);
    const fused = model(), plain = model();
    // An instance's own applyGradients is honoured: this one steps with tfjs's ops.
    plain.optimizer.applyGradients = plain.optimizer.applyGradients.bind(plain.optimizer);
    const hf = await fit(fused, { x, y }, { epochs: 3, batchSize: 16, validationSplit: 0.2, seed: 5, ...quiet });
    const hp = await fit(plain, { x, y }, { epochs: 3, batchSize: 16, validationSplit: 0.2, seed: 5, ...quiet });
    expect(diff(fused.getWeights(), plain.getWeights())).toBe(0);
    expect(hf.epochs.map((e) => e.val_loss)).toEqual(hp.epochs.map((e) => e.val_loss));
    tf.dispose([x, y]);
  });
});

describe('a tsml.fit step', () => {
  it("is tfjs's minimize of the batch's mean loss, bit for bit, and logs the loss and metric of the weights before it", async () => {
    const make = () => {
      const m = tf.sequential({ layers: [tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }), tf.layers.dense({ units: 1 })] });
      m.compile({ optimizer: tf.train.adam(1e-2), loss: 'meanSquaredError', metrics: ['mae'] });
      return m;
    };
    const x = tf.randomNormal([24, 4], 0, 1, 'float32', 12), y = tf.randomNormal([24, 1], 0, 1, 'float32', 13);
    const a = make(), b = make();
    b.setWeights(a.getWeights());
    const before = tf.tidy(() => {
      const pred = b.predict(x) as TF.Tensor;
      return [tf.mean(tf.metrics.meanSquaredError(y, pred)).dataSync()[0], tf.mean(tf.metrics.meanAbsoluteError(y, pred)).dataSync()[0]];
    });
    const h = await fit(a, { x, y }, { epochs: 1, batchSize: 24, shuffle: false, ...quiet });
    const opt = tf.train.adam(1e-2);
    tf.dispose(opt.minimize(() => tf.mean(tf.metrics.meanSquaredError(y, b.apply(x, { training: true }) as TF.Tensor)) as TF.Scalar, false, b.trainableWeights.map((w) => (w as unknown as { read(): TF.Variable }).read())));
    expect(diff(a.getWeights(), b.getWeights())).toBe(0);
    expect(h.batches.values.get('loss')![0]).toBeCloseTo(before[0], 6);
    expect(h.batches.values.get('mae')![0]).toBeCloseTo(before[1], 6);
    tf.dispose([x, y]);
  });
});
