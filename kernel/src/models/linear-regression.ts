/**
 * Ordinary least squares, scikit-learn's LinearRegression in float64: fit by
 * Householder QR (the same solver the datasets use to plant lab figures), so
 * a lab's intercept and slope come out to every printed digit. The model
 * saves to and loads from JSON (`save(path)`, `LinearRegression.load(path)`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { leastSquares } from '@tsml/datasets';
import { r2Score } from './metrics.js';

type Matrix = readonly (readonly number[])[];

/**
 * Ordinary least squares as scikit-learn's LinearRegression, in float64 (Householder QR): `fit(X,
 * y)`, `predict(X)`, `intercept`, `coef`; saves to and loads from JSON (`save(path)`,
 * `LinearRegression.load(path)`).
 */
export class LinearRegression {
  intercept = 0;
  coef: number[] = [];
  features: string[] = [];
  private fitted = false;

  constructor(readonly opts: { fitIntercept?: boolean } = {}) {}

  /** X: rows of features (or one number per row); y: one target per row. */
  fit(X: Matrix | readonly number[], y: readonly number[], features?: string[]): this {
    const rows = asRows(X);
    if (rows.length !== y.length) throw new RangeError(`fit: X has ${rows.length} rows but y has ${y.length} values`);
    const withIntercept = this.opts.fitIntercept ?? true;
    const b = leastSquares(withIntercept ? rows.map((r) => [1, ...r]) : rows, y);
    this.intercept = withIntercept ? b[0] : 0;
    this.coef = withIntercept ? b.slice(1) : b;
    this.features = features ?? this.coef.map((_, j) => `x${j}`);
    this.fitted = true;
    return this;
  }

  predict(X: Matrix | readonly number[]): number[] {
    if (!this.fitted) throw new Error('predict: the model is not fitted yet; call fit(X, y) first');
    return asRows(X).map((r) => {
      if (r.length !== this.coef.length) throw new RangeError(`predict: rows need ${this.coef.length} features, got ${r.length}`);
      return r.reduce((s, v, j) => s + v * this.coef[j], this.intercept);
    });
  }

  /** R² of the predictions for X against y. */
  score(X: Matrix | readonly number[], y: readonly number[]): number {
    return r2Score(y, this.predict(X));
  }

  toJSON() {
    return { type: 'LinearRegression', intercept: this.intercept, coef: this.coef, features: this.features };
  }

  save(path: string): void {
    writeFileSync(path, JSON.stringify(this.toJSON(), null, 2));
  }

  static load(path: string): LinearRegression {
    const data = JSON.parse(readFileSync(path, 'utf8'));
    if (data?.type !== 'LinearRegression' || !Array.isArray(data.coef)) throw new Error(`${path} does not hold a saved LinearRegression`);
    const m = new LinearRegression();
    Object.assign(m, { intercept: data.intercept, coef: data.coef, features: data.features ?? [], fitted: true });
    return m;
  }
}

function asRows(X: Matrix | readonly number[]): number[][] {
  return (X as readonly unknown[]).map((r) => (typeof r === 'number' ? [r] : Array.from(r as readonly number[])));
}
