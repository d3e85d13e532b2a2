/**
 * Least squares in double precision by Householder QR (no normal equations,
 * so a nearly collinear design loses as few digits as possible). Shared by
 * the generators that plant a lab's fitted figures and by tsml's
 * LinearRegression, so both compute the same coefficients.
 */

/**
 * Coefficients b minimising |X·b − y|². X is rows × columns (rows ≥ columns);
 * throws when a column is (numerically) a combination of the others.
 */
export function leastSquares(X: readonly (readonly number[])[], y: readonly number[]): number[] {
  const m = X.length;
  const n = X[0]?.length ?? 0;
  if (m !== y.length) throw new RangeError(`leastSquares: ${m} rows of X but ${y.length} targets`);
  if (m < n) throw new RangeError(`leastSquares: ${m} rows cannot determine ${n} coefficients`);
  // Column-major copy, transformed in place.
  const a = Array.from({ length: n }, (_, j) => Float64Array.from(X, (row) => row[j]));
  const b = Float64Array.from(y);
  const diag = new Float64Array(n);
  const scale = Math.max(...a.map((col) => Math.hypot(...col)));
  for (let k = 0; k < n; k++) {
    const col = a[k];
    let norm = 0;
    for (let i = k; i < m; i++) norm = Math.hypot(norm, col[i]);
    if (norm <= 1e-12 * scale) throw new RangeError(`leastSquares: column ${k} is a linear combination of the others (collinear features)`);
    const alpha = col[k] > 0 ? -norm : norm;
    // v = x - alpha·e_k, stored in col[k..]
    col[k] -= alpha;
    const vv = col.subarray(k).reduce((s, v) => s + v * v, 0);
    for (let j = k + 1; j < n; j++) reflect(col, a[j], k, vv);
    reflect(col, b, k, vv);
    diag[k] = alpha;
  }
  // Back substitution on R (diagonal in diag, above it in a[j][i], i < j).
  const coef = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= a[j][i] * coef[j];
    coef[i] = s / diag[i];
  }
  return coef;
}

/** Applies I − 2vvᵀ/(vᵀv) (v = v[k..]) to x[k..]. */
function reflect(v: Float64Array, x: Float64Array, k: number, vv: number): void {
  let dot = 0;
  for (let i = k; i < v.length; i++) dot += v[i] * x[i];
  const f = (2 * dot) / vv;
  for (let i = k; i < v.length; i++) x[i] -= f * v[i];
}

/** Ordinary least squares with an intercept: [intercept, ...slopes]. */
export function olsWithIntercept(X: readonly (readonly number[])[], y: readonly number[]): { intercept: number; coef: number[] } {
  const b = leastSquares(X.map((row) => [1, ...row]), y);
  return { intercept: b[0], coef: b.slice(1) };
}
