/**
 * describe(): pandas' summary table. Numeric columns get count, mean, std
 * (ddof 1), min, percentiles (linear interpolation) and max; string columns
 * get count, unique, top and freq. The first column, `stat`, names the row.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { columnOf, isMissing, isNumericColumn, presentNumbersOf, quantilesInPlace, std } from '../columns.js';
import { assertColumns, checkOptions, DataError } from '../errors.js';

export interface DescribeOptions {
  /** 'number' (default when the table has numeric columns), 'string', or 'all'. */
  include?: 'number' | 'string' | 'all';
  percentiles?: number[];
  columns?: string[];
}

const pctName = (p: number) => `${+(p * 100).toFixed(4)}%`;

/** Stats of a column's present values, `x`: a copy, which the quantile selection reorders. */
function numericStats(x: Float64Array, percentiles: number[]): Record<string, unknown> {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = x.length ? sum / x.length : NaN;
  const out: Record<string, unknown> = { count: x.length, mean, std: std(x, 1, mean), min: x.length ? min : NaN };
  const qs = quantilesInPlace(x, percentiles);
  percentiles.forEach((p, i) => (out[pctName(p)] = qs[i]));
  out.max = x.length ? max : NaN;
  return out;
}

function stringStats(values: ArrayLike<unknown>): Record<string, unknown> {
  const counts = new Map<unknown, number>();
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    count++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let top: unknown = null;
  let freq = 0;
  for (const [v, c] of counts) if (c > freq) [top, freq] = [v, c];
  return { count, unique: counts.size, top, freq: count ? freq : null };
}

/**
 * Summary statistics per column, as pandas' `describe()`: count, mean, std, min, percentiles
 * (`percentiles`, default 25/50/75 %) and max of numeric columns; `include: 'string'` or `'all'`
 * adds count, unique, top and freq.
 */
export function describe(table: ColumnTable, opts: DescribeOptions = {}): ColumnTable {
  checkOptions('describe', opts, ['include', 'percentiles', 'columns']);
  if (opts.include !== undefined && !['number', 'string', 'all'].includes(opts.include)) {
    throw new DataError(`describe: include must be 'number', 'string' or 'all', got ${JSON.stringify(opts.include)}`);
  }
  const names = opts.columns ?? table.columnNames();
  assertColumns(table.columnNames(), names);
  // Columns are read one at a time, and string columns only when asked for.
  const numeric = names.filter((n) => isNumericColumn(table, n));
  const include = opts.include ?? (numeric.length ? 'number' : 'string');
  const chosen = include === 'all' ? names : include === 'number' ? numeric : names.filter((n) => !numeric.includes(n));
  const percentiles = opts.percentiles ?? [0.25, 0.5, 0.75];
  // One buffer for every numeric column's values: fresh memory costs a page fault per 4 KiB.
  const scratch = new Float64Array(numeric.length ? table.numRows() : 0);
  const per = new Map(chosen.map((n) => [n, numeric.includes(n) ? numericStats(presentNumbersOf(table, n, scratch), percentiles) : stringStats(columnOf(table, n))]));
  // Row order as pandas prints it with include='all'.
  const statNames = [...new Set(['count', ...(include !== 'number' ? ['unique', 'top', 'freq'] : []), ...[...per.values()].flatMap((s) => Object.keys(s))])];
  const data: Record<string, unknown[]> = { stat: statNames };
  for (const [n, s] of per) data[n] = statNames.map((k) => (k in s ? s[k] : null));
  return aq.table(data, ['stat', ...chosen]);
}
