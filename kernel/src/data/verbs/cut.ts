/**
 * cut() bins a numeric column into intervals (equal-width when `bins` is a
 * count, as pandas: the range is widened by 0.1% so the minimum falls in the
 * first bin); qcut() into quantile-based bins of equal counts. Both add a
 * label column (pandas-style interval labels unless `labels` are given).
 */
import type { ColumnTable } from 'arquero';
import { columnOf, isMissing, presentNumbers, quantileSorted } from '../columns.js';
import { assertColumns, DataError } from '../errors.js';

export interface CutOptions {
  /** Name of the new column (default `<column>_bin`). */
  as?: string;
  labels?: string[] | false;
  /** Intervals closed on the right (default), as (a, b]. */
  right?: boolean;
  includeLowest?: boolean;
  precision?: number;
}

function equalWidthEdges(x: Float64Array, k: number): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  if (lo === hi) (lo -= lo === 0 ? 0.001 : Math.abs(lo) * 0.001), (hi += hi === 0 ? 0.001 : Math.abs(hi) * 0.001);
  const edges = Array.from({ length: k + 1 }, (_, i) => lo + ((hi - lo) * i) / k);
  const adj = (hi - lo) * 0.001;
  edges[0] -= adj;
  return edges;
}

/** pandas' label rounding (`_round_frac`): `p` decimals, or `p` significant digits for |x| < 1. */
function roundFrac(x: number, p: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const digits = Math.trunc(x) === 0 ? -Math.floor(Math.log10(Math.abs(x))) - 1 + p : p;
  return +x.toFixed(Math.min(Math.max(digits, 0), 100));
}

/** Floats print as pandas prints them: 45 → '45.0'. */
const fmt = (v: number, p: number) => {
  const r = roundFrac(v, p);
  return Number.isInteger(r) ? r.toFixed(1) : String(r);
};

function assign(table: ColumnTable, column: string, edges: number[], opts: CutOptions & { lowestIncluded?: boolean }): ColumnTable {
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i] > edges[i - 1])) throw new DataError(`bin edges must increase strictly; got ${edges.join(', ')}`);
  }
  const right = opts.right ?? true;
  const k = edges.length - 1;
  if (opts.labels && opts.labels.length !== k) throw new DataError(`${k} bins need ${k} labels, got ${opts.labels.length}`);
  const p = opts.precision ?? 3;
  // With includeLowest, pandas prints the first left edge just below the minimum, so it reads as included.
  const left = (i: number) => (i === 0 && opts.includeLowest ? fmt(roundFrac(edges[0], p) - 10 ** -p, p) : fmt(edges[i], p));
  const names = opts.labels === false ? undefined : (opts.labels ?? edges.slice(1).map((e, i) => (right ? `(${left(i)}, ${fmt(e, p)}]` : `[${fmt(edges[i], p)}, ${fmt(e, p)})`)));
  const values = columnOf(table, column);
  const out: unknown[] = new Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const v = values[r];
    out[r] = null;
    if (isMissing(v)) continue;
    const x = Number(v);
    for (let i = 0; i < k; i++) {
      const lowOk = right ? x > edges[i] || (i === 0 && opts.includeLowest && x === edges[0]) : x >= edges[i];
      const highOk = right ? x <= edges[i + 1] : x < edges[i + 1] || (i === k - 1 && opts.includeLowest && x === edges[k]);
      if (lowOk && highOk) {
        out[r] = names ? names[i] : i;
        break;
      }
    }
  }
  return table.reify().assign({ [opts.as ?? `${column}_bin`]: out } as never);
}

/**
 * Bins a numeric column into `bins` equal-width intervals (or at the given edges) as a new
 * `<column>_bin` column (or `as`) with pandas' interval labels, e.g. `(0.5, 1.0]`.
 */
export function cut(table: ColumnTable, column: string, bins: number | number[], opts: CutOptions = {}): ColumnTable {
  assertColumns(table.columnNames(), [column]);
  if (typeof bins === 'number') {
    if (!Number.isInteger(bins) || bins < 1) throw new DataError(`bins must be a positive integer or a list of edges, got ${bins}`);
    const x = presentNumbers(columnOf(table, column));
    if (!x.length) throw new DataError(`column '${column}' has no numeric values to bin`);
    return assign(table, column, equalWidthEdges(x, bins), opts);
  }
  if (!Array.isArray(bins)) throw new DataError(`bins must be a positive integer or a list of edges, got ${JSON.stringify(bins)}`);
  return assign(table, column, bins, opts);
}

/**
 * Bins a numeric column into `q` quantile bins (or at the given quantiles) as a new
 * `<column>_bin` column (or `as`) with pandas' interval labels; `duplicates: 'drop'` merges
 * equal edges.
 */
export function qcut(table: ColumnTable, column: string, q: number | number[], opts: CutOptions & { duplicates?: 'raise' | 'drop' } = {}): ColumnTable {
  assertColumns(table.columnNames(), [column]);
  if (!(typeof q === 'number' && Number.isInteger(q) && q >= 1) && !Array.isArray(q)) {
    throw new DataError(`q must be a whole number of quantile bins or a list of quantiles in [0, 1], got ${JSON.stringify(q)}`);
  }
  const probs = typeof q === 'number' ? Array.from({ length: q + 1 }, (_, i) => i / q) : q;
  const sorted = presentNumbers(columnOf(table, column)).sort();
  let edges = probs.map((p) => quantileSorted(sorted, p));
  if (opts.duplicates === 'drop') edges = edges.filter((e, i) => i === 0 || e !== edges[i - 1]);
  else if (new Set(edges).size !== edges.length) {
    throw new DataError(`quantile edges of '${column}' repeat (${edges.join(', ')}): too many ties for ${probs.length - 1} bins. Pass { duplicates: 'drop' } or fewer bins.`);
  }
  return assign(table, column, edges, { includeLowest: true, ...opts });
}
