/** Independent checks for the dataset tests: least squares and simple summaries, written without the code under test. */

/** Least squares with an intercept: returns [b0, b1, …] by solving the normal equations. */
export function ols(xs: number[][], y: number[]): number[] {
  const rows = xs.map((x) => [1, ...x]);
  const p = rows[0].length;
  const a = Array.from({ length: p }, (_, i) => Array.from({ length: p + 1 }, (_, j) =>
    rows.reduce((s, r, k) => s + r[i] * (j < p ? r[j] : y[k]), 0)));
  for (let c = 0; c < p; c++) {
    const pivot = a.reduce((best, row, r) => (r >= c && Math.abs(row[c]) > Math.abs(a[best][c]) ? r : best), c);
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let j = c; j <= p; j++) a[r][j] -= f * a[c][j];
    }
  }
  return a.map((row, i) => row[p] / row[i]);
}

export function rSquared(xs: number[][], y: number[], beta: number[]): number {
  const m = mean(y);
  const pred = xs.map((x) => beta[0] + x.reduce((s, v, i) => s + v * beta[i + 1], 0));
  const ssRes = y.reduce((s, v, i) => s + (v - pred[i]) ** 2, 0);
  const ssTot = y.reduce((s, v) => s + (v - m) ** 2, 0);
  return 1 - ssRes / ssTot;
}

export function mean(v: number[]): number {
  return v.reduce((s, x) => s + x, 0) / v.length;
}

export function sd(v: number[]): number {
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
}

export function share<T>(v: T[], pred: (x: T) => boolean): number {
  return v.filter(pred).length / v.length;
}

/** Accuracy of batch-gradient logistic regression on standardised features (training accuracy). */
export function logisticAccuracy(xs: number[][], y: number[], epochs = 300, lr = 0.5): number {
  const p = xs[0].length;
  const mu = Array.from({ length: p }, (_, j) => mean(xs.map((x) => x[j])));
  const sg = Array.from({ length: p }, (_, j) => sd(xs.map((x) => x[j])) || 1);
  const z = xs.map((x) => x.map((v, j) => (v - mu[j]) / sg[j]));
  const w = new Array(p + 1).fill(0);
  const prob = (x: number[]) => 1 / (1 + Math.exp(-(w[0] + x.reduce((s, v, j) => s + v * w[j + 1], 0))));
  for (let e = 0; e < epochs; e++) {
    const g = new Array(p + 1).fill(0);
    z.forEach((x, i) => {
      const err = prob(x) - y[i];
      g[0] += err;
      x.forEach((v, j) => (g[j + 1] += err * v));
    });
    w.forEach((_, j) => (w[j] -= (lr * g[j]) / z.length));
  }
  return share(z.map((x, i) => [x, y[i]] as const), ([x, yi]) => (prob(x) > 0.5 ? 1 : 0) === yi);
}
