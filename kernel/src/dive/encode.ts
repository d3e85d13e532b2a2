/**
 * Values → the Dive's wire encoding (see `DiveNumberColumn` / `DiveCategoryColumn`):
 * small-range integers as uint8/uint16, other numbers as float32 relative to
 * their minimum, everything else as dictionary codes, most frequent first.
 * Pure, so the kernel and the tests share it; the kernel calls it once per
 * column a view asks for.
 */
import type { DiveCategoryColumn, DiveNumberColumn } from '../mime/dive.js';
import { MISSING_CODE, OTHER_CODE, type CategoryColumn, type DiveColumn, type NumberColumn } from './columns.js';

type Values = ArrayLike<unknown>;

const isAbsent = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/** Most dictionary values a column keeps; the rest share the "other" code. */
export const MAX_DICTIONARY = OTHER_CODE.uint16;

export type ValueKind = 'number' | 'date' | 'category';

/** Numbers (and bigints) → number; Dates → date; anything else, or nothing present, → category. */
export function valueKind(values: Values, rows?: ArrayLike<number>): ValueKind {
  if (values instanceof Float64Array || values instanceof Float32Array || values instanceof Int32Array
    || values instanceof Uint32Array || values instanceof Int16Array || values instanceof Uint16Array
    || values instanceof Int8Array || values instanceof Uint8Array) return 'number';
  let kind: ValueKind | undefined;
  const n = rows ? rows.length : values.length;
  for (let k = 0; k < n; k++) {
    const v = values[rows ? rows[k] : k];
    if (isAbsent(v)) continue;
    const here: ValueKind = typeof v === 'number' || typeof v === 'bigint' ? 'number' : v instanceof Date ? 'date' : 'category';
    if (kind === undefined) kind = here;
    else if (kind !== here) return 'category';
    if (here === 'category') return 'category';
  }
  return kind ?? 'category';
}

/** Encodes `values` (or only `rows` of them, in that order) as one Dive column. */
export function encodeColumn(name: string, values: Values, rows?: ArrayLike<number>): DiveColumn {
  const kind = valueKind(values, rows);
  return kind === 'category' ? encodeCategories(name, values, rows) : encodeNumbers(name, values, rows, kind === 'date');
}

function toNumber(v: unknown): number {
  if (isAbsent(v)) return NaN;
  if (v instanceof Date) return v.getTime();
  return Number(v);
}

export function encodeNumbers(name: string, values: Values, rows?: ArrayLike<number>, temporal = false): NumberColumn {
  const n = rows ? rows.length : values.length;
  const x = new Float64Array(n);
  let min = Infinity, max = -Infinity, missing = 0, posInf = 0, negInf = 0, integer = true;
  for (let k = 0; k < n; k++) {
    const v = toNumber(values[rows ? rows[k] : k]);
    x[k] = v;
    if (v !== v) missing++;
    else if (v === Infinity) posInf++;
    else if (v === -Infinity) negInf++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
      if (integer && !Number.isInteger(v)) integer = false;
    }
  }
  const finite = min <= max;
  const span = finite ? max - min : 0;
  const dtype = !(integer && finite && posInf + negInf === 0) ? 'float32'
    : span < MISSING_CODE.uint8 ? 'uint8' : span < MISSING_CODE.uint16 ? 'uint16' : span < MISSING_CODE.uint32 ? 'uint32' : 'float32';
  const offset = finite ? min : 0;
  const info: DiveNumberColumn = { name, kind: 'number', dtype, offset, min: finite ? min : null, max: finite ? max : null, integer: finite && integer, missing, posInf, negInf };
  if (temporal) info.temporal = true;
  if (dtype === 'float32') {
    const data = new Float32Array(n);
    for (let k = 0; k < n; k++) data[k] = x[k] - offset;
    return { info, data };
  }
  const data = dtype === 'uint8' ? new Uint8Array(n) : dtype === 'uint16' ? new Uint16Array(n) : new Uint32Array(n);
  const gap = MISSING_CODE[dtype];
  for (let k = 0; k < n; k++) data[k] = x[k] !== x[k] ? gap : x[k] - offset;
  return { info, data };
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    try { return JSON.stringify(v); } catch { return String(v); }
  }
  return String(v);
}

export function encodeCategories(name: string, values: Values, rows?: ArrayLike<number>): CategoryColumn {
  const n = rows ? rows.length : values.length;
  const ids = new Int32Array(n);
  const index = new Map<string, number>();
  const seen: string[] = [];
  const freq: number[] = [];
  let missing = 0;
  for (let k = 0; k < n; k++) {
    const v = values[rows ? rows[k] : k];
    if (isAbsent(v)) { ids[k] = -1; missing++; continue; }
    const s = text(v);
    let id = index.get(s);
    if (id === undefined) { id = seen.length; index.set(s, id); seen.push(s); freq.push(0); }
    freq[id]++;
    ids[k] = id;
  }
  const unique = seen.length;
  const dtype = unique <= OTHER_CODE.uint8 ? 'uint8' : 'uint16';
  const keep = Math.min(unique, OTHER_CODE[dtype]);
  // Most frequent first, ties by value, so codes mean the same whatever the row order.
  const byFreq = Array.from({ length: unique }, (_, i) => i)
    .sort((a, b) => freq[b] - freq[a] || (seen[a] < seen[b] ? -1 : seen[a] > seen[b] ? 1 : 0));
  const codeOf = new Int32Array(unique).fill(OTHER_CODE[dtype]);
  for (let r = 0; r < keep; r++) codeOf[byFreq[r]] = r;
  const data = dtype === 'uint8' ? new Uint8Array(n) : new Uint16Array(n);
  for (let k = 0; k < n; k++) data[k] = ids[k] < 0 ? MISSING_CODE[dtype] : codeOf[ids[k]];
  let other = 0;
  for (let r = keep; r < unique; r++) other += freq[byFreq[r]];
  const kept = byFreq.slice(0, keep);
  const info: DiveCategoryColumn = {
    name, kind: 'category', dtype, values: kept.map((i) => seen[i]), counts: kept.map((i) => freq[i]), other, missing, unique,
  };
  return { info, data };
}
