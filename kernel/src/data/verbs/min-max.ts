/** minMax(): scale columns to [0, 1] (or `range`) with min and max fitted on this table or given. */
import type { ColumnTable } from 'arquero';
import { scaleColumns, type Scaled } from './scale.js';
import { checkOptions } from '../errors.js';

export interface MinMaxParams {
  min: number;
  max: number;
}

export interface MinMaxOptions {
  params?: Record<string, MinMaxParams>;
  range?: [number, number];
}

/**
 * Scales numeric `columns` to `range` ([0, 1] by default) with the minimum and maximum of this
 * table, or with fitted `params` from another (pass the training set's so test data uses train
 * statistics). Returns `{ table, params }`.
 */
export function minMax(table: ColumnTable, columns?: string[], opts: MinMaxOptions = {}): Scaled<MinMaxParams> {
  checkOptions('minMax', opts, ['params', 'range']);
  const [lo, hi] = opts.range ?? [0, 1];
  return scaleColumns(
    table,
    columns,
    opts.params,
    (x) => ({ min: x.reduce((a, b) => Math.min(a, b), Infinity), max: x.reduce((a, b) => Math.max(a, b), -Infinity) }),
    // A constant column maps to the low end, as scikit-learn's MinMaxScaler does.
    (v, p) => lo + (p.max === p.min ? 0 : ((v - p.min) / (p.max - p.min)) * (hi - lo)),
  );
}
