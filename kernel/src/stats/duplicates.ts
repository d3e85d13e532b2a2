/**
 * Duplicate rows, as pandas' `duplicated()` (keep='first') finds them: a row
 * is a duplicate when an earlier row holds the same value in every column
 * (missing equals missing). Rows are hashed column by column (numbers by
 * their bits, strings by MurmurHash3 — Arrow strings by their UTF-8 bytes,
 * never decoded) and rows with equal hashes are compared value by value, so
 * a hash collision never makes a false duplicate.
 */
import type { ColumnTable } from 'arquero';
import { columnOf } from '../data/columns.js';
import { arrowColumnOf, rowNumbers, valueKind } from './access.js';
import { murmur3 } from './hyperloglog.js';

export interface Duplicates {
  /** Rows that repeat an earlier row (pandas' `duplicated().sum()`). */
  count: number;
  /** Those rows (0-based, ascending), and for each the first row it repeats. */
  rows: number[];
  firstOf: number[];
}

const mix = (h: number, v: number) => Math.imul((h ^ v) >>> 0, 0x9e3779b1) ^ (h >>> 15);

const f = new Float64Array(1);
const w = new Int32Array(f.buffer);

function hashNumbers(x: Float64Array, h: Int32Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    // One hash for every NaN (missing equals missing), and 0 for −0.
    f[0] = v !== v ? NaN : v === 0 ? 0 : v;
    h[i] = mix(mix(h[i], w[0]), w[1]);
  }
}

function hashArrowText(table: ColumnTable, name: string, h: Int32Array): boolean {
  const col = arrowColumnOf(table, name);
  if (!col) return false;
  let row = 0;
  for (const b of col.data) {
    const offs = b.offsets, bytes = b.values;
    if (!(offs instanceof Int32Array && bytes instanceof Uint8Array)) return false;
    for (let i = 0; i < b.length; i++) {
      const isNull = b.nullCount > 0 && b.validity?.length && ((b.validity[i >> 3] >> (i & 7)) & 1) === 0;
      let s = isNull ? 0x5bd1e995 : 0x1b873593;
      if (!isNull) for (let p = offs[i]; p < offs[i + 1]; p++) s = Math.imul(s ^ bytes[p], 0x01000193);
      h[row + i] = mix(h[row + i], s);
    }
    row += b.length;
  }
  return true;
}

function hashValues(values: ArrayLike<unknown>, h: Int32Array): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const s = v === null || v === undefined || (typeof v === 'number' && v !== v) ? 0x5bd1e995 : murmur3(typeof v === 'string' ? v : v instanceof Date ? `d${v.getTime()}` : `${typeof v}:${String(v)}`);
    h[i] = mix(h[i], s);
  }
}

const same = (a: unknown, b: unknown): boolean => {
  const missing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && v !== v);
  if (missing(a) || missing(b)) return missing(a) && missing(b);
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
};

/** Rows that repeat an earlier row in every column (or in `columns`), as pandas' duplicated(): how many, which, and which rows they repeat. */
export function duplicates(table: ColumnTable, columns: string[] = table.columnNames()): Duplicates {
  const n = table.numRows();
  const h = new Int32Array(n);
  for (const name of columns) {
    const kind = valueKind(table, name);
    if (kind === 'number') hashNumbers(rowNumbers(table, name), h);
    else if (!(kind === 'text' && hashArrowText(table, name, h))) hashValues(columnOf(table, name), h);
  }
  // The first row of each hash; rows whose hash was seen but whose values differ (collisions) wait in `others`.
  const seen = new Map<number, number>();
  const others = new Map<number, number[]>();
  const rows: number[] = [], firstOf: number[] = [];
  const equal = (a: number, b: number) => columns.every((c) => same(table.get(c, a), table.get(c, b)));
  for (let i = 0; i < n; i++) {
    const first = seen.get(h[i]);
    if (first === undefined) {
      seen.set(h[i], i);
      continue;
    }
    const match = equal(first, i) ? first : others.get(h[i])?.find((j) => equal(j, i));
    if (match === undefined) {
      const list = others.get(h[i]);
      if (list) list.push(i);
      else others.set(h[i], [i]);
    } else {
      rows.push(i);
      firstOf.push(match);
    }
  }
  return { count: rows.length, rows, firstOf };
}
