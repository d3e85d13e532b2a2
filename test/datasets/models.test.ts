/**
 * Statistical sanity: a fit on each generator's table recovers the model its doc
 * comment states (tolerances are several standard errors wide, and the seeds fixed).
 */
import { describe, expect, it } from 'vitest';
import * as ds from '../../datasets/src/index.js';
import { logisticAccuracy, mean, ols, rSquared, sd, share } from './stats.js';

const num = (t: { array(c: string): unknown }, c: string) => Array.from(t.array(c) as ArrayLike<number>);
const corr = (a: number[], b: number[]) => {
  const ma = mean(a), mb = mean(b);
  const cov = a.reduce((s, v, i) => s + (v - ma) * (b[i] - mb), 0);
  return cov / Math.sqrt(a.reduce((s, v) => s + (v - ma) ** 2, 0) * b.reduce((s, v) => s + (v - mb) ** 2, 0));
};

describe('linear', () => {
  it('OLS recovers intercept ≈ 1 and slope ≈ 2 at the lab size, and tightly at 100k rows', () => {
    for (const seed of [1, 2, 3, 42]) {
      const t = ds.linear({ seed });
      const [a, b] = ols(num(t, 'x').map((x) => [x]), num(t, 'y'));
      expect(Math.abs(a - 1)).toBeLessThan(0.08);
      expect(Math.abs(b - 2)).toBeLessThan(0.14);
    }
    const big = ds.linear({ seed: 5, n: 100_000, intercept: -3, slope: 0.5, noise: 2 });
    const x = num(big, 'x');
    const y = num(big, 'y');
    const [a, b] = ols(x.map((v) => [v]), y);
    expect(a).toBeCloseTo(-3, 1);
    expect(b).toBeCloseTo(0.5, 1);
    expect(sd(y.map((v, i) => v - a - b * x[i]))).toBeCloseTo(2, 1);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...x)).toBeLessThan(1);
  });
});

describe('blobs', () => {
  it('labels are separable around given centres and each cluster has the given spread', () => {
    const centers = [[0, 0], [10, 0], [0, 10], [10, 10], [5, 5]];
    const t = ds.blobs({ seed: 3, centers, clusterStd: 0.8 });
    const x0 = num(t, 'x0'), x1 = num(t, 'x1'), label = num(t, 'label');
    const nearest = x0.map((v, i) => centers.reduce((best, c, k) =>
      Math.hypot(v - c[0], x1[i] - c[1]) < Math.hypot(v - centers[best][0], x1[i] - centers[best][1]) ? k : best, 0));
    expect(share(nearest.map((k, i) => k === label[i]), Boolean)).toBeGreaterThan(0.99);
    for (let k = 0; k < 5; k++) {
      const idx = label.flatMap((l, i) => (l === k ? [i] : []));
      expect(idx.length).toBe(2000);
      expect(mean(idx.map((i) => x0[i]))).toBeCloseTo(centers[k][0], 1);
      expect(sd(idx.map((i) => x1[i]))).toBeCloseTo(0.8, 1);
    }
    // Shuffled: the first 100 rows are not one cluster.
    expect(new Set(label.slice(0, 100)).size).toBe(5);
  });

  it('default: 5 clusters of 2,000 points with unit spread, centres inside the box', () => {
    const t = ds.blobs({ seed: 9 });
    const label = num(t, 'label');
    for (let k = 0; k < 5; k++) {
      const idx = label.flatMap((l, i) => (l === k ? [i] : []));
      expect(idx.length).toBe(2000);
      for (const c of ['x0', 'x1']) {
        const col = num(t, c);
        const v = idx.map((i) => col[i]);
        expect(sd(v)).toBeCloseTo(1, 1);
        expect(Math.abs(mean(v))).toBeLessThan(10);
      }
    }
  });
});

describe('classification', () => {
  it('separable classes on informative features, redundant ones are linear in them, noise is noise', () => {
    const t = ds.classification({ seed: 4, n: 2000, features: 8, informative: 3, redundant: 2, repeated: 1, clustersPerClass: 1, classSep: 2, flipY: 0 });
    const x = Array.from({ length: 8 }, (_, j) => num(t, `x${j}`));
    const y = num(t, 'label');
    const rows = (cols: number[]) => y.map((_, i) => cols.map((j) => x[j][i]));
    expect(logisticAccuracy(rows([0, 1, 2]), y)).toBeGreaterThan(0.9);
    for (const j of [3, 4]) expect(rSquared(rows([0, 1, 2]), x[j], ols(rows([0, 1, 2]), x[j]))).toBeGreaterThan(0.9999);
    expect(x.slice(0, 5).some((col) => col.every((v, i) => v === x[5][i]))).toBe(true);
    for (const j of [6, 7]) {
      expect(Math.abs(corr(x[j], y))).toBeLessThan(0.1);
      expect(sd(x[j])).toBeCloseTo(1, 1);
    }
  });

  it('class weights give exact class sizes; flipY relabels about that share', () => {
    const t = ds.classification({ seed: 1, weights: [0.9, 0.1], flipY: 0 });
    expect(share(num(t, 'label'), (v) => v === 1)).toBe(0.1);
    const three = ds.classification({ seed: 1, n: 3000, classes: 3, informative: 3, flipY: 0 });
    expect(new Set(num(three, 'label'))).toEqual(new Set([0, 1, 2]));
    // Flipped labels cap the accuracy of even a perfect separator at 1 - flipY/2 (two classes).
    const accuracy = (flipY: number) => {
      const u = ds.classification({ seed: 2, flipY, features: 4, informative: 2, redundant: 0, clustersPerClass: 1, classSep: 5 });
      return logisticAccuracy(rowsOf(u), num(u, 'label'));
    };
    expect(accuracy(0)).toBeGreaterThan(0.98);
    expect(accuracy(0.4)).toBeGreaterThan(0.7);
    expect(accuracy(0.4)).toBeLessThan(0.9);
  });
});

function rowsOf(t: ReturnType<typeof ds.classification>): number[][] {
  const cols = t.columnNames().filter((c) => c !== 'label').map((c) => num(t, c));
  return cols[0].map((_, i) => cols.map((c) => c[i]));
}

describe('tvMarketing', () => {
  it('OLS recovers the Advertising fit: intercept ≈ 7.03, slope ≈ 0.0475, R² ≈ 0.6', () => {
    const t = ds.tvMarketing({ seed: 1 });
    const tv = num(t, 'TV'), sales = num(t, 'Sales');
    const beta = ols(tv.map((v) => [v]), sales);
    expect(beta[0]).toBeGreaterThan(6);
    expect(beta[0]).toBeLessThan(8);
    expect(beta[1]).toBeCloseTo(0.0475, 2);
    const r2 = rSquared(tv.map((v) => [v]), sales, beta);
    expect(r2).toBeGreaterThan(0.45);
    expect(r2).toBeLessThan(0.8);
    expect(Math.min(...tv)).toBeGreaterThanOrEqual(0.7);
    expect(Math.max(...tv)).toBeLessThanOrEqual(296.4);
    // The spread grows with the budget.
    const resid = sales.map((s, i) => s - beta[0] - beta[1] * tv[i]);
    expect(sd(resid.filter((_, i) => tv[i] > 200))).toBeGreaterThan(2 * sd(resid.filter((_, i) => tv[i] < 60)));
  });
});

describe('sequences', () => {
  it('variable lengths with a long tail, tokens in 1…vocab-1, a label the token mix predicts', () => {
    const t = ds.sequences({ seed: 1, n: 4000 });
    const tokens = t.array('tokens') as unknown as number[][];
    const length = num(t, 'length'), label = num(t, 'label');
    tokens.forEach((s, i) => expect(s.length).toBe(length[i]));
    const all = tokens.flat();
    expect(Math.min(...all)).toBe(1);
    expect(Math.max(...all)).toBe(19);
    expect(Math.min(...length)).toBe(5);
    expect(Math.max(...length)).toBe(50);
    expect(share(length, (l) => l <= 27)).toBeGreaterThan(0.65);
    expect(share(label, (v) => v === 1)).toBeCloseTo(0.5, 1);
    const guess = tokens.map((s) => (share(s, (v) => v >= 10) > 0.5 ? 1 : 0));
    const acc = (keep: (l: number) => boolean) =>
      share(guess.flatMap((g, i) => (keep(length[i]) ? [g === label[i]] : [])), Boolean);
    expect(acc(() => true)).toBeGreaterThan(0.8);
    expect(acc((l) => l >= 30)).toBeGreaterThan(acc((l) => l <= 8) + 0.1);
  });
});
