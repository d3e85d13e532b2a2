/**
 * tsml.seed(n) makes TensorFlow.js reproducible: tfjs derives the seed of each
 * initialiser, random op, dropout mask and fit() shuffle from Math.random when
 * none is given, and seed() replaces Math.random. Checked within a process,
 * across processes, and whether tfjs was loaded before or after seeding.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '../../kernel/src/tensor/load.js';
import { seed } from '../../kernel/src/random/index.js';
import type { Tf } from '../../kernel/src/tensor/candidates.js';

let tf: Tf;
beforeAll(async () => {
  tf = await loadTf({ backend: 'wasm' });
});

function initialWeights(tf: Tf): number[][] {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }),
      tf.layers.dense({ units: 8, kernelInitializer: 'heNormal' }),
      tf.layers.dense({ units: 4, kernelInitializer: 'orthogonal' }),
      tf.layers.dense({ units: 1, kernelInitializer: 'truncatedNormal' }),
    ],
  });
  const w = model.getWeights().map((t) => Array.from(t.dataSync()));
  model.dispose();
  return w;
}

async function trained(tf: Tf): Promise<number[]> {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 6, inputShape: [2] }), tf.layers.dropout({ rate: 0.3 }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
  const x = tf.randomUniform([64, 2]);
  const y = x.sum(1, true);
  await model.fit(x, y, { epochs: 3, batchSize: 8, shuffle: true, verbose: 0 });
  const w = Array.from(model.getWeights()[0].dataSync());
  model.dispose();
  tf.dispose([x, y]);
  return w;
}

describe('tsml.seed and TensorFlow.js', () => {
  it('gives identical initial weights for the same seed and different ones for another', () => {
    seed(42);
    const a = initialWeights(tf);
    seed(42);
    const b = initialWeights(tf);
    seed(43);
    const c = initialWeights(tf);
    seed();
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('makes unseeded random ops, dropout and fit() shuffling repeat', async () => {
    seed(7);
    const r1 = [tf.randomNormal([5]), tf.randomUniform([5]), tf.truncatedNormal([5])].map((t) => Array.from(t.dataSync()));
    const fit1 = await trained(tf);
    seed(7);
    const r2 = [tf.randomNormal([5]), tf.randomUniform([5]), tf.truncatedNormal([5])].map((t) => Array.from(t.dataSync()));
    const fit2 = await trained(tf);
    seed();
    expect(r2).toEqual(r1);
    expect(fit2).toEqual(fit1);
  });

  it('is identical across processes, whether tfjs was loaded before or after seed()', () => {
    const script = (order: 'seed-first' | 'load-first') =>
      [
        "const tsml = await import('./kernel/dist/index.js');",
        order === 'seed-first' ? "tsml.seed(42); const tf = await tsml.loadTf({ backend: 'cpu' });" : "const tf = await tsml.loadTf({ backend: 'cpu' }); tsml.seed(42);",
        "const m = tf.sequential({ layers: [tf.layers.dense({ units: 16, inputShape: [8] }), tf.layers.dense({ units: 1 })] });",
        'console.log(JSON.stringify(m.getWeights().map((w) => Array.from(w.dataSync()))));',
      ].join('\n');
    const run = (order: 'seed-first' | 'load-first') =>
      execFileSync(process.execPath, ['--input-type=module', '-e', script(order)], { cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8' }).trim();
    const first = run('load-first');
    expect(run('load-first')).toBe(first);
    // tfjs's bundled seedrandom draws from Math.random while loading; loadTf() keeps that out of the seeded stream.
    expect(run('seed-first')).toBe(first);
  });
});
