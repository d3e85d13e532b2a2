/**
 * treatAsMissing(): values that stand for "missing" become missing (null;
 * NaN in numeric typed columns). Per column, a list of values, or '<0' for
 * every negative number.
 */
import type { ColumnTable } from 'arquero';
import { columnOf } from '../../data/columns.js';
import { assertColumns } from '../../data/errors.js';

export type MissingSpec = Record<string, readonly (number | string | boolean)[] | '<0'>;

export function treatAsMissing(input: ColumnTable, spec: MissingSpec): ColumnTable {
  const table = input.reify();
  assertColumns(table.columnNames(), Object.keys(spec));
  const out: Record<string, ArrayLike<unknown>> = {};
  for (const [c, what] of Object.entries(spec)) {
    const values = columnOf(table, c);
    const hit = what === '<0' ? (v: unknown) => typeof v === 'number' && v < 0 : ((set) => (v: unknown) => set.has(v as never))(new Set(what));
    out[c] = values instanceof Float64Array ? values.map((v) => (hit(v) ? NaN : v)) : Array.from(values, (v) => (hit(v) ? null : v));
  }
  return table.assign(out as never);
}
