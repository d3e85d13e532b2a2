/**
 * fillna(): fill missing values with a constant or a statistic per column
 * ('mean', 'median', 'mode') or by propagation ('ffill', 'bfill'). With
 * `indicator`, adds a `<column>_missing` 0/1 column first, so a model can
 * still see which values were imputed (the labs' recipe).
 */
import type { ColumnTable } from 'arquero';
import { columnOf, isMissing, mean, mode, presentNumbers, quantileSorted, firstText } from '../columns.js';
import { assertColumns, DataError, checkOptions } from '../errors.js';

export type FillStrategy = 'mean' | 'median' | 'mode' | 'ffill' | 'bfill';
export type FillSpec = unknown | { strategy: FillStrategy };

export interface FillnaOptions {
  /** Add `<column>_missing` indicator columns (1 where a value was filled). */
  indicator?: boolean;
}

const STRATEGIES = new Set(['mean', 'median', 'mode', 'ffill', 'bfill']);

/** The constant a statistic fills with, computed on these values (so it can be reused on test data). */
export function fillValue(values: ArrayLike<unknown>, strategy: 'mean' | 'median' | 'mode'): unknown {
  if (strategy === 'mode') return mode(values);
  const x = presentNumbers(values);
  if (x.length === 0) return NaN;
  return strategy === 'mean' ? mean(x) : quantileSorted(Float64Array.from(x).sort(), 0.5);
}

function propagate(values: ArrayLike<unknown>, backward: boolean): unknown[] {
  const out = Array.from(values);
  let last: unknown = undefined;
  const n = out.length;
  for (let k = 0; k < n; k++) {
    const i = backward ? n - 1 - k : k;
    if (isMissing(out[i])) {
      if (last !== undefined) out[i] = last;
    } else last = out[i];
  }
  return out;
}

function filled(values: ArrayLike<unknown>, spec: unknown, column: string): ArrayLike<unknown> {
  if (typeof spec === 'string' && STRATEGIES.has(spec)) {
    if (spec === 'ffill' || spec === 'bfill') return propagate(values, spec === 'bfill');
    if (spec !== 'mode' && (firstText(values) >= 0 || presentNumbers(values).length < Array.from(values).filter((v) => !isMissing(v)).length)) {
      throw new DataError(`cannot fill column '${column}' with its ${spec}: it is not numeric. Use 'mode' or a constant.`);
    }
    spec = fillValue(values, spec as 'mean' | 'median' | 'mode');
  }
  if (values instanceof Float64Array && typeof spec === 'number') return values.map((v) => (Number.isNaN(v) ? spec as number : v));
  return Array.from(values, (v) => (isMissing(v) ? spec : v));
}

/**
 * `fillna(t, 0)` fills every column; `fillna(t, { age: 'median', city: 'mode', income: 0 })`
 * fills the named columns each their way.
 */
export function fillna(input: ColumnTable, spec: unknown, opts: FillnaOptions = {}): ColumnTable {
  checkOptions('fillna', opts, ['indicator']);
  const table = input.reify();
  const perColumn: Record<string, unknown> =
    spec !== null && typeof spec === 'object' && !Array.isArray(spec) && !(spec instanceof Date)
      ? (spec as Record<string, unknown>)
      : Object.fromEntries(table.columnNames().map((c) => [c, spec]));
  assertColumns(table.columnNames(), Object.keys(perColumn));
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const [c, s] of Object.entries(perColumn)) {
    const values = columnOf(table, c);
    if (opts.indicator) columns[`${c}_missing`] = Int32Array.from(Array.from(values), (v) => (isMissing(v) ? 1 : 0));
    columns[c] = filled(values, s, c);
  }
  return table.assign(columns as never);
}
