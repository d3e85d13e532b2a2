/**
 * Small pure helpers over column arrays shared by the verbs: missing values
 * (null, undefined and NaN, as pandas and arquero both treat them), numeric
 * columns, and pandas-compatible quantiles.
 */
import type { ColumnTable } from 'arquero';

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

export function numericColumns(table: ColumnTable): string[] {
  return table.columnNames().filter((n) => isNumeric(columnOf(table, n)));
}

/** The present values as numbers. */
export function presentNumbers(values: Values): Float64Array {
  const out = new Float64Array(values.length);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!isMissing(v)) out[k++] = Number(v);
  }
  return out.subarray(0, k);
}

export function countMissing(values: Values): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (isMissing(values[i])) m++;
  return m;
}

/** Moves the k-th smallest of x[lo..hi] to x[k] (Hoare partitioning, median-of-three pivots). */
function select(x: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const a = x[lo], b = x[mid], c = x[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (x[i] < pivot) i++;
      while (x[j] > pivot) j--;
      if (i <= j) {
        const t = x[i];
        x[i] = x[j];
        x[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * pandas' linear-interpolation quantiles by selection (O(n) per rank) instead
 * of a full sort. Ranks are selected in ascending order so each search only
 * scans the part to the right of the previous rank. `x` is reordered.
 */
export function quantilesInPlace(x: Float64Array, ps: number[]): number[] {
  const n = x.length;
  if (n === 0) return ps.map(() => NaN);
  const ranks = [...new Set(ps.flatMap((p) => [Math.floor((n - 1) * p), Math.min(Math.floor((n - 1) * p) + 1, n - 1)]))].sort((a, b) => a - b);
  const value = new Map<number, number>();
  let lo = 0;
  for (const k of ranks) {
    select(x, k, lo, n - 1);
    value.set(k, x[k]);
    lo = k;
  }
  return ps.map((p) => {
    const h = (n - 1) * p;
    const f = Math.floor(h);
    const a = value.get(f)!;
    const b = value.get(Math.min(f + 1, n - 1))!;
    return a + (h - f) * (b - a);
  });
}

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

/** Standard deviation with `ddof` delta degrees of freedom (pandas uses 1, NumPy and scikit-learn 0). */
export function std(x: ArrayLike<number>, ddof = 1): number {
  const n = x.length;
  if (n - ddof <= 0) return NaN;
  const m = mean(x);
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
