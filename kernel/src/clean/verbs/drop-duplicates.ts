/** dropDuplicates(): keeps the first of each set of identical rows (pandas' drop_duplicates()). */
import type { ColumnTable } from 'arquero';
import { takeRows } from '../../data/columns.js';
import { assertColumns } from '../../data/errors.js';
import { duplicates } from '../../stats/duplicates.js';

export function dropDuplicates(input: ColumnTable, subset?: string[]): ColumnTable {
  const table = input.reify();
  if (subset) assertColumns(table.columnNames(), subset);
  const dup = new Set(duplicates(table, subset).rows);
  if (!dup.size) return table;
  const keep: number[] = [];
  for (let i = 0; i < table.numRows(); i++) if (!dup.has(i)) keep.push(i);
  return takeRows(table, keep);
}
