/**
 * standardize(): (x − mean) / std per column, fitted on this table or given.
 * `ddof` 0 matches scikit-learn's StandardScaler; 1 matches pandas' std()
 * (the Keras Auto-MPG tutorial normalises with describe()'s std).
 */
import type { ColumnTable } from 'arquero';
import { mean, std } from '../columns.js';
import { scaleColumns, type Scaled } from './scale.js';
import { checkOptions } from '../errors.js';

export interface StandardParams {
  mean: number;
  std: number;
}

export interface StandardizeOptions {
  params?: Record<string, StandardParams>;
  ddof?: 0 | 1;
}

/**
 * Standardizes numeric `columns` to zero mean and unit variance with this table's statistics, or
 * with fitted `params` from another (the training set's); `ddof` 0 (scikit-learn, default) or 1
 * (pandas). Returns `{ table, params }`.
 */
export function standardize(table: ColumnTable, columns?: string[], opts: StandardizeOptions = {}): Scaled<StandardParams> {
  checkOptions('standardize', opts, ['params', 'ddof']);
  return scaleColumns(
    table,
    columns,
    opts.params,
    (x) => ({ mean: mean(x), std: std(x, opts.ddof ?? 0) }),
    // A constant column has std 0: scikit-learn leaves it centred, not divided by zero.
    (v, p) => (v - p.mean) / (p.std === 0 || !Number.isFinite(p.std) ? 1 : p.std),
  );
}
