/** isna() / notna(): per-column counts and percentages of missing (null, undefined, NaN) or present values. */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { columnOf, countMissing } from '../columns.js';

function counts(table: ColumnTable, present: boolean): ColumnTable {
  const names = table.columnNames();
  const n = table.numRows();
  const k = names.map((c) => {
    const m = countMissing(columnOf(table, c));
    return present ? n - m : m;
  });
  const label = present ? 'present' : 'missing';
  return aq.table({ column: names, [label]: k, percent: k.map((x) => (n ? (100 * x) / n : 0)) }, ['column', label, 'percent']);
}

/**
 * Missing values per column: a table of column, missing (count of null, undefined and NaN) and
 * percent.
 */
export const isna = (table: ColumnTable) => counts(table, false);
/**
 * Present values per column: a table of column, present (count of values that are not null,
 * undefined or NaN) and percent.
 */
export const notna = (table: ColumnTable) => counts(table, true);
