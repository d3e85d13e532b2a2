/**
 * What the string statistics need of a value, from its UTF-8 bytes without
 * making a JavaScript string: its length in UTF-16 units (as `s.length`),
 * its surrogate pairs (length in code points = units − pairs), and its
 * `murmur3` hash, computed over the same UTF-16 units as `murmur3(s)` so a
 * HyperLogLog fed from bytes agrees with one fed from strings. Bytes that are
 * not valid UTF-8, or that start with a byte order mark (which TextDecoder
 * drops), are decoded as TextDecoder does and measured as that string.
 */
import { MURMUR_SEED, murmur3, murmurEnd, murmurStep } from '../hyperloglog.js';
import { surrogatePairs } from '../top-k.js';

export const decoder = new TextDecoder('utf-8');

/** From the bytes; false for bytes TextDecoder would not return as they are. */
function fromBytes(bytes: Uint8Array, s: number, e: number, out: Float64Array): boolean {
  if (e - s >= 3 && bytes[s] === 0xef && bytes[s + 1] === 0xbb && bytes[s + 2] === 0xbf) return false;
  let h = MURMUR_SEED | 0;
  let units = 0;
  let pairs = 0;
  for (let i = s; i < e; ) {
    const b0 = bytes[i];
    if (b0 < 0x80) {
      h = murmurStep(h, b0);
      units++;
      i++;
      continue;
    }
    // Continuation bytes that follow the lead byte (C0, C1 and F5–FF never lead).
    const need = b0 >= 0xc2 && b0 < 0xe0 ? 1 : b0 >= 0xe0 && b0 < 0xf0 ? 2 : b0 >= 0xf0 && b0 < 0xf5 ? 3 : 0;
    if (need === 0 || i + need >= e) return false;
    let cp = b0 & (0x7f >> (need + 1));
    for (let j = 1; j <= need; j++) {
      const b = bytes[i + j];
      if ((b & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (b & 0x3f);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are invalid UTF-8.
    if ((need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff))) return false;
    i += need + 1;
    if (cp < 0x10000) {
      h = murmurStep(h, cp);
      units++;
    } else {
      cp -= 0x10000;
      h = murmurStep(murmurStep(h, 0xd800 + (cp >> 10)), 0xdc00 + (cp & 0x3ff));
      units += 2;
      pairs++;
    }
  }
  out[0] = units;
  out[1] = pairs;
  out[2] = murmurEnd(h, units);
  return true;
}

/**
 * Writes [units, pairs, hash] of bytes[s, e) into `out`; returns false when
 * the value had to be decoded (its text is not its bytes: callers hand such
 * values over as strings).
 */
export function utf8Facts(bytes: Uint8Array, s: number, e: number, out: Float64Array): boolean {
  if (fromBytes(bytes, s, e, out)) return true;
  const text = decoder.decode(bytes.subarray(s, e));
  out[0] = text.length;
  out[1] = surrogatePairs(text);
  out[2] = murmur3(text);
  return false;
}

/**
 * MurmurHash3 (x86, 32-bit) over the bytes themselves, four at a time: the
 * key of a byte string in a hash table (utf8-tally.ts), where a hash per byte
 * would make the hash's dependency chain the cost of a row. Not `murmur3`.
 */
export function bytesHash(bytes: Uint8Array, s: number, e: number): number {
  let h = e - s;
  let j = s;
  for (; j + 4 <= e; j += 4) {
    let k = bytes[j] | (bytes[j + 1] << 8) | (bytes[j + 2] << 16) | (bytes[j + 3] << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  for (let shift = 0; j < e; j++, shift += 8) k |= bytes[j] << shift;
  if (k !== 0 || j !== s) {
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
