/**
 * Numbers from CSV fields, read straight from the bytes. The fast path is
 * exact, so every value is the double a full parser (and pandas) gives.
 */
import type { FieldText } from './fields.js';

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_EXACT = 2 ** 53;

/** Number() accepts '', hex and whitespace-only strings; a CSV number is none of those. */
export function parseNumber(s: string): number {
  const v = +s;
  if (v === v) {
    if (s.length > 1 && s.charCodeAt(0) === 48 && /[xXbBoO]/.test(s[1])) return NaN;
    return s.length === 0 || (v === 0 && s.trim() === '') ? NaN : v;
  }
  const t = s.trim().toLowerCase();
  if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  return NaN;
}

/**
 * Parses the plain decimal at b[i] (sign, digits, one point, digits; up to
 * `n`) into out[slot] and returns where it stops, or -1 when there is none
 * or it is not exact. Its digits form an integer of at most 2^53 over at most
 * 22 fraction digits: that exact integer divided by an exact power of ten is
 * one correctly rounded division, the same double a full parser gives.
 */
export function decimal(b: Uint8Array, i: number, n: number, out: Float64Array, slot: number): number {
  // Half the values of a column may be negative: arithmetic, not a branch the CPU would mispredict.
  const c0 = b[i];
  const minus = c0 === 45 ? 1 : 0;
  i += minus + (c0 === 43 ? 1 : 0);
  const first = i;
  let mant = 0;
  for (; i < n; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) break;
    mant = mant * 10 + d;
  }
  const whole = i - first;
  let frac = 0;
  if (i < n && b[i] === 46) {
    const point = ++i;
    for (; i < n; i++) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      mant = mant * 10 + d;
    }
    frac = i - point;
  }
  if (whole + frac === 0 || mant > MAX_EXACT || frac > 22) return -1;
  out[slot] = (1 - 2 * minus) * (mant / POW10[frac]);
  return i;
}

const scratch = new Float64Array(1);

/** The number in bytes [s, e), NaN when it is not one: plain decimals directly, anything else (exponents, inf, long mantissas) by the full parser. */
export function numberAt(text: FieldText, s: number, e: number): number {
  return decimal(text.bytes, s, e, scratch, 0) === e ? scratch[0] : parseNumber(text.decode(s, e));
}
