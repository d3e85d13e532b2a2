/**
 * clip() caps values to [low, high] per column (pandas' clip); dropOutside()
 * drops rows whose value lies outside (missing values are kept: they are not
 * outliers). Bounds are usually fences learned on the training split.
 */
import type { ColumnTable } from 'arquero';
import { columnOf, takeRows } from '../../data/columns.js';
import { assertColumns } from '../../data/errors.js';

export type Bounds = Record<string, [low: number, high: number]>;

export function clip(input: ColumnTable, bounds: Bounds): ColumnTable {
  const table = input.reify();
  assertColumns(table.columnNames(), Object.keys(bounds));
  const out: Record<string, ArrayLike<unknown>> = {};
  for (const [c, [lo, hi]] of Object.entries(bounds)) {
    const values = columnOf(table, c);
    const cap = (v: unknown) => (typeof v === 'number' ? (v < lo ? lo : v > hi ? hi : v) : v);
    out[c] = values instanceof Float64Array ? values.map((v) => cap(v) as number) : Array.from(values, cap);
  }
  return table.assign(out as never);
}

export function dropOutside(input: ColumnTable, bounds: Bounds): ColumnTable {
  const table = input.reify();
  assertColumns(table.columnNames(), Object.keys(bounds));
  const cols = Object.entries(bounds).map(([c, b]) => [columnOf(table, c), b] as const);
  const keep: number[] = [];
  for (let i = 0; i < table.numRows(); i++) {
    if (cols.every(([v, [lo, hi]]) => typeof v[i] !== 'number' || Number.isNaN(v[i]) || ((v[i] as number) >= lo && (v[i] as number) <= hi))) keep.push(i);
  }
  return keep.length === table.numRows() ? table : takeRows(table, keep);
}
