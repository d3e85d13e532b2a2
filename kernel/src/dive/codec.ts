/**
 * Sets of row numbers on the wire (selection to the kernel, highlight to the
 * panel): whichever is smallest of a uint32 index list, [start, end) ranges,
 * or a bitset over all rows — a million selected rows of a stacked facet are
 * often a few ranges, a random half of them a 125 KB bitset, never JSON.
 */
import type { DiveIndexEncoding } from '../mime/dive.js';

export interface EncodedRows {
  encoding: DiveIndexEncoding;
  count: number;
  bytes: Uint8Array;
}

function rangesOf(rows: Uint32Array): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < rows.length; ) {
    const start = rows[i];
    let end = start + 1;
    i++;
    while (i < rows.length && rows[i] === end) { end++; i++; }
    out.push(start, end);
  }
  return Uint32Array.from(out);
}

function countRanges(rows: Uint32Array): number {
  let r = 0;
  for (let i = 0; i < rows.length; i++) if (i === 0 || rows[i] !== rows[i - 1] + 1) r++;
  return r;
}

const bytesOf = (a: Uint32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Encodes sorted, distinct row numbers below `total`. */
export function encodeRows(rows: Uint32Array, total: number): EncodedRows {
  for (let i = 1; i < rows.length; i++) {
    if (rows[i] <= rows[i - 1]) throw new RangeError('encodeRows: rows must be sorted and distinct');
  }
  if (rows.length && rows[rows.length - 1] >= total) throw new RangeError(`encodeRows: row ${rows[rows.length - 1]} is beyond the ${total} rows`);
  const count = rows.length;
  const asList = count * 4, asRanges = countRanges(rows) * 8, asBits = Math.ceil(total / 8);
  if (asRanges < asList && asRanges <= asBits) return { encoding: 'ranges', count, bytes: bytesOf(rangesOf(rows)) };
  if (asBits < asList) {
    const bits = new Uint8Array(asBits);
    for (let i = 0; i < count; i++) bits[rows[i] >>> 3] |= 1 << (rows[i] & 7);
    return { encoding: 'bitset', count, bytes: bits };
  }
  return { encoding: 'indices', count, bytes: bytesOf(rows.slice()) };
}

function u32(bytes: Uint8Array): Uint32Array {
  if (bytes.byteLength % 4) throw new RangeError(`decodeRows: ${bytes.byteLength} bytes is not a whole number of uint32`);
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}

/** Row numbers from an encoding; checks they are sorted, distinct and below `total`. */
export function decodeRows(encoding: DiveIndexEncoding, bytes: Uint8Array, total: number): Uint32Array {
  let rows: Uint32Array;
  if (encoding === 'indices') rows = u32(bytes).slice();
  else if (encoding === 'ranges') {
    const r = u32(bytes);
    let count = 0;
    for (let i = 0; i < r.length; i += 2) count += Math.max(0, r[i + 1] - r[i]);
    rows = new Uint32Array(count);
    let k = 0;
    for (let i = 0; i < r.length; i += 2) for (let v = r[i]; v < r[i + 1]; v++) rows[k++] = v;
  } else if (encoding === 'bitset') {
    let count = 0;
    for (let i = 0; i < bytes.length; i++) { let b = bytes[i]; while (b) { b &= b - 1; count++; } }
    rows = new Uint32Array(count);
    let k = 0;
    for (let i = 0; i < bytes.length; i++) for (let bit = 0; bit < 8; bit++) if (bytes[i] & (1 << bit)) rows[k++] = i * 8 + bit;
  } else throw new RangeError(`decodeRows: unknown encoding '${String(encoding)}'`);
  for (let i = 0; i < rows.length; i++) {
    if ((i && rows[i] <= rows[i - 1]) || rows[i] >= total) throw new RangeError(`decodeRows: row ${rows[i]} is out of order or beyond the ${total} rows`);
  }
  return rows;
}
