/**
 * A bounded view of a table for display: shape, per-column dtype and missing
 * count, and the first and last rows only — a 10-million-row table renders as
 * quickly and as small as a 10-row one.
 */
import type { ColumnTable } from 'arquero';
import { columnOf, countMissing } from '../columns.js';
import { dtypeOf } from '../dtype.js';
import type { TablePayload } from '../../mime/index.js';

export type TableView = TablePayload;

export interface ViewOptions {
  headRows?: number;
  tailRows?: number;
  maxColumns?: number;
}

export function tableView(table: ColumnTable, opts: ViewOptions = {}): TableView {
  const n = table.numRows();
  const allNames = table.columnNames();
  const maxCols = opts.maxColumns ?? 40;
  const names = allNames.slice(0, maxCols);
  const headN = opts.headRows ?? 10;
  const tailN = opts.tailRows ?? 5;
  const truncated = n > headN + tailN;
  const rows = truncated ? [...Array(headN).keys(), ...Array.from({ length: tailN }, (_, i) => n - tailN + i)] : [...Array(n).keys()];
  const cols = names.map((name) => columnOf(table, name));
  const pick = (r: number) => ({ row: r, cells: cols.map((c) => c[r]) });
  return {
    shape: [n, allNames.length],
    columns: names.map((name, i) => ({ name, dtype: dtypeOf(cols[i]), missing: countMissing(cols[i]) })),
    head: rows.slice(0, truncated ? headN : rows.length).map(pick),
    tail: truncated ? rows.slice(headN).map(pick) : [],
    truncated,
    columnsTruncated: allNames.length > maxCols,
  };
}
