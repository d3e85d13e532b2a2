/**
 * Map-reduce on worker threads: the same answer as one partition in one
 * thread, records crossing the shuffle with and without the per-partition
 * combine (k-means: ≤ k × partitions vs every point), real threads, and
 * errors that say why (a closure over a cell variable).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { threadId } from 'node:worker_threads';
import { mapReduce, partition, type Partitions } from '../../kernel/src/train/index.js';
import { blobs, makeClassification } from '../../datasets/src/index.js';

const data = blobs({ n: 10_000, centers: 5, seed: 3 });
const opened: Partitions[] = [];
const parts = (n: number) => {
  const p = partition(data, n);
  opened.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(opened.map((p) => p.close()));
});

const centroids = [[-5, -5], [0, 0], [5, 5], [-5, 5], [5, -5]];
const assign = (row: { x0: number; x1: number }, emit: (k: number, v: number[]) => void, ctx: { c: number[][] }) => {
  let best = 0;
  let d = Infinity;
  ctx.c.forEach((c, i) => {
    const e = (row.x0 - c[0]) ** 2 + (row.x1 - c[1]) ** 2;
    if (e < d) { d = e; best = i; }
  });
  emit(best, [row.x0, row.x1, 1]);
};
const add = (a: number[], b: number[]) => a.map((v, i) => v + b[i]);

describe('mapReduce', () => {
  it('splits rows into near-equal contiguous partitions', () => {
    const p = parts(8);
    expect(p.sizes).toEqual([1250, 1250, 1250, 1250, 1250, 1250, 1250, 1250]);
    expect(p.columns).toEqual(['x0', 'x1', 'label']);
  });

  it('gives the single-partition, single-thread answer; combining first shuffles ≤ 5 × 8 records instead of 10,000', async () => {
    const one = await mapReduce(parts(1), assign, add, { workers: 0, context: { c: centroids } });
    const eight = await mapReduce(parts(8), assign, add, { workers: 2, context: { c: centroids } });
    const raw = await mapReduce(parts(8), assign, add, { workers: 2, context: { c: centroids }, combineBeforeShuffle: false });
    for (const r of [eight, raw]) {
      expect([...r.result.keys()].sort()).toEqual([...one.result.keys()].sort());
      for (const [k, v] of one.result) r.result.get(k)!.forEach((x: number, i: number) => expect(x).toBeCloseTo(v[i], 6));
    }
    expect(eight.emitted).toBe(10_000);
    expect(eight.shuffled).toBeLessThanOrEqual(40);
    expect(eight.shuffled).toBeGreaterThan(8);
    expect(raw.shuffled).toBe(10_000);
    expect(eight.workers).toBe(2);
  });

  it('runs map in other threads', async () => {
    const r = await mapReduce(parts(4), (_row: unknown, emit: (k: string, v: number[]) => void) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      emit('threads', [require('node:worker_threads').threadId]);
    }, (a: number[], b: number[]) => [...new Set([...a, ...b])], { workers: 2 });
    const ids = r.result.get('threads')!;
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(threadId);
  });

  it('explains a closure over a variable the workers do not have', async () => {
    const outside = 3;
    await expect(mapReduce(parts(2), (row: { x0: number }, emit: (k: number, v: number) => void) => emit(0, row.x0 * outside), (a: number, b: number) => a + b)).rejects.toThrow(
      /partition \d, row 0: ReferenceError: outside is not defined — .*pass outside values in \{ context \}/,
    );
    await expect(mapReduce(parts(2), { m() {} }.m as never, (a: number) => a)).rejects.toThrow(/method shorthand/);
  });
});

describe('the map-reduce lab (its data from the make_classification port, random_state=123)', () => {
  it('logistic regression by summed per-partition gradients gives the lab’s losses to 1e-6 and accuracy 0.9945', async () => {
    const { X, y } = makeClassification({ nSamples: 10_000, nFeatures: 2, nInformative: 2, nRedundant: 0, nClustersPerClass: 1, randomState: 123 });
    const p = partition({ x0: X.map((r) => r[0]), x1: X.map((r) => r[1]), label: y }, 8);
    opened.push(p);
    const want = [0.7985616355198335, 0.07500786607886242, 0.06578866845350452, 0.05999996600024983, 0.05603349371988779, 0.05315514097244599, 0.05097938292867146, 0.04928355967304257, 0.04792987072323888, 0.046828371238424885, 0.04591785644633872];
    // Per row: the gradient of the log loss and the loss itself, summed per partition, then across partitions.
    const grad = (r: { x0: number; x1: number; label: number }, emit: (k: string, v: number[]) => void, w: number[]) => {
      const p1 = 1 / (1 + Math.fround(Math.exp(-(w[0] + w[1] * r.x0 + w[2] * r.x1))));
      const e = p1 - r.label;
      emit('g', [e, e * r.x0, e * r.x1, -(r.label * Math.log(p1) + (1 - r.label) * Math.log(1 - p1)), 1]);
    };
    let w = [0.1, 0.1, 0.1];
    const losses: number[] = [];
    for (let it = 0; it < 11; it++) {
      const { result, shuffled } = await mapReduce(p, grad, add, { context: w });
      expect(shuffled).toBe(8);
      const [g0, g1, g2, loss, n] = result.get('g')!;
      losses.push(loss / n);
      w = [w[0] - (3 * g0) / n, w[1] - (3 * g1) / n, w[2] - (3 * g2) / n];
    }
    losses.forEach((l, i) => expect(Math.abs(l - want[i])).toBeLessThan(1e-6));
    const { result } = await mapReduce(p, (r: { x0: number; x1: number; label: number }, emit: (k: string, v: number) => void, w: number[]) => emit('hits', Number((w[0] + w[1] * r.x0 + w[2] * r.x1 > 0) === (r.label === 1))), (a: number, b: number) => a + b, { context: w });
    expect(result.get('hits')! / 10_000).toBe(0.9945);
  });
});
