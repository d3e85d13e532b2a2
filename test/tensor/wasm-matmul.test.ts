/**
 * Matrix products on the wasm backend with transposed operands: tsml routes them
 * through an explicit Transpose and the fast untransposed BatchMatMul. They must
 * equal the cpu backend's products for every transpose combination, rank 2 and 3,
 * broadcast batch dimensions, and inside gradients (dense-layer training).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadTf, resetTfForTests } from '../../kernel/src/tensor/load.js';

afterEach(() => resetTfForTests());

describe('matMul with transposes on wasm', () => {
  it('equals the cpu backend for every transpose, rank 2 and 3, broadcast batches and dense gradients', async () => {
    const tf = await loadTf({ backend: 'wasm' });
    expect(tf.getBackend()).toBe('wasm');
    expect((tf.getKernel('BatchMatMul', 'wasm') as unknown as Record<symbol, boolean>)[Symbol.for('tsml.wasmMatMul')]).toBe(true);
    const r = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed).arraySync();
    const cases: Array<[number[], number[], boolean, boolean]> = [
      [[5, 7], [7, 3], false, false], [[7, 5], [7, 3], true, false], [[5, 7], [3, 7], false, true], [[7, 5], [3, 7], true, true],
      [[2, 7, 5], [2, 7, 3], true, false], [[2, 5, 7], [1, 3, 7], false, true], [[33, 64], [33, 64], true, false],
    ];
    const values = cases.map(([sa, sb], k) => [r(sa, 2 * k + 1), r(sb, 2 * k + 2)] as const);
    const products = () => cases.map(([sa, sb, ta, tb], k) => tf.tidy(() => (tf.matMul(tf.tensor(values[k][0] as never, sa), tf.tensor(values[k][1] as never, sb), ta, tb).dataSync() as Float32Array).slice()));
    const x = r([16, 9], 99), w = r([9, 4], 98);
    const grads = () => tf.tidy(() => {
      const g = tf.grads((xx: import('@tensorflow/tfjs').Tensor, ww: import('@tensorflow/tfjs').Tensor) => tf.matMul(xx, ww).relu().square().sum());
      return g([tf.tensor(x as never), tf.tensor(w as never)]).map((t) => (t.dataSync() as Float32Array).slice());
    });
    const before = tf.memory().numTensors;
    const onWasm = products();
    const gWasm = grads();
    expect(tf.memory().numTensors).toBe(before);
    await tf.setBackend('cpu');
    const onCpu = products();
    const gCpu = grads();
    await tf.setBackend('wasm');
    const close = (got: Float32Array, want: Float32Array, what: string) => {
      expect(got.length, what).toBe(want.length);
      got.forEach((v, i) => expect(Math.abs(v - want[i]) / (1 + Math.abs(want[i])), `${what} at ${i}`).toBeLessThan(1e-5));
    };
    onWasm.forEach((p, k) => close(p, onCpu[k], `case ${k}: ${JSON.stringify(cases[k])}`));
    gWasm.forEach((g, k) => close(g, gCpu[k], `gradient ${k}`));
  }, 60_000);
});
