/**
 * Training a CNN on the wasm backend: the Conv2DBackpropFilter kernel tsml adds
 * (tfjs-backend-wasm 4.22 lacks it) gives the cpu backend's gradients for
 * 'valid' and 'same' padding and strides 1 and 2, and a conv model fits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadTf, resetTfForTests } from '../../kernel/src/tensor/load.js';

afterEach(() => resetTfForTests());

describe('conv2d filter gradients on wasm', () => {
  it('equal the cpu backend\'s, and model.fit of a conv net runs', async () => {
    const tf = await loadTf({ backend: 'wasm' });
    expect(tf.getBackend()).toBe('wasm');
    const x = tf.randomNormal([3, 12, 12, 4], 0, 1, 'float32', 1).arraySync() as number[][][][];
    const w = tf.randomNormal([5, 5, 4, 6], 0, 1, 'float32', 2).arraySync() as number[][][][];
    const grad = (pad: 'valid' | 'same', s: number | [number, number]) =>
      (tf.grad((f: import('@tensorflow/tfjs').Tensor4D) => tf.conv2d(tf.tensor4d(x), f, s, pad).square().sum())(tf.tensor4d(w)).arraySync() as number[][][][]).flat(3);
    const configs: Array<['valid' | 'same', number | [number, number]]> = [['valid', 1], ['same', 1], ['valid', 2], ['same', [2, 1]]];
    const onWasm = configs.map(([p, s]) => grad(p, s));
    await tf.setBackend('cpu');
    const onCpu = configs.map(([p, s]) => grad(p, s));
    await tf.setBackend('wasm');
    onWasm.forEach((g, k) => g.forEach((v, i) => expect(Math.abs(v - onCpu[k][i]) / (1 + Math.abs(onCpu[k][i])), `${configs[k]} at ${i}`).toBeLessThan(1e-4)));

    const model = tf.sequential({ layers: [
      tf.layers.conv2d({ inputShape: [12, 12, 1], filters: 3, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
      tf.layers.maxPooling2d({ poolSize: 2 }), tf.layers.flatten(), tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }),
    ] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'sparseCategoricalCrossentropy' });
    // Bright images are class 1: learnable in a few epochs.
    const xs = tf.tidy(() => tf.randomUniform([64, 12, 12, 1], 0, 1, 'float32', 3).add(tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 2)).reshape([64, 1, 1, 1])));
    const ys = tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 2));
    // Seeded weights, no shuffle: an unseeded start sometimes did not learn in 8 epochs.
    const h = await model.fit(xs, ys, { epochs: 8, batchSize: 16, verbose: 0, shuffle: false });
    const loss = h.history.loss as number[];
    expect(loss[loss.length - 1]).toBeLessThan(loss[0] * 0.8);
  }, 60_000);
});
