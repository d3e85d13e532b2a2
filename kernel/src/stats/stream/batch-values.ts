/**
 * One Arrow batch (flechette, as arquero reads Arrow) in the form the
 * streamed statistics consume, with the values the in-memory path would see
 * for the same rows (`Column.toArray()`), minus its costs:
 *   - numbers stay in a typed array with the validity bitmap beside it,
 *     where toArray would box every value into a plain array as soon as a
 *     batch has one null;
 *   - UTF-8 strings stay bytes, so a row costs a hash and a table probe, not
 *     a TextDecoder call (stream/utf8-tally.ts decodes each distinct value once);
 *   - anything else (booleans, dates, dictionaries, lists…) is `toArray()`
 *     of the batch alone, the exact values.
 */
import { Column, Type } from '@uwdata/flechette';
import type { Values } from '../../data/columns.js';
import { scanNumeric } from '../numeric-scan.js';

/** What array a whole column without nulls would become in memory; it decides INT or FLOAT for float32 (see numeric-column.ts). */
export type ArrayKind = 'int' | 'float32' | 'float64' | 'array';

export type BatchValues =
  | { kind: 'numbers'; length: number; values: ArrayLike<number>; validity?: Uint8Array; nulls: number; array: ArrayKind }
  | { kind: 'utf8'; length: number; bytes: Uint8Array; offsets: Int32Array | Float64Array; validity?: Uint8Array; nulls: number }
  | { kind: 'values'; length: number; values: Values; nulls: number; array: ArrayKind };

/** The flechette batch fields read here (its classes are not exported). */
interface ArrowBatch {
  length: number;
  nullCount: number;
  type: { typeId: number; bitWidth?: number };
  validity?: Uint8Array;
  values?: ArrayLike<unknown> & ArrayBufferView;
  offsets?: Int32Array | BigInt64Array;
  value(index: number): unknown;
  constructor: { ArrayType?: unknown };
}

const INT_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array];
const isInt64 = (t: ArrowBatch['type']) => t.typeId === Type.Int || t.typeId === Type.Time || t.typeId === Type.Duration;

/** int64 → number as Number(bigint) rounds it, without a BigInt per value: hi · 2³² is exact, the one addition rounds. */
function int64ToFloat(values: BigInt64Array): Float64Array {
  const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
  const out = new Float64Array(values.length);
  for (let i = 0, j = 0; i < out.length; i++, j += 2) out[i] = words[j + 1] * 4294967296 + (words[j] >>> 0);
  return out;
}

function offsetsOf(o: Int32Array | BigInt64Array): Int32Array | Float64Array {
  return o instanceof BigInt64Array ? Float64Array.from(o, Number) : o;
}

export function batchValues(b: ArrowBatch): BatchValues {
  const { length, nullCount: nulls } = b;
  const validity = nulls > 0 && b.validity && b.validity.length ? b.validity : undefined;
  const { typeId } = b.type;
  if ((typeId === Type.Utf8 || typeId === Type.LargeUtf8) && b.offsets && b.values instanceof Uint8Array) {
    return { kind: 'utf8', length, bytes: b.values, offsets: offsetsOf(b.offsets), validity, nulls };
  }
  const arrayType = b.constructor.ArrayType;
  const v = b.values;
  // flechette's DirectBatch: the typed array is the values (trimmed to the batch's length).
  if (arrayType == null && ArrayBuffer.isView(v) && !(v instanceof BigInt64Array || v instanceof BigUint64Array || v instanceof DataView)) {
    if (v instanceof Float32Array) return { kind: 'numbers', length, values: Float64Array.from(v), validity, nulls, array: 'float32' };
    const array: ArrayKind = INT_ARRAYS.some((T) => v instanceof T) ? 'int' : 'float64';
    return { kind: 'numbers', length, values: v as unknown as ArrayLike<number>, validity, nulls, array };
  }
  // NumberBatch (int64, float16, decimals): toArray makes a Float64Array of `value(i)`.
  if (arrayType === Float64Array) {
    if (v instanceof BigInt64Array && isInt64(b.type)) return { kind: 'numbers', length, values: int64ToFloat(v.subarray(0, length)), validity, nulls, array: 'float64' };
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++) if (!validity || (validity[i >> 3] >> (i & 7)) & 1) out[i] = b.value(i) as number;
    return { kind: 'numbers', length, values: out, validity, nulls, array: 'float64' };
  }
  return { kind: 'values', length, values: new Column([b as never]).toArray() as Values, nulls, array: 'array' };
}

/**
 * The finite values of a batch in row order, as scanNumeric's `finite` (the
 * second read needs nothing else): the batch's own Float64Array when every
 * row is a finite number, else a copy into `scratch` (reused, so batch after
 * batch costs no fresh pages). Valid until the next call with `scratch`.
 */
export function finiteOf(b: BatchValues, scratch: { buffer: Float64Array }): Float64Array {
  if (b.kind === 'utf8') return new Float64Array(0);
  if (b.kind === 'values') return scanNumeric(b.values)?.finite ?? new Float64Array(0);
  const { values, validity, length } = b;
  if (!validity && values instanceof Float64Array) {
    let i = 0;
    while (i < length && values[i] - values[i] === 0) i++;
    if (i === length) return values;
  }
  if (scratch.buffer.length < length) scratch.buffer = new Float64Array(length);
  const out = scratch.buffer;
  let k = 0;
  for (let i = 0; i < length; i++) {
    if (validity && ((validity[i >> 3] >> (i & 7)) & 1) === 0) continue;
    const x = values[i];
    if (x - x === 0) out[k++] = x;
  }
  return out.subarray(0, k);
}
