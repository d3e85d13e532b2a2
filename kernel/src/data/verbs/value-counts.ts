/** valueCounts(): counts (or proportions) of each value of a column, most frequent first. */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { columnOf, isMissing } from '../columns.js';
import { assertColumns, checkOptions } from '../errors.js';

export interface ValueCountsOptions {
  normalize?: boolean;
  dropna?: boolean;
  sort?: boolean;
  ascending?: boolean;
}

export function countValues(values: ArrayLike<unknown>, dropna = true): Map<unknown, number> {
  const counts = new Map<unknown, number>();
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (isMissing(v)) {
      if (dropna) continue;
      v = null;
    }
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return counts;
}

/**
 * How often each value of a column occurs, most frequent first, as pandas' `value_counts`;
 * `normalize` gives shares, `dropna: false` counts missing values too.
 */
export function valueCounts(table: ColumnTable, column: string, opts: ValueCountsOptions = {}): ColumnTable {
  checkOptions('valueCounts', opts, ['normalize', 'dropna', 'sort', 'ascending']);
  assertColumns(table.columnNames(), [column]);
  const counts = countValues(columnOf(table, column), opts.dropna ?? true);
  let entries = [...counts];
  if (opts.sort !== false) entries.sort((a, b) => (opts.ascending ? a[1] - b[1] : b[1] - a[1]));
  const total = entries.reduce((s, [, c]) => s + c, 0);
  const label = opts.normalize ? 'proportion' : 'count';
  return aq.table({ [column]: entries.map(([v]) => v), [label]: entries.map(([, c]) => (opts.normalize ? c / total : c)) }, [column, label]);
}
