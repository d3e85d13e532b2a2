/**
 * Row-aligned reads of table columns for the missing-value and outlier
 * statistics, straight from Arrow batches when a table came from
 * readParquet/readArrow (validity bitmaps and typed arrays: no string is
 * decoded, no column copied into boxed values) and from plain arrays
 * otherwise. Missing is null, undefined and NaN, as everywhere in tsml.
 */
import type { ColumnTable } from 'arquero';
import { columnOf, type Values } from '../data/columns.js';
import { arrowKind } from '../data/arrow.js';

/** The flechette batch fields read here. */
export interface ArrowBatch {
  length: number;
  nullCount: number;
  validity?: Uint8Array;
  values?: ArrayBufferView;
  offsets?: Int32Array | BigInt64Array;
  value(index: number): unknown;
  key?(index: number): number;
  constructor: { ArrayType?: unknown; name?: string };
}

export interface ArrowColumn {
  type: { typeId: number };
  length: number;
  nullCount: number;
  data: readonly ArrowBatch[];
}

/** The stored Arrow column behind `name`, when the rows are in stored order. */
export function arrowColumnOf(table: ColumnTable, name: string): ArrowColumn | undefined {
  if (table.isFiltered() || table.isOrdered()) return undefined;
  const c = table.column(name) as unknown as Partial<ArrowColumn> | undefined;
  return c && typeof c.type?.typeId === 'number' && Array.isArray(c.data) ? (c as ArrowColumn) : undefined;
}

const bit = (v: Uint8Array, i: number) => (v[i >> 3] >> (i & 7)) & 1;

/** True where the batch's value is null (validity bit 0). */
export function batchNull(b: ArrowBatch, i: number): boolean {
  return b.nullCount > 0 && b.validity !== undefined && b.validity.length > 0 && bit(b.validity, i) === 0;
}

/** Directly readable number values of an Arrow batch (float and 8–32-bit int batches), else undefined. */
export function directNumbers(b: ArrowBatch): ArrayLike<number> | undefined {
  const v = b.values;
  return b.constructor.ArrayType == null && ArrayBuffer.isView(v) && !(v instanceof BigInt64Array || v instanceof BigUint64Array || v instanceof DataView)
    ? (v as unknown as ArrayLike<number>)
    : undefined;
}

/**
 * What the missing flags of one Arrow batch are read from: its validity
 * bitmap when it has nulls, its float values (NaN) when it holds floats.
 * Plain typed arrays, so a worker thread can read them (without a copy when
 * they are views into shared memory).
 */
export interface MissingPart {
  length: number;
  validity?: Uint8Array;
  floats?: Float64Array | Float32Array;
}

/** The parts of an Arrow column's batches that say which rows are missing. */
export function missingParts(arrow: ArrowColumn): MissingPart[] {
  const numeric = arrowKind(arrow) === 'number';
  return arrow.data.map((b) => {
    const direct = numeric ? directNumbers(b) : undefined;
    return {
      length: b.length,
      validity: b.nullCount > 0 && b.validity !== undefined && b.validity.length > 0 ? b.validity : undefined,
      // Only float arrays can hold NaN.
      floats: direct instanceof Float64Array || direct instanceof Float32Array ? direct : undefined,
    };
  });
}

/** Sets the bits of `out` (packed as in missingBits) of the rows that `parts`, batch after batch, mark missing. */
export function orMissingParts(out: Uint32Array, parts: readonly MissingPart[]): void {
  let row = 0;
  for (const p of parts) {
    if (p.validity) orNulls(out, p.validity, row, p.length);
    if (p.floats) orNaN(out, p.floats, row, p.length);
    row += p.length;
  }
}

/**
 * Missing flags of a column, packed 32 rows to a word (bit i % 32 of word
 * i / 32 set when row i is missing). Arrow columns are read from their
 * validity bitmaps (and float values, for NaN) only.
 */
export function missingBits(table: ColumnTable, name: string): Uint32Array {
  const n = table.numRows();
  // In shared memory like the masks worker threads write (nullity-threads.ts): the JIT's code for
  // orNulls/orNaN, tuned to one kind of buffer, is thrown away when handed the other (measured: 15 → 25 ms).
  const out = new Uint32Array(new SharedArrayBuffer(4 * ((n + 31) >>> 5)));
  const arrow = arrowColumnOf(table, name);
  if (arrow) {
    orMissingParts(out, missingParts(arrow));
    return out;
  }
  const values = columnOf(table, name);
  if (values instanceof Float64Array || values instanceof Float32Array) {
    for (let i = 0; i < n; i++) if (values[i] !== values[i]) out[i >>> 5] |= 1 << (i & 31);
  } else if (!ArrayBuffer.isView(values)) {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined || (typeof v === 'number' && v !== v)) out[i >>> 5] |= 1 << (i & 31);
    }
  }
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Sets the mask bits of rows [row, row + length) that `validity` marks null.
 * A batch starting on a word boundary (every single-batch column) is done
 * 32 rows at a time: the mask word is the complement of four bitmap bytes.
 */
function orNulls(out: Uint32Array, validity: Uint8Array, row: number, length: number): void {
  if (row & 31) {
    for (let i = 0; i < length; i++) if (bit(validity, i) === 0) out[(row + i) >>> 5] |= 1 << ((row + i) & 31);
    return;
  }
  const words = length >>> 5, base = row >>> 5;
  if (LITTLE_ENDIAN && (validity.byteOffset & 3) === 0) {
    // Four bitmap bytes read as one word: on a little-endian machine its bit i is row i's.
    const v = new Uint32Array(validity.buffer, validity.byteOffset, words);
    for (let w = 0; w < words; w++) out[base + w] |= ~v[w];
  } else {
    for (let w = 0; w < words; w++) {
      const k = w << 2;
      out[base + w] |= ~(validity[k] | (validity[k + 1] << 8) | (validity[k + 2] << 16) | (validity[k + 3] << 24));
    }
  }
  for (let i = words << 5; i < length; i++) if (bit(validity, i) === 0) out[(row + i) >>> 5] |= 1 << ((row + i) & 31);
}

/**
 * Sets the mask bits of rows holding NaN. Sixteen values are summed first
 * (as a tree, so the adds do not wait on each other): the sum is NaN only if
 * one of them is (or +∞ meets −∞), and only then are they looked at one by
 * one, so a column without NaN costs an add per value.
 */
function orNaN(out: Uint32Array, x: Float64Array | Float32Array, row: number, length: number): void {
  let i = 0;
  for (; i + 16 <= length; i += 16) {
    const s =
      x[i] + x[i + 1] + (x[i + 2] + x[i + 3]) + (x[i + 4] + x[i + 5] + (x[i + 6] + x[i + 7])) +
      (x[i + 8] + x[i + 9] + (x[i + 10] + x[i + 11]) + (x[i + 12] + x[i + 13] + (x[i + 14] + x[i + 15])));
    if (s !== s) for (let j = i; j < i + 16; j++) if (x[j] !== x[j]) out[(row + j) >>> 5] |= 1 << ((row + j) & 31);
  }
  for (; i < length; i++) if (x[i] !== x[i]) out[(row + i) >>> 5] |= 1 << ((row + i) & 31);
}

/** Set bits of a packed mask. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

export function countBits(mask: Uint32Array): number {
  let c = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) c += popcount(mask[i]);
  return c;
}

export const isSet = (mask: Uint32Array, i: number): boolean => ((mask[i >>> 5] >>> (i & 31)) & 1) === 1;

/** 'number' for numeric columns (numbers, bigints, booleans as 0/1 excluded), 'text' for strings, 'other' otherwise. */
export type ValueKind = 'number' | 'text' | 'boolean' | 'other';

/** What a column holds, decided by its Arrow type or by its present values (mixed → 'other'). */
export function valueKind(table: ColumnTable, name: string): ValueKind {
  const arrow = arrowColumnOf(table, name);
  if (arrow) {
    const k = arrowKind(arrow);
    if (k === 'number') return 'number';
    const t = arrow.type as { typeId: number; dictionary?: { typeId: number } };
    const id = t.typeId === -1 ? t.dictionary?.typeId : t.typeId;
    if (id === 6) return 'boolean';
    // Utf8, LargeUtf8, Utf8View (Arrow type ids).
    if (id === 5 || id === 20 || id === 24) return 'text';
  }
  const values = columnOf(table, name);
  return kindOfValues(values);
}

export function kindOfValues(values: Values): ValueKind {
  if (ArrayBuffer.isView(values)) return 'number';
  let kind: ValueKind | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && v !== v)) continue;
    const k: ValueKind = typeof v === 'number' || typeof v === 'bigint' ? 'number' : typeof v === 'string' ? 'text' : typeof v === 'boolean' ? 'boolean' : 'other';
    if (kind === undefined) kind = k;
    else if (kind !== k) return 'other';
  }
  return kind ?? 'other';
}

/**
 * A numeric column as one number per row, NaN where missing (a view of the
 * stored Float64Array when there is one: callers must not write to it).
 * Arrow columns are read from their typed arrays; 64-bit integers through
 * flechette (exact below 2^53). A `scratch` array at least as long as the
 * table receives the numbers when they must be copied (a caller reading
 * column after column reuses one).
 */
export function rowNumbers(table: ColumnTable, name: string, scratch?: Float64Array): Float64Array {
  const n = table.numRows();
  const arrow = arrowColumnOf(table, name);
  if (arrow && arrowKind(arrow) === 'number') {
    // One batch of float64 without nulls: its own array (read-only use), no copy.
    const only = arrow.data.length === 1 ? arrow.data[0] : undefined;
    const direct = only && directNumbers(only);
    if (only && direct instanceof Float64Array && !(only.nullCount > 0 && only.validity?.length)) return direct.subarray(0, only.length);
    const out = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
    let row = 0;
    for (const b of arrow.data) {
      const direct = directNumbers(b);
      const nulls = b.nullCount > 0 && b.validity !== undefined && b.validity.length > 0;
      if (direct) {
        out.set(direct.length === b.length ? direct : (direct as Float64Array).subarray(0, b.length), row);
        // Nulls by validity byte: a full byte (8 values present) is skipped whole.
        if (nulls) {
          const v = b.validity!;
          for (let k = 0; k < b.length; k += 8) if (v[k >> 3] !== 0xff) for (let i = k; i < Math.min(b.length, k + 8); i++) if (bit(v, i) === 0) out[row + i] = NaN;
        }
      } else for (let i = 0; i < b.length; i++) out[row + i] = nulls && bit(b.validity!, i) === 0 ? NaN : Number(b.value(i));
      row += b.length;
    }
    return out;
  }
  const values = columnOf(table, name);
  if (values instanceof Float64Array) return values;
  const out = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? NaN : typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Date ? v.getTime() : Number(v);
  }
  return out;
}
