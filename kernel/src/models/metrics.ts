/** Regression and classification metrics, as scikit-learn defines them. */

/** Mean of the squared differences between true and predicted values. */
export function meanSquaredError(yTrue: readonly number[], yPred: readonly number[]): number {
  same(yTrue, yPred);
  return yTrue.reduce((s, v, i) => s + (v - yPred[i]) ** 2, 0) / yTrue.length;
}

/**
 * The coefficient of determination R², as scikit-learn's `r2_score`: 1 − (residual sum of squares)
 * / (total sum of squares).
 */
export function r2Score(yTrue: readonly number[], yPred: readonly number[]): number {
  same(yTrue, yPred);
  const mean = yTrue.reduce((a, b) => a + b, 0) / yTrue.length;
  const sst = yTrue.reduce((s, v) => s + (v - mean) ** 2, 0);
  return 1 - (meanSquaredError(yTrue, yPred) * yTrue.length) / sst;
}

/**
 * The fraction of predictions equal to the true labels, as scikit-learn's `accuracy_score`.
 */
export function accuracy<T>(yTrue: readonly T[], yPred: readonly T[]): number {
  same(yTrue, yPred);
  return yTrue.filter((v, i) => v === yPred[i]).length / yTrue.length;
}

/** Rows: true class, columns: predicted class, over `labels` (sorted distinct values by default). */
export function confusionMatrix<T>(yTrue: readonly T[], yPred: readonly T[], labels?: T[]): { labels: T[]; matrix: number[][] } {
  same(yTrue, yPred);
  const ls = labels ?? [...new Set([...yTrue, ...yPred])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = new Map(ls.map((l, i) => [l, i]));
  const matrix = ls.map(() => ls.map(() => 0));
  yTrue.forEach((t, i) => {
    const r = at.get(t);
    const c = at.get(yPred[i]);
    if (r !== undefined && c !== undefined) matrix[r][c]++;
  });
  return { labels: ls, matrix };
}

/** Precision, recall and F1 of the class `positive` (0 when undefined, as sklearn's zero_division=0). */
export function precisionRecall<T>(yTrue: readonly T[], yPred: readonly T[], positive: T): { precision: number; recall: number; f1: number } {
  same(yTrue, yPred);
  let tp = 0, fp = 0, fn = 0;
  yTrue.forEach((t, i) => {
    if (yPred[i] === positive && t === positive) tp++;
    else if (yPred[i] === positive) fp++;
    else if (t === positive) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

function same(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new RangeError(`the true and predicted values differ in length (${a.length} vs ${b.length})`);
  if (a.length === 0) throw new RangeError('no values to score');
}
