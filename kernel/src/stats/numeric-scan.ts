/**
 * One pass over a column that decides whether it is numeric and, if so,
 * gathers what the numeric statistics need: counts of missing values (null,
 * undefined, NaN), of NaN on its own, of ±Infinity and zeros, the finite
 * values (and their weights) in row order, their min, max and compensated sum.
 * Numbers and bigints, booleans (0/1) and Dates (ms since the epoch) are
 * numeric as long as a column holds only one of these kinds; anything else
 * makes it a string column (`null` is returned). The type is INT for integer
 * typed arrays, booleans, Dates, bigints, and numbers that are all whole (no
 * NaN, no ±Infinity); FLOAT otherwise. An Arrow validity bitmap may come with
 * a typed array: rows whose bit is 0 are nulls (missing, not NaN), so Arrow
 * batches with nulls scan without first becoming arrays of boxed numbers.
 */
import type { Values } from '../data/columns.js';

/** The counts of a numeric column, which add up across parts of it (streamed statistics merge them). */
export interface NumericCounts {
  rows: number;
  /** null, undefined and NaN. */
  missing: number;
  /** NaN alone (also counted in `missing`). */
  nan: number;
  posInf: number;
  negInf: number;
  zeros: number;
  /** Finite values. */
  count: number;
  /** NaN when there are no finite values. */
  min: number;
  max: number;
  /** Neumaier-compensated sum of the finite values. */
  sum: number;
}

export interface NumericScan extends NumericCounts {
  type: 'INT' | 'FLOAT';
  finite: Float64Array;
  /** Weights of `finite`, when weighted. */
  finiteWeights?: Float64Array;
  weighted?: { present: number; missing: number; posInf: number; negInf: number; sum: number; zeros: number };
}

const INT_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array];

/** Kind of a present value: 0 number/bigint, 1 boolean, 2 Date, 3 anything else. */
const kindOf = (v: unknown): number =>
  typeof v === 'number' || typeof v === 'bigint' ? 0 : typeof v === 'boolean' ? 1 : v instanceof Date ? 2 : 3;

/**
 * One pass over numeric values (optionally weighted): count, missing, zeros, NaN/Infinity counts,
 * mean, std dev, min and max — what Overview statistics start from.
 */
export function scanNumeric(values: Values, weights?: ArrayLike<number>, validity?: Uint8Array): NumericScan | null {
  const n = values.length;
  const typed = ArrayBuffer.isView(values);
  const intTyped = typed && INT_ARRAYS.some((T) => values instanceof T);
  // Like data/dtype.ts: a Float64Array of whole numbers is int64 (loaders store int columns so); Float32Array stays float.
  const float32 = values instanceof Float32Array;
  if (typed && !weights && !(values instanceof BigInt64Array || values instanceof BigUint64Array)) {
    return scanNumbers(values as ArrayLike<number>, intTyped, float32, validity);
  }
  let kind = -1;
  let allInt = true;
  let missing = 0, nan = 0, posInf = 0, negInf = 0, zeros = 0, k = 0;
  let min = Infinity, max = -Infinity, sum = 0, comp = 0;
  let wPresent = 0, wMissing = 0, wPos = 0, wNeg = 0, wSum = 0, wComp = 0, wZeros = 0;
  const finite = new Float64Array(n);
  const fw = weights ? new Float64Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const w = weights ? weights[i] : 1;
    let x: number;
    if (validity && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      missing++;
      wMissing += w;
      continue;
    }
    if (typeof v === 'number' && kind <= 0) {
      kind = 0;
      x = v;
    } else if (v === null || v === undefined) {
      missing++;
      wMissing += w;
      continue;
    } else {
      const kv = kindOf(v);
      if (kv === 3 || (kind >= 0 && kv !== kind)) return null;
      kind = kv;
      x = kv === 0 ? Number(v) : kv === 1 ? (v ? 1 : 0) : (v as Date).getTime();
      if (kv === 2 && Number.isNaN(x)) return null;
    }
    if (x !== x) {
      missing++;
      nan++;
      wMissing += w;
      continue;
    }
    wPresent += w;
    if (x === 0) {
      zeros++;
      wZeros += w;
    }
    if (x === Infinity) {
      posInf++;
      wPos += w;
      continue;
    }
    if (x === -Infinity) {
      negInf++;
      wNeg += w;
      continue;
    }
    if (allInt && !Number.isInteger(x)) allInt = false;
    finite[k] = x;
    if (fw) fw[k] = w;
    k++;
    if (x < min) min = x;
    if (x > max) max = x;
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
    if (weights) {
      const wx = w * x;
      const u = wSum + wx;
      wComp += Math.abs(wSum) >= Math.abs(wx) ? wSum - u + wx : wx - u + wSum;
      wSum = u;
    }
  }
  // Only nulls: no evidence of numbers (a NaN or a typed array is some).
  if (kind === -1 && !typed && nan === 0) return null;
  const type = intTyped || kind === 1 || kind === 2 || (kind === 0 && !float32 && allInt && nan === 0 && posInf + negInf === 0) ? 'INT' : 'FLOAT';
  return {
    type,
    rows: n,
    missing,
    nan,
    posInf,
    negInf,
    zeros,
    count: k,
    finite: finite.subarray(0, k),
    finiteWeights: fw?.subarray(0, k),
    min: k ? min : NaN,
    max: k ? max : NaN,
    sum: sum + comp,
    weighted: weights ? { present: wPresent, missing: wMissing, posInf: wPos, negInf: wNeg, sum: wSum + wComp, zeros: wZeros } : undefined,
  };
}

/**
 * scanNumeric for a typed array of numbers without weights, the common case
 * (Arrow and loader columns): the same counts, sum (same compensation, same
 * order), finite values and type, in a loop with no per-value kind checks
 * (about 2× faster, which streamed statistics of large files feel).
 */
function scanNumbers(values: ArrayLike<number>, intTyped: boolean, float32: boolean, validity?: Uint8Array): NumericScan {
  const n = values.length;
  const finite = new Float64Array(n);
  let allInt = true;
  let missing = 0, nan = 0, posInf = 0, negInf = 0, zeros = 0, k = 0;
  let min = Infinity, max = -Infinity, sum = 0, comp = 0;
  for (let i = 0; i < n; i++) {
    if (validity && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      missing++;
      continue;
    }
    const x = values[i];
    if (x - x !== 0) {
      // NaN or ±Infinity.
      if (x !== x) {
        missing++;
        nan++;
      } else if (x > 0) posInf++;
      else negInf++;
      continue;
    }
    if (x === 0) zeros++;
    if (allInt && !Number.isInteger(x)) allInt = false;
    finite[k++] = x;
    if (x < min) min = x;
    if (x > max) max = x;
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  const type = intTyped || (k > 0 && !float32 && allInt && nan === 0 && posInf + negInf === 0) ? 'INT' : 'FLOAT';
  return { type, rows: n, missing, nan, posInf, negInf, zeros, count: k, finite: finite.subarray(0, k), min: k ? min : NaN, max: k ? max : NaN, sum: sum + comp };
}

/** The scan of a column with no values at all (`rows` missing). */
export function missingScan(rows: number, type: 'INT' | 'FLOAT', weights?: ArrayLike<number>): NumericScan {
  let w = 0;
  if (weights) for (let i = 0; i < weights.length; i++) w += weights[i];
  return {
    type, rows, missing: rows, nan: 0, posInf: 0, negInf: 0, zeros: 0, count: 0, finite: new Float64Array(0), min: NaN, max: NaN, sum: 0,
    weighted: weights ? { present: 0, missing: w, posInf: 0, negInf: 0, sum: 0, zeros: 0 } : undefined,
  };
}
