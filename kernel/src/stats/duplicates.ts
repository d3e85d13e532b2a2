/**
 * Duplicate rows, as pandas' `duplicated()` (keep='first') finds them: a row
 * is a duplicate when an earlier row holds the same value in every column
 * (missing equals missing). Rows are hashed column by column (numbers by
 * their bits, strings by MurmurHash3, Arrow strings by the ids of their
 * distinct UTF-8 byte strings, never decoded) and rows with equal hashes are
 * compared value by value, so a hash collision never makes a false duplicate.
 */
import type { ColumnTable } from 'arquero';
import { columnOf } from '../data/columns.js';
import { rowNumbers, valueKind } from './access.js';
import { Utf8Counts } from './utf8-counts.js';
import { murmur3 } from './hyperloglog.js';

export interface Duplicates {
  /** Rows that repeat an earlier row (pandas' `duplicated().sum()`). */
  count: number;
  /** Those rows (0-based, ascending), and for each the first row it repeats. */
  rows: number[];
  firstOf: number[];
}

const mix = (h: number, v: number) => Math.imul((h ^ v) >>> 0, 0x9e3779b1) ^ (h >>> 15);

/**
 * Row hashes built column by column (the caller may feed a column it already
 * holds), then resolved into duplicates. Only rows that may still repeat
 * another row are hashed: after a column, rows whose hash so far is unique
 * cannot be duplicates and drop out, so past the first column of measured
 * values (nearly all distinct) the other columns cost next to nothing. When
 * dropping stops paying (most rows still share hashes, as with a few coded
 * columns), it is tried after 2, 4, 8… more columns instead of every one.
 */
export class RowHashes {
  readonly h: Int32Array;
  /** Rows still in play, ascending; undefined while all are. */
  private candidates?: Int32Array;
  private seen = 0;
  private gap = 1;
  private nextNarrow = 1;

  constructor(readonly rows: number) {
    this.h = new Int32Array(rows);
  }

  /** A numeric column, one number per row: by its bits, one hash for every NaN (missing equals missing), 0 for −0. */
  numbers(x: Float64Array): void {
    hashNumbers(x, this.h, this.candidates);
    this.columnDone();
  }

  /** A column as value ids (equal values, equal ids; −1 missing), e.g. Utf8Counts' ids. */
  ids(ids: Int32Array): void {
    const { h, candidates: c } = this;
    if (c) for (let j = 0; j < c.length; j++) h[c[j]] = mix(h[c[j]], ids[c[j]]);
    else for (let i = 0; i < ids.length; i++) h[i] = mix(h[i], ids[i]);
    this.columnDone();
  }

  /** Any other column, value by value. */
  values(values: ArrayLike<unknown>): void {
    const { h, candidates: c } = this;
    const add = (i: number) => {
      const v = values[i];
      const s = v === null || v === undefined || (typeof v === 'number' && v !== v) ? 0x5bd1e995 : murmur3(typeof v === 'string' ? v : v instanceof Date ? `d${v.getTime()}` : `${typeof v}:${String(v)}`);
      h[i] = mix(h[i], s);
    };
    if (c) for (let j = 0; j < c.length; j++) add(c[j]);
    else for (let i = 0; i < values.length; i++) add(i);
    this.columnDone();
  }

  private columnDone(): void {
    if (++this.seen < this.nextNarrow) return;
    const before = this.candidates?.length ?? this.rows;
    const after = this.narrow();
    this.gap = after > before / 2 ? this.gap * 2 : 1;
    this.nextNarrow = this.seen + this.gap;
  }

  /**
   * Keeps the rows whose hash may be shared: hashes are bucketed into 16
   * buckets per row (two bitsets, "seen" and "seen twice", 4 MB at most, so
   * the random accesses stay in cache), and rows alone in their bucket leave.
   * A row kept by a bucket collision is only a candidate; later columns and
   * `resolve` sort it out. Returns how many rows are kept.
   */
  private narrow(): number {
    const c = this.candidates;
    const n = c ? c.length : this.rows;
    let bits = 10;
    while (bits < 24 && 1 << bits < 16 * n) bits++;
    const seen = new Int32Array(1 << (bits - 5)), twice = new Int32Array(1 << (bits - 5));
    markBuckets(this.h, c, n, bits, seen, twice);
    const kept = new Int32Array(n);
    const k = keepShared(this.h, c, n, bits, twice, kept);
    this.candidates = kept.slice(0, k);
    return k;
  }

  /** Adds column `name` of `table`, read the cheapest way its storage allows. */
  column(table: ColumnTable, name: string): void {
    const kind = valueKind(table, name);
    if (kind === 'number') return this.numbers(rowNumbers(table, name));
    const counts = kind === 'text' ? Utf8Counts.of(table, name) : undefined;
    if (counts) this.ids(counts.ids);
    else this.values(columnOf(table, name));
  }

  /**
   * The duplicates: rows are placed in an open-addressing table of row
   * numbers by hash; a row whose hash meets a placed row with equal values is
   * a duplicate of it (the first of its kind, since only rows not yet seen are
   * placed), so a collision costs a comparison, never a false duplicate.
   */
  resolve(table: ColumnTable, columns: string[]): Duplicates {
    const { h } = this;
    const c = this.candidates;
    const n = c ? c.length : this.rows;
    let bits = 4;
    while (1 << bits < 2 * n) bits++;
    const slots = new Int32Array(1 << bits);
    const mask = slots.length - 1;
    const rows: number[] = [], firstOf: number[] = [];
    const equal = (a: number, b: number) => columns.every((col) => same(table.get(col, a), table.get(col, b)));
    for (let j = 0; j < n; j++) {
      const i = c ? c[j] : j;
      for (let slot = Math.imul(h[i], 0x9e3779b1) >>> (32 - bits); ; slot = (slot + 1) & mask) {
        const at = slots[slot];
        if (at === 0) {
          slots[slot] = i + 1;
          break;
        }
        if (h[at - 1] === h[i] && equal(at - 1, i)) {
          rows.push(i);
          firstOf.push(at - 1);
          break;
        }
      }
    }
    return { count: rows.length, rows, firstOf };
  }
}

const same = (a: unknown, b: unknown): boolean => {
  const missing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && v !== v);
  if (missing(a) || missing(b)) return missing(a) && missing(b);
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
};

/** Rows that repeat an earlier row in every column (or in `columns`), as pandas' duplicated(): how many, which, and which rows they repeat. */
export function duplicates(table: ColumnTable, columns: string[] = table.columnNames()): Duplicates {
  const hashes = new RowHashes(table.numRows());
  for (const name of columns) hashes.column(table, name);
  return hashes.resolve(table, columns);
}

// The passes over every row, alone in their functions so V8 keeps them optimised between calls.

const f64 = new Float64Array(1);
const words = new Int32Array(f64.buffer);

function hashNumbers(x: Float64Array, h: Int32Array, c: Int32Array | undefined): void {
  const n = c ? c.length : x.length;
  for (let j = 0; j < n; j++) {
    const i = c ? c[j] : j;
    const v = x[i];
    f64[0] = v !== v ? NaN : v === 0 ? 0 : v;
    h[i] = mix(mix(h[i], words[0]), words[1]);
  }
}

const bucketOf = (hash: number, bits: number) => Math.imul(hash, 0x9e3779b1) >>> (32 - bits);

function markBuckets(h: Int32Array, c: Int32Array | undefined, n: number, bits: number, seen: Int32Array, twice: Int32Array): void {
  for (let j = 0; j < n; j++) {
    const b = bucketOf(h[c ? c[j] : j], bits);
    const w = b >>> 5, m = 1 << (b & 31);
    if (seen[w] & m) twice[w] |= m;
    else seen[w] |= m;
  }
}

function keepShared(h: Int32Array, c: Int32Array | undefined, n: number, bits: number, twice: Int32Array, kept: Int32Array): number {
  let k = 0;
  for (let j = 0; j < n; j++) {
    const i = c ? c[j] : j;
    const b = bucketOf(h[i], bits);
    if (twice[b >>> 5] & (1 << (b & 31))) kept[k++] = i;
  }
  return k;
}
