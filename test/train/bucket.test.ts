/**
 * The bucketing loader: buckets by length (boundaries or quantiles), pads to
 * the batch's longest sequence with a matching mask and lengths, draws
 * buckets in proportion to what they have left (no bucket runs out more than
 * a batch before its share), seeded, drop-last; and fit accepts it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { bucketBy, fitLoop, quantileBoundaries } from '../../kernel/src/train/index.js';
import { sequences } from '../../datasets/src/index.js';
import { quiet, tfjs } from './helpers.js';

let tf: typeof TF;
beforeAll(async () => {
  tf = await tfjs();
});

const seqs = (n: number, seed = 1) => {
  let s = seed;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(r() ** 2 * 60) }, () => 1 + Math.floor(r() * 9)));
};

describe('bucketBy', () => {
  it('pads each batch to its longest sequence, with a mask and the lengths', async () => {
    const data = seqs(200);
    const loader = bucketBy(data, { boundaries: [10, 25], batchSize: 16, seed: 3, labels: data.map((d) => d.length % 2) });
    expect(loader.bucketItems.map((b) => b.length).reduce((a, c) => a + c)).toBe(200);
    let seen = 0;
    for await (const b of loader) {
      const x = (b.x as TF.Tensor).arraySync() as number[][];
      const mask = b.mask!.arraySync() as number[][];
      const lengths = Array.from((b.lengths as TF.Tensor).dataSync());
      expect(x[0].length).toBe(Math.max(...lengths));
      x.forEach((row, r) => {
        expect(mask[r].reduce((a, c) => a + c)).toBe(lengths[r]);
        // Real tokens where the mask is 1, padding (0) after.
        row.forEach((v, j) => expect(v !== 0).toBe(j < lengths[r]));
      });
      const bucket = lengths.every((l) => l <= 10) ? 0 : lengths.every((l) => l > 10 && l <= 25) ? 1 : lengths.every((l) => l > 25) ? 2 : -1;
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect((b.y as TF.Tensor).shape).toEqual([lengths.length]);
      seen += lengths.length;
      tf.dispose([b.x as TF.Tensor, b.mask!, b.lengths as TF.Tensor, b.y as TF.Tensor]);
    }
    expect(seen).toBe(200);
  });

  it('draws buckets in proportion to what they have left: none runs out more than one batch early', () => {
    const data = seqs(3000, 7);
    const loader = bucketBy(data, { buckets: 4, batchSize: 32, seed: 1 });
    const sizes = loader.bucketItems.map((b) => Math.ceil(b.length / 32));
    const total = sizes.reduce((a, c) => a + c);
    for (let epoch = 0; epoch < 3; epoch++) {
      loader.plan();
      const order = loader.lastOrder;
      expect(order).toHaveLength(total);
      const taken = sizes.map(() => 0);
      order.forEach((b, t) => {
        taken[b]++;
        // Never a batch ahead of its share, and (so) never more than one batch behind it at the end.
        sizes.forEach((n, k) => expect(taken[k]).toBeLessThanOrEqual((n / total) * (t + 1) + 1));
      });
      // Every bucket still has batches in the last stretch of the epoch.
      sizes.forEach((_, k) => expect(order.lastIndexOf(k)).toBeGreaterThanOrEqual(total - 1 - Math.ceil(total / sizes[k]) - 1));
    }
  });

  it('is seeded, puts quantile boundaries where the lengths are, and drops last batches when asked', () => {
    const data = seqs(500, 3);
    const a = bucketBy(data, { batchSize: 10, seed: 4 }).plan();
    const b = bucketBy(data, { batchSize: 10, seed: 4 }).plan();
    expect(a).toEqual(b);
    expect(bucketBy(data, { batchSize: 10, seed: 5 }).plan()).not.toEqual(a);
    const q = quantileBoundaries([1, 2, 3, 4, 5, 6, 7, 8], 2);
    expect(q).toEqual([5]);
    const dl = bucketBy(data, { batchSize: 64, dropLast: true, seed: 1 });
    expect(dl.plan().every((batch) => batch.length === 64)).toBe(true);
    expect(dl.length).toBe(dl.plan().length);
  });

  it('wastes far less padding than padding everything to the longest sequence', () => {
    const t = sequences({ n: 1000, seed: 2 });
    const r = bucketBy(t, { x: 'tokens', y: 'label', buckets: 4, batchSize: 32 }).padding();
    expect(r.tokens).toBe(t.array('length').reduce((a: number, c: number) => a + c, 0));
    expect(r.waste).toBeLessThan(r.wasteToMax / 2);
  });

  it('feeds fitLoop, with the loss normalised over real tokens', async () => {
    const t = sequences({ n: 200, seed: 2 });
    const loader = bucketBy(t, { x: 'tokens', y: 'label', buckets: 3, batchSize: 16, seed: 1 });
    const emb = tf.variable(tf.randomNormal([20, 1], 0, 0.1, 'float32', 1));
    const h = await fitLoop({
      params: [emb],
      // A per-token loss: every real token's embedding should predict the sequence's label. (One-hot × matrix
      // rather than gather: tfjs-backend-wasm has no gradient kernel for gather, UnsortedSegmentSum.)
      loss: (b) => {
        const [n, len] = (b.x as TF.Tensor).shape;
        const e = tf.oneHot((b.x as TF.Tensor).reshape([-1]) as TF.Tensor1D, 20).matMul(emb).reshape([n, len]);
        return tf.square(tf.sub(e, (b.y as TF.Tensor).expandDims(1)));
      },
      optimizer: tf.train.adam(0.05),
      data: loader,
      epochs: 3,
      accumulate: 2,
      ...quiet,
    });
    expect(h.length).toBe(3);
    expect(h.batches.step).toHaveLength(3 * Math.ceil(loader.length / 2));
    expect(h.last('loss')).toBeLessThan(h.epochs[0].loss);
    emb.dispose();
  });
});
