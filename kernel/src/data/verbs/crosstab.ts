/** crosstab(): a frequency table of two columns (rows: `index` values, columns: `columns` values). */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { columnOf, isMissing } from '../columns.js';
import { assertColumns, checkOptions, DataError } from '../errors.js';

export interface CrosstabOptions {
  /** Divide by the grand total ('all'), each row's total ('index') or each column's total ('columns'). */
  normalize?: 'all' | 'index' | 'columns';
  /** Add an 'All' row and column of totals. */
  margins?: boolean;
}

const sortKeys = (keys: unknown[]) => keys.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));

/**
 * A frequency table of two columns (rows: values of `index`, columns: values of `columns`), as
 * pandas' `crosstab`; `normalize` ('all' | 'index' | 'columns') gives shares, `margins` adds totals
 * and totals.
 */
export function crosstab(table: ColumnTable, index: string, columns: string, opts: CrosstabOptions = {}): ColumnTable {
  checkOptions('crosstab', opts, ['normalize', 'margins']);
  assertColumns(table.columnNames(), [index, columns]);
  const a = columnOf(table, index);
  const b = columnOf(table, columns);
  const cells = new Map<unknown, Map<unknown, number>>();
  const colKeys = new Set<unknown>();
  for (let r = 0; r < a.length; r++) {
    if (isMissing(a[r]) || isMissing(b[r])) continue; // pandas drops rows missing either key
    const row = cells.get(a[r]) ?? cells.set(a[r], new Map()).get(a[r])!;
    row.set(b[r], (row.get(b[r]) ?? 0) + 1);
    colKeys.add(b[r]);
  }
  const rows = sortKeys([...cells.keys()]);
  const cols = sortKeys([...colKeys]);
  const grid = rows.map((rk) => cols.map((ck) => cells.get(rk)!.get(ck) ?? 0));
  const rowTotals = grid.map((g) => g.reduce((s, x) => s + x, 0));
  const colTotals = cols.map((_, j) => grid.reduce((s, g) => s + g[j], 0));
  const total = rowTotals.reduce((s, x) => s + x, 0);
  if (opts.margins && opts.normalize) {
    throw new DataError('margins with normalize is not supported: take margins of the counts, or normalize without margins');
  }
  const norm = (x: number, i: number, j: number) =>
    opts.normalize === 'all' ? x / total : opts.normalize === 'index' ? x / rowTotals[i] : opts.normalize === 'columns' ? x / colTotals[j] : x;
  const data: Record<string, unknown[]> = { [index]: opts.margins ? [...rows, 'All'] : rows };
  cols.forEach((ck, j) => {
    const values = grid.map((g, i) => norm(g[j], i, j));
    if (opts.margins) values.push(colTotals[j]);
    data[String(ck)] = values;
  });
  if (opts.margins) data.All = [...rowTotals, total];
  return aq.table(data);
}
