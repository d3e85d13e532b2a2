/**
 * getDummies(): one-hot encoding as pandas does it: each categorical column
 * becomes `<prefix><sep><value>` indicator columns (categories sorted), placed
 * after the other columns; `dropFirst` drops the first category (for linear
 * models); `dummyNa` adds a column for missing values.
 */
import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import { columnOf, isMissing, isNumeric } from '../columns.js';
import { assertColumns, checkOptions } from '../errors.js';

export interface DummiesOptions {
  /** Prefix per column (default: the column name). */
  prefix?: string | Record<string, string>;
  prefixSep?: string;
  dropFirst?: boolean;
  dummyNa?: boolean;
  /** 'int' (0/1, default), 'float' or 'bool'. */
  dtype?: 'int' | 'float' | 'bool';
}

function categories(values: ArrayLike<unknown>): unknown[] {
  const set = new Set<unknown>();
  for (let i = 0; i < values.length; i++) if (!isMissing(values[i])) set.add(values[i]);
  return [...set].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
}

/**
 * One-hot encodes categorical `columns` (all non-numeric columns by default) into 0/1 columns named
 * `<column>_<value>`, categories sorted, as pandas' `get_dummies`; `dropFirst`, `dummyNa`,
 * `prefix`, `prefixSep`, `dtype`.
 */
export function getDummies(input: ColumnTable, columns?: string | string[], opts: DummiesOptions = {}): ColumnTable {
  checkOptions('getDummies', opts, ['prefix', 'prefixSep', 'dropFirst', 'dummyNa', 'dtype']);
  if (typeof columns === 'string') columns = [columns]; // one column, as a user coming from pandas writes it
  const table = input.reify();
  const names = table.columnNames();
  const encode = columns ?? names.filter((n) => !isNumeric(columnOf(table, n)));
  assertColumns(names, encode);
  const sep = opts.prefixSep ?? '_';
  const make = (n: number) => (opts.dtype === 'float' ? new Float64Array(n) : opts.dtype === 'bool' ? new Array<boolean>(n).fill(false) : new Int32Array(n));
  const out: Record<string, ArrayLike<unknown>> = {};
  for (const n of names) if (!encode.includes(n)) out[n] = columnOf(table, n);
  for (const col of encode) {
    const values = columnOf(table, col);
    const prefix = typeof opts.prefix === 'string' ? opts.prefix : opts.prefix?.[col] ?? col;
    let cats = categories(values);
    if (opts.dropFirst) cats = cats.slice(1);
    const index = new Map(cats.map((c, k) => [c, k]));
    const arrays = cats.map(() => make(values.length));
    const na = opts.dummyNa ? make(values.length) : undefined;
    const one = opts.dtype === 'bool' ? true : 1;
    for (let r = 0; r < values.length; r++) {
      const v = values[r];
      if (isMissing(v)) {
        if (na) (na as unknown[])[r] = one;
        continue;
      }
      const k = index.get(v);
      if (k !== undefined) (arrays[k] as unknown[])[r] = one;
    }
    cats.forEach((c, k) => (out[`${prefix}${sep}${c}`] = arrays[k]));
    if (na) out[`${prefix}${sep}nan`] = na;
  }
  return aq.table(out as Record<string, unknown[]>);
}
