/**
 * oneHot(): one-hot encoding with the categories given (learned on the
 * training split), so every split gets the same columns: a category the
 * training split never had sets no column (scikit-learn's
 * handle_unknown='ignore'), and missing sets none either. Columns are named
 * `<column>_<category>` and take the encoded column's place.
 */
import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import { columnOf } from '../../data/columns.js';
import { assertColumns } from '../../data/errors.js';

export function oneHot(input: ColumnTable, categories: Record<string, readonly unknown[]>): ColumnTable {
  const table = input.reify();
  assertColumns(table.columnNames(), Object.keys(categories));
  const out: Record<string, ArrayLike<unknown>> = {};
  for (const name of table.columnNames()) {
    const cats = categories[name];
    if (!cats) {
      out[name] = columnOf(table, name);
      continue;
    }
    const values = columnOf(table, name);
    const index = new Map(cats.map((c, k) => [c, k]));
    const arrays = cats.map(() => new Int32Array(values.length));
    for (let r = 0; r < values.length; r++) {
      const k = index.get(values[r]);
      if (k !== undefined) arrays[k][r] = 1;
    }
    cats.forEach((c, k) => (out[`${name}_${String(c)}`] = arrays[k]));
  }
  return aq.table(out as Record<string, unknown[]>);
}
