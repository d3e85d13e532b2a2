/** dropna(): drop rows with missing values in any (or all) of the given columns, or with fewer than `thresh` present. */
import type { ColumnTable } from 'arquero';
import { columnOf, isMissing, takeRows } from '../columns.js';
import { assertColumns, DataError, checkOptions } from '../errors.js';

export interface DropnaOptions {
  subset?: string[];
  how?: 'any' | 'all';
  /** Keep rows with at least this many present values among the subset. */
  thresh?: number;
}

/**
 * Drops rows with missing values (null, undefined, NaN): in any column, or only in `subset`; `how:
 * 'all'` drops rows missing everything; `thresh` keeps rows with at least that many present
 * values.
 */
export function dropna(table: ColumnTable, opts: DropnaOptions = {}): ColumnTable {
  checkOptions('dropna', opts, ['subset', 'how', 'thresh']);
  const subset = opts.subset ?? table.columnNames();
  assertColumns(table.columnNames(), subset);
  if (opts.how && opts.how !== 'any' && opts.how !== 'all') throw new DataError(`how must be 'any' or 'all', got '${opts.how}'`);
  const cols = subset.map((c) => columnOf(table, c));
  const need = opts.thresh ?? (opts.how === 'all' ? 1 : subset.length);
  const keep: number[] = [];
  for (let r = 0; r < table.numRows(); r++) {
    let present = 0;
    for (const c of cols) if (!isMissing(c[r])) present++;
    if (present >= need) keep.push(r);
  }
  return keep.length === table.numRows() ? table : takeRows(table, keep);
}
