/**
 * One pass over a numeric column (one number per row, NaN missing) that
 * gathers what the missing-value panel and the sentinel rules both need:
 * the missing flags packed 32 rows to a word, the finite values in row order
 * (into a scratch array the caller may reuse column after column), their
 * count, sum, min and max, and the counts sentinel detection reads (zeros,
 * negatives, the smallest positive, "not recorded" codes, whether the column
 * holds only a handful of distinct values). Reading each column once, into
 * typed arrays only, is what keeps a 1 M × 20 table well under a second.
 */

/** Numeric codes often written for "not recorded". */
export const SENTINEL_CODES = [-1, -9, -99, -999, -9999, 99, 999, 9999, 99999, 999999];

export interface NumericProfile {
  rows: number;
  /** NaN rows (missing). */
  missing: number;
  /** Missing flags: bit i % 32 of word i / 32 set when row i is missing. */
  mask: Uint32Array;
  /** The finite values in row order (a view of the scratch array, valid until it is reused). */
  values: Float64Array;
  sum: number;
  /** ±Infinity when there are no finite values. */
  min: number;
  max: number;
  zeros: number;
  negatives: number;
  /** Negatives that are codes (-1, -9, -99, …). */
  negativeCodes: number;
  lowestPositive: number;
  /** True when at most 10 distinct finite values occur (a coded column such as sex or a count of vessels). */
  fewDistinct: boolean;
  /** Rows holding each of SENTINEL_CODES. */
  codes: Map<number, number>;
  /** The first 1,000 rows holding 0, and holding a negative value. */
  zeroRows: number[];
  negativeRows: number[];
}

/** The profile of `x`; `scratch` (at least x.length long) receives the finite values, else a new array does. */
export function profileNumbers(x: Float64Array, scratch?: Float64Array): NumericProfile {
  const n = x.length;
  const buf = scratch && scratch.length >= n ? scratch : new Float64Array(n);
  const mask = new Uint32Array((n + 31) >>> 5);
  const out = new Float64Array(9);
  const tally = new Float64Array(SENTINEL_CODES.length);
  const zeroRows = new Int32Array(MAX_ROWS), negativeRows = new Int32Array(MAX_ROWS);
  const k = scan(x, buf, mask, out, tally, zeroRows, negativeRows);
  let [missing, sum, min, max, zeros, negatives, lowestPositive, infinite] = out;
  const values = buf.subarray(0, k);
  if (infinite) {
    // ±Infinity took part in the comparisons: the extremes are those of the finite values.
    min = Infinity;
    max = -Infinity;
    lowestPositive = Infinity;
    for (let i = 0; i < k; i++) {
      const v = values[i];
      if (v < min) min = v;
      if (v > max) max = v;
      if (v > 0 && v < lowestPositive) lowestPositive = v;
    }
  }
  const codes = new Map<number, number>(SENTINEL_CODES.map((c, j) => [c, tally[j]]));
  let negativeCodes = 0;
  SENTINEL_CODES.forEach((c, j) => {
    if (c < 0) negativeCodes += tally[j];
  });
  return {
    rows: n, missing, mask, values, sum, min, max, zeros, negatives, negativeCodes, lowestPositive, fewDistinct: fewDistinct(values, 10), codes,
    zeroRows: Array.from(zeroRows.subarray(0, Math.min(zeros, MAX_ROWS))), negativeRows: Array.from(negativeRows.subarray(0, Math.min(negatives, MAX_ROWS))),
  };
}

/** Rows listed per zero or negative finding. */
const MAX_ROWS = 1000;

/**
 * The pass itself, alone in its function: V8 optimises a hot loop while it
 * runs, and code after it that has not run yet would throw that work away
 * on every call. Every value is written to `buf` and the count moves by
 * (v − v + 1) | 0 (1 when finite), and the missing flags are built a word at
 * a time, so missing values cost no branch to mispredict. Returns the finite
 * count; the rest goes into `out` ([missing, sum, min, max, zeros,
 * negatives, lowest positive, infinite, record updates], the extremes
 * including ±Infinity when there are any).
 */
function scan(x: Float64Array, buf: Float64Array, mask: Uint32Array, out: Float64Array, tally: Float64Array, zeroRows: Int32Array, negativeRows: Int32Array): number {
  let k = 0, sum = 0, min = Infinity, max = -Infinity, zeros = 0, negatives = 0, lowestPositive = Infinity, infinite = 0, records = 0, word = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    buf[k] = v;
    const d = v - v;
    k += (d + 1) | 0;
    word |= (v === v ? 0 : 1) << (i & 31);
    if ((i & 31) === 31) {
      mask[i >>> 5] = word;
      word = 0;
    }
    sum += d === 0 ? v : 0;
    // The record counter keeps these branches: compiled to selects they would chain every value to the last.
    if (v < min) {
      min = v;
      records++;
    }
    if (v > max) {
      max = v;
      records++;
    }
    if (v <= 0) {
      if (v === 0) {
        if (zeros < MAX_ROWS) zeroRows[zeros] = i;
        zeros++;
      } else if (d === 0) {
        if (negatives < MAX_ROWS) negativeRows[negatives] = i;
        negatives++;
      }
    } else if (v < lowestPositive) {
      lowestPositive = v;
      records++;
    }
    // Codes are whole numbers from -1 down or 99 up: only those need the second look (whole first: measured values rarely are).
    if (Math.floor(v) === v && (v <= -1 || v >= 99)) {
      const j = SENTINEL_CODES.indexOf(v);
      if (j >= 0) tally[j]++;
    }
    if (d !== 0 && v === v) infinite++;
  }
  if (n & 31) mask[n >>> 5] = word;
  out[0] = n - k - infinite;
  out[1] = sum;
  out[2] = min;
  out[3] = max;
  out[4] = zeros;
  out[5] = negatives;
  out[6] = lowestPositive;
  out[7] = infinite;
  out[8] = records;
  return k;
}

/** True when `values` hold at most `most` distinct numbers (stops at the first one more). */
function fewDistinct(values: Float64Array, most: number): boolean {
  const seen: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (seen.includes(v)) continue;
    if (seen.length === most) return false;
    seen.push(v);
  }
  return true;
}

const f64 = new Float64Array(1);
const words = new Int32Array(f64.buffer);

/**
 * The most frequent value (the smallest on ties, as pandas' mode()[0]), or
 * undefined past `limit` distinct values (no sensible mode), counted in an
 * open-addressing table of typed arrays.
 */
export function modeOf(x: Float64Array, limit = 10_000): number | undefined {
  let size = 16;
  while (size < limit * 2) size *= 2;
  const keys = new Float64Array(size);
  const counts = new Int32Array(size);
  const mask = size - 1;
  let distinct = 0;
  for (let i = 0; i < x.length; i++) {
    // −0 counts as 0, as in a Map.
    const v = x[i] === 0 ? 0 : x[i];
    f64[0] = v;
    let slot = (Math.imul(words[0] ^ Math.imul(words[1], 0x9e3779b1), 0x85ebca6b) >>> 7) & mask;
    for (;;) {
      if (counts[slot] === 0) {
        if (distinct === limit) return undefined;
        distinct++;
        keys[slot] = v;
        counts[slot] = 1;
        break;
      }
      if (keys[slot] === v) {
        counts[slot]++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  let best: number | undefined, most = 0;
  for (let s = 0; s < size; s++) {
    const c = counts[s];
    if (c > most || (c === most && c > 0 && keys[s] < best!)) [best, most] = [keys[s], c];
  }
  return best;
}
