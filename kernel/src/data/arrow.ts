/**
 * Arrow-backed table columns (Parquet, Arrow IPC: arquero keeps flechette
 * columns) read from their typed arrays. `toArray()` would turn a numeric
 * column with a single null into a JS array of boxed values, and a string
 * column into a million strings; a summary of numbers needs neither.
 */

/** The flechette batch fields read here (its batch classes are not exported). */
interface ArrowBatch {
  length: number;
  nullCount: number;
  validity?: Uint8Array;
  values?: ArrayBufferView;
  value(index: number): unknown;
  constructor: { ArrayType?: unknown };
}

interface ArrowColumn {
  type: { typeId: number };
  length: number;
  nullCount: number;
  data: readonly ArrowBatch[];
}

// Arrow type ids (flechette's Type): the numeric ones, and those whose values are never numbers
// (binary, utf8, bool, fixed-size binary, large binary, large utf8, binary view, utf8 view).
const INT = 2;
const FLOAT = 3;
const NOT_NUMBERS = new Set([4, 5, 6, 15, 19, 20, 23, 24]);

function arrowColumn(col: unknown): ArrowColumn | undefined {
  const c = col as Partial<ArrowColumn> | undefined;
  return c && typeof c.type?.typeId === 'number' && Array.isArray(c.data) ? (c as ArrowColumn) : undefined;
}

/**
 * 'number' for an Arrow int or float column, 'text' for Arrow strings,
 * binaries and booleans; undefined for anything else (plain arrays, and
 * Arrow types such as dates, whose values depend on how they were read).
 */
export function arrowKind(col: unknown): 'number' | 'text' | undefined {
  const c = arrowColumn(col);
  if (!c) return undefined;
  if (c.type.typeId === INT || c.type.typeId === FLOAT) return 'number';
  return NOT_NUMBERS.has(c.type.typeId) ? 'text' : undefined;
}

/** toArray() of a numeric column is a typed array when it has no nulls; otherwise its present values decide. */
export function arrowHasNumbers(col: unknown): boolean {
  const c = arrowColumn(col)!;
  return c.nullCount === 0 || c.length > c.nullCount;
}

const present = (validity: Uint8Array | undefined, i: number) => !validity || ((validity[i >> 3] >> (i & 7)) & 1) === 1;

/**
 * The present values of an Arrow int or float column, in row order, in
 * `out` (room for every row); returns the part of it they fill. Values are
 * the numbers toArray() gives: 64-bit integers convert exactly, and one
 * beyond 2^53 throws flechette's error, as toArray() does.
 */
export function arrowNumbers(col: unknown, out: Float64Array): Float64Array {
  const c = arrowColumn(col)!;
  let k = 0;
  for (const b of c.data) {
    const validity = b.nullCount > 0 && b.validity?.length ? b.validity : undefined;
    const v = b.values;
    // flechette's DirectBatch: the typed array holds the values themselves.
    const direct = b.constructor.ArrayType == null && ArrayBuffer.isView(v) && !(v instanceof BigInt64Array || v instanceof BigUint64Array || v instanceof DataView);
    if (direct && !validity) {
      out.set(v as unknown as ArrayLike<number>, k);
      k += b.length;
    } else if (direct) {
      const values = v as unknown as ArrayLike<number>;
      for (let i = 0; i < b.length; i++) if (present(validity, i)) out[k++] = values[i];
    } else if (v instanceof BigInt64Array) k = int64s(b, v, validity, out, k);
    else for (let i = 0; i < b.length; i++) if (present(validity, i)) out[k++] = b.value(i) as number;
  }
  return out.subarray(0, k);
}

/** int64 values as their low and high 32-bit words: exact while |v| < 2^53, without a BigInt per value. */
function int64s(b: ArrowBatch, v: BigInt64Array, validity: Uint8Array | undefined, out: Float64Array, k: number): number {
  const words = new Int32Array(v.buffer, v.byteOffset, b.length * 2);
  for (let i = 0; i < b.length; i++) {
    if (!present(validity, i)) continue;
    const hi = words[2 * i + 1];
    // |v| <= 2^53 - 1 leaves the high word in (-2^21, 2^21); anything else goes through flechette (which throws beyond 2^53).
    out[k++] = hi > -2097152 && hi < 2097152 ? hi * 4294967296 + (words[2 * i] >>> 0) : (b.value(i) as number);
  }
  return k;
}
