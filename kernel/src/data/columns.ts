/**
 * Small pure helpers over column arrays shared by the verbs: missing values
 * (null, undefined and NaN, as pandas and arquero both treat them), numeric
 * columns, and pandas-compatible quantiles.
 */
import type { ColumnTable } from 'arquero';
import { arrowHasNumbers, arrowKind, arrowNumbers } from './arrow.js';

export type Values = ArrayLike<unknown>;

export const isMissing = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/** A column's values in row order; the stored array itself when the table has no filter or order (no copy). */
export function columnOf(table: ColumnTable, name: string): Values {
  const col = table.column(name) as unknown;
  if (!table.isFiltered() && !table.isOrdered()) {
    if (Array.isArray(col) || ArrayBuffer.isView(col)) return col as Values;
    // Arrow-backed columns (Parquet, Arrow IPC) convert in bulk, to typed arrays where there are no nulls.
    const arrow = col as { toArray?: () => Values };
    if (typeof arrow.toArray === 'function') return arrow.toArray();
  }
  return table.array(name) as Values;
}

/** Rows picked by position (0-based, in the table's current order). */
export function takeRows(table: ColumnTable, rows: ArrayLike<number>): ColumnTable {
  const base = table.reify();
  return base.reify(Array.from(rows) as never);
}

/** Numeric when every present value is a number (or bigint) and at least one is present. */
export function isNumeric(values: Values): boolean {
  if (values instanceof Float64Array || values instanceof Float32Array || values instanceof Int32Array) return true;
  let seen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    if (typeof v !== 'number' && typeof v !== 'bigint') return false;
    seen = true;
  }
  return seen;
}

/** The table's stored column, when its rows are in stored order (no filter, no orderby). */
const stored = (table: ColumnTable, name: string): unknown => (!table.isFiltered() && !table.isOrdered() ? table.column(name) : undefined);

/** isNumeric of a column; an Arrow column is decided by its type, without reading its values. */
export function isNumericColumn(table: ColumnTable, name: string): boolean {
  const col = stored(table, name);
  const kind = arrowKind(col);
  return kind ? kind === 'number' && arrowHasNumbers(col) : isNumeric(columnOf(table, name));
}

export function numericColumns(table: ColumnTable): string[] {
  return table.columnNames().filter((n) => isNumericColumn(table, n));
}

/** The present values as numbers, in `out` (by default a new array, which the caller may reorder). */
/** The row of the first text value, or -1: a column of strings cannot be scaled or correlated. */
export function firstText(values: Values): number {
  if (ArrayBuffer.isView(values)) return -1;
  for (let i = 0; i < values.length; i++) if (typeof values[i] === 'string') return i;
  return -1;
}

export function presentNumbers(values: Values, out = new Float64Array(values.length)): Float64Array {
  let k = 0;
  if (values instanceof Float64Array) {
    // The common case (CSV and Arrow float columns) without a type test per value.
    for (let i = 0; i < values.length; i++) if (values[i] === values[i]) out[k++] = values[i];
    return out.subarray(0, k);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!isMissing(v)) out[k++] = Number(v);
  }
  return out.subarray(0, k);
}

/** presentNumbers of a numeric column, in `out` (room for every row); an Arrow one is read from its typed arrays. */
export function presentNumbersOf(table: ColumnTable, name: string, out = new Float64Array(table.numRows())): Float64Array {
  const col = stored(table, name);
  return arrowKind(col) === 'number' ? arrowNumbers(col, out) : presentNumbers(columnOf(table, name), out);
}

export function countMissing(values: Values): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (isMissing(values[i])) m++;
  return m;
}

export { quantilesInPlace } from './select.js';

/** pandas/NumPy default ('linear') quantile of ascending sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length ? s / x.length : NaN;
}

/** Standard deviation with `ddof` delta degrees of freedom (pandas uses 1, NumPy and scikit-learn 0), around `m` when the mean is known. */
export function std(x: ArrayLike<number>, ddof = 1, m = mean(x)): number {
  const n = x.length;
  if (n - ddof <= 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i] - m) ** 2;
  return Math.sqrt(s / (n - ddof));
}

/** Most frequent present value (ties: the smallest, as pandas' mode()[0]). */
export function mode(values: Values): unknown {
  const counts = new Map<unknown, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!isMissing(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best: unknown;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && (v as any) < (best as any))) [best, bestCount] = [v, c];
  }
  return best;
}

export function sortedNumbers(values: Values): Float64Array {
  return presentNumbers(values).sort();
}
