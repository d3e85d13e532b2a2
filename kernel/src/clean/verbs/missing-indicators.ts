/** missingIndicators(): a `<column>_missing` 0/1 column per named column, as fillna's `indicator` adds them. */
import type { ColumnTable } from 'arquero';
import { columnOf, isMissing } from '../../data/columns.js';
import { assertColumns } from '../../data/errors.js';

export function missingIndicators(input: ColumnTable, columns: string[]): ColumnTable {
  const table = input.reify();
  assertColumns(table.columnNames(), columns);
  return table.assign(Object.fromEntries(columns.map((c) => [`${c}_missing`, Int32Array.from(Array.from(columnOf(table, c)), (v) => (isMissing(v) ? 1 : 0))])) as never);
}
