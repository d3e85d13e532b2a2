/**
 * knnImpute(): fills missing numbers with the mean of the k nearest rows of
 * a reference table that have the value (scikit-learn's KNNImputer with
 * uniform weights): distances are NaN-Euclidean over every reference column
 * (sqrt(total / shared · Σ shared squared differences), ignoring
 * coordinates missing on either side). A value with no donor at all gets the
 * reference column's mean. The reference is the training split, so test rows
 * are filled from training rows only.
 */
import type { ColumnTable } from 'arquero';
import { columnOf } from '../../data/columns.js';
import { assertColumns, DataError } from '../../data/errors.js';

export interface KnnImputeOptions {
  /** Columns of the reference rows, by name (the training split's values). */
  reference: Record<string, ArrayLike<number | null>>;
  k?: number;
}

const num = (v: unknown) => (typeof v === 'number' ? v : v === null || v === undefined ? NaN : Number(v));

export function knnImpute(input: ColumnTable, columns: string[], opts: KnnImputeOptions): ColumnTable {
  const table = input.reify();
  assertColumns(table.columnNames(), columns);
  const k = opts.k ?? 5;
  const features = Object.keys(opts.reference);
  for (const c of columns) if (!features.includes(c)) throw new DataError(`knnImpute: the reference has no column '${c}' (it has ${features.join(', ')})`);
  assertColumns(table.columnNames(), features);
  const ref = features.map((c) => Float64Array.from(opts.reference[c] as ArrayLike<number>, num));
  const m = ref[0]?.length ?? 0;
  const x = features.map((c) => Float64Array.from(columnOf(table, c) as ArrayLike<number>, num));
  const d = features.length;
  const fill = new Set(columns.map((c) => features.indexOf(c)));
  const refMean = ref.map((col) => {
    let s = 0, c = 0;
    for (const v of col) if (v === v) (s += v), c++;
    return c ? s / c : NaN;
  });
  const dist = new Float64Array(m);
  for (let i = 0; i < table.numRows(); i++) {
    let hasGap = false;
    for (const f of fill) if (x[f][i] !== x[f][i]) hasGap = true;
    if (!hasGap) continue;
    for (let j = 0; j < m; j++) {
      let s = 0, shared = 0;
      for (let f = 0; f < d; f++) {
        const a = x[f][i], b = ref[f][j];
        if (a === a && b === b) {
          s += (a - b) ** 2;
          shared++;
        }
      }
      dist[j] = shared ? Math.sqrt((d / shared) * s) : NaN;
    }
    for (const f of fill) {
      if (x[f][i] === x[f][i]) continue;
      const donors: number[] = [];
      for (let j = 0; j < m; j++) if (ref[f][j] === ref[f][j] && dist[j] === dist[j]) donors.push(j);
      // Stable by row on ties, as NumPy's argsort of the reference order.
      donors.sort((a, b) => dist[a] - dist[b] || a - b);
      const near = donors.slice(0, k);
      x[f][i] = near.length ? near.reduce((s, j) => s + ref[f][j], 0) / near.length : refMean[f];
    }
  }
  return table.assign(Object.fromEntries(columns.map((c) => [c, x[features.indexOf(c)]])) as never);
}
