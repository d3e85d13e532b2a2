/**
 * Writing numbers the way proto3's JSON mapping does: doubles are JSON numbers
 * except NaN and ±Infinity, which are the strings 'NaN', 'Infinity' and
 * '-Infinity' (JSON.stringify would turn them into null and lose them).
 */
import type { ProtoDouble } from '../mime/index.js';

/** A number as proto3's JSON mapping writes a double: NaN and ±Infinity as strings. */
export function protoDouble(x: number): ProtoDouble {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}
