/**
 * The shared shape of column scalers: fit parameters per column on one table
 * (the training set), or reuse given parameters (for the test set), and map
 * every present value; missing values stay missing.
 */
import type { ColumnTable } from 'arquero';
import { columnOf, firstText, numericColumns, presentNumbers } from '../columns.js';
import { assertColumns, DataError } from '../errors.js';

export interface Scaled<P> {
  table: ColumnTable;
  /** Fitted parameters per column: pass them back to transform other data the same way. */
  params: Record<string, P>;
}

export function scaleColumns<P>(
  input: ColumnTable,
  columns: string[] | undefined,
  given: Record<string, P> | undefined,
  fit: (x: Float64Array, column: string) => P,
  apply: (v: number, p: P) => number,
): Scaled<P> {
  const table = input.reify();
  const cols = columns ?? (given ? Object.keys(given) : numericColumns(table));
  assertColumns(table.columnNames(), cols);
  const params: Record<string, P> = {};
  const out: Record<string, Float64Array> = {};
  for (const c of cols) {
    const values = columnOf(table, c);
    const x = presentNumbers(values);
    if (firstText(values) >= 0 || x.length !== Array.from(values).filter((v) => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v))).length) {
      throw new DataError(`column '${c}' is not numeric; encode it first (e.g. getDummies) or leave it out of the columns`);
    }
    const p = given ? given[c] : fit(x, c);
    if (p === undefined) throw new DataError(`no fitted parameters for column '${c}'; fit on a table that has it`);
    params[c] = p;
    out[c] = Float64Array.from(values as ArrayLike<number>, (v) => (v === null || v === undefined ? NaN : apply(Number(v), p)));
  }
  return { table: table.assign(out as never), params };
}
