/**
 * Encoded columns as the Dive panel and the layout read them: the wire
 * description (`DiveColumnInfo`, from the payload) plus the stored array. The
 * same arrays travel over the wire, sit in the browser and feed the layout, so
 * nothing is decoded into 8-byte numbers unless a computation needs them.
 */
import type { DiveCategoryColumn, DiveColumnInfo, DiveDtype, DiveNumberColumn } from '../mime/dive.js';

export type DiveArray = Uint8Array | Uint16Array | Uint32Array | Float32Array;

export interface DiveColumn<I extends DiveColumnInfo = DiveColumnInfo> {
  info: I;
  data: DiveArray;
}

export type NumberColumn = DiveColumn<DiveNumberColumn>;
export type CategoryColumn = DiveColumn<DiveCategoryColumn>;

/** Reserved integer codes, by dtype: missing is the top code, "other" (categories) the one below. */
export const MISSING_CODE = { uint8: 0xff, uint16: 0xffff, uint32: 0xffffffff } as const;
export const OTHER_CODE = { uint8: 0xfe, uint16: 0xfffe } as const;

export const isNumberColumn = (c: DiveColumn): c is NumberColumn => c.info.kind === 'number';
export const isCategoryColumn = (c: DiveColumn): c is CategoryColumn => c.info.kind === 'category';

export function arrayFor(dtype: DiveDtype, n: number): DiveArray;
export function arrayFor(dtype: DiveDtype, buffer: ArrayBuffer, byteOffset: number, n: number): DiveArray;
export function arrayFor(dtype: DiveDtype, a: number | ArrayBuffer, byteOffset = 0, n = 0): DiveArray {
  const C = dtype === 'uint8' ? Uint8Array : dtype === 'uint16' ? Uint16Array : dtype === 'uint32' ? Uint32Array : Float32Array;
  return typeof a === 'number' ? new C(a) : new C(a, byteOffset, n);
}

export const bytesPer = (dtype: DiveDtype): number => (dtype === 'uint8' ? 1 : dtype === 'uint16' ? 2 : 4);

/** The number in row `i` (NaN when missing). */
export function numberAt(col: NumberColumn, i: number): number {
  const v = col.data[i];
  const { dtype, offset } = col.info;
  if (dtype === 'float32') return v + offset;
  return v === MISSING_CODE[dtype] ? NaN : v + offset;
}

/** Every row's number, NaN where missing: what numeric computations read. */
export function numbersOf(col: NumberColumn): Float64Array {
  return mapNumbers(col, (v) => v, new Float64Array(col.data.length));
}

/**
 * `out[i] = f(value of row i)` (NaN for missing). uint8/uint16 columns call `f`
 * once per possible code and look rows up, so a million rows cost a table lookup each.
 */
export function mapNumbers<T extends { [i: number]: number; length: number }>(col: NumberColumn, f: (v: number) => number, out: T): T {
  const { dtype, offset } = col.info;
  const d = col.data;
  const n = d.length;
  if (dtype === 'uint8' || dtype === 'uint16') {
    const gap = MISSING_CODE[dtype];
    const lut = new Float64Array(gap + 1);
    for (let s = 0; s <= gap; s++) lut[s] = f(s === gap ? NaN : s + offset);
    for (let i = 0; i < n; i++) out[i] = lut[d[i]];
  } else if (dtype === 'uint32') {
    for (let i = 0; i < n; i++) out[i] = f(d[i] === MISSING_CODE.uint32 ? NaN : d[i] + offset);
  } else {
    for (let i = 0; i < n; i++) out[i] = f(d[i] + offset);
  }
  return out;
}

export type CategoryCode = 'missing' | 'other' | number;

/** What a category code stands for: a dictionary index, the long tail, or missing. */
export function codeKind(col: CategoryColumn, code: number): CategoryCode {
  const dtype = col.info.dtype;
  if (code === MISSING_CODE[dtype]) return 'missing';
  if (code === OTHER_CODE[dtype]) return 'other';
  return code;
}

export const MISSING_LABEL = '(missing)';
export const OTHER_LABEL = '(other)';

export function categoryLabel(col: CategoryColumn, code: number): string {
  const k = codeKind(col, code);
  return k === 'missing' ? MISSING_LABEL : k === 'other' ? OTHER_LABEL : col.info.values[k];
}

/** The value of row `i` as the panel shows it (numbers exactly as stored, dates as ISO text). */
export function valueAt(col: DiveColumn, i: number): string | number | null {
  if (isCategoryColumn(col)) {
    const k = codeKind(col, col.data[i]);
    return k === 'missing' ? null : k === 'other' ? OTHER_LABEL : col.info.values[k];
  }
  const v = numberAt(col as NumberColumn, i);
  if (Number.isNaN(v)) return null;
  if ((col.info as DiveNumberColumn).temporal && Number.isFinite(v)) return new Date(v).toISOString();
  return v;
}

/** base64 → bytes, in browsers and Node alike (atob is global in both). */
export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A column from its description and its bytes (copied when misaligned for the dtype). */
export function columnFromBytes(info: DiveColumnInfo, bytes: Uint8Array, rows: number): DiveColumn {
  const size = bytesPer(info.dtype);
  if (bytes.byteLength !== rows * size) {
    throw new Error(`Dive: column '${info.name}' has ${bytes.byteLength} bytes, expected ${rows * size} (${rows} rows of ${info.dtype})`);
  }
  const aligned = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  return { info, data: arrayFor(info.dtype, aligned.buffer as ArrayBuffer, aligned.byteOffset, rows) };
}
