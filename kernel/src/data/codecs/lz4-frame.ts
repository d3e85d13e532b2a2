/**
 * LZ4 frame decompression (the format of `lz4` files and of Arrow IPC's
 * LZ4_FRAME buffers, which pyarrow writes by default), in plain TypeScript.
 * npm has no maintained pure-JS/wasm frame decoder: lz4js reads block
 * checksums before the block and ignores dictionary ids, lz4-wasm and
 * hyparquet-compressors decode raw blocks only. Checksums are skipped, not
 * verified (Arrow checks every buffer's length); dictionaries and the
 * legacy format are refused with a clear error.
 */

const FRAME = 0x184d2204;
const SKIPPABLE = 0x184d2a50; // …2A50 to …2A5F
const LEGACY = 0x184c2102;

export class Lz4Error extends Error {
  override name = 'Lz4Error';
}

const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

function need(src: Uint8Array, at: number, n: number): void {
  if (at + n > src.length) throw new Lz4Error(`LZ4 data ends early: ${n} more bytes expected at byte ${at} of ${src.length}`);
}

/**
 * Decompresses every frame in `src` (concatenated frames and skippable frames
 * included) into `size` bytes, which is what they must hold exactly.
 */
export function decompressLz4Frames(src: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let s = 0;
  let o = 0;
  while (s < src.length) {
    need(src, s, 4);
    const magic = u32(src, s);
    if ((magic & 0xfffffff0) === SKIPPABLE) {
      need(src, s, 8);
      s += 8 + u32(src, s + 4);
      continue;
    }
    if (magic === LEGACY) throw new Lz4Error('legacy LZ4 frames (lz4 -l) are not supported; recompress with the default frame format');
    if (magic !== FRAME) throw new Lz4Error(`not an LZ4 frame: magic number 0x${magic.toString(16)} at byte ${s}`);
    need(src, s, 7);
    const flags = src[s + 4];
    if (flags >> 6 !== 1) throw new Lz4Error(`unsupported LZ4 frame version ${flags >> 6}`);
    if (flags & 1) throw new Lz4Error('LZ4 frames compressed with a dictionary are not supported');
    const blockChecksums = (flags & 0x10) !== 0;
    const contentChecksum = (flags & 0x04) !== 0;
    s += 4 + 2 + (flags & 0x08 ? 8 : 0) + 1; // magic, FLG + BD, content size, header checksum
    const frameStart = o;
    for (;;) {
      need(src, s, 4);
      const word = u32(src, s);
      s += 4;
      if (word === 0) break; // end mark
      const length = word & 0x7fffffff;
      need(src, s, length);
      if (word & 0x80000000) {
        if (o + length > size) throw tooLong(size);
        out.set(src.subarray(s, s + length), o);
        o += length;
      } else {
        o = decodeBlock(src, s, s + length, out, o, frameStart);
      }
      s += length + (blockChecksums ? 4 : 0);
    }
    if (contentChecksum) s += 4;
  }
  if (o !== size) throw new Lz4Error(`LZ4 data holds ${o} bytes, ${size} were expected`);
  return out;
}

const tooLong = (size: number) => new Lz4Error(`LZ4 data holds more than the ${size} bytes expected`);
const corrupt = (at: number) => new Lz4Error(`corrupt LZ4 block at byte ${at}`);

/**
 * One LZ4 block from src[s, end) into out at `o`; matches may reach back to
 * `floor` (earlier blocks of a frame with linked blocks). Returns the new end.
 */
function decodeBlock(src: Uint8Array, s: number, end: number, out: Uint8Array, o: number, floor: number): number {
  const cap = out.length;
  while (s < end) {
    const token = src[s++];
    let literals = token >>> 4;
    if (literals === 15) {
      let b: number;
      do {
        b = src[s++];
        literals += b;
      } while (b === 255 && s < end);
    }
    if (s + literals > end) throw corrupt(s);
    if (o + literals > cap) throw tooLong(cap);
    if (literals < 16) for (let i = 0; i < literals; i++) out[o++] = src[s++];
    else {
      out.set(src.subarray(s, s + literals), o);
      s += literals;
      o += literals;
    }
    if (s >= end) break; // the last sequence has literals only
    if (s + 2 > end) throw corrupt(s);
    const offset = src[s] | (src[s + 1] << 8);
    s += 2;
    let length = token & 15;
    if (length === 15) {
      let b: number;
      do {
        if (s >= end) throw corrupt(s);
        b = src[s++];
        length += b;
      } while (b === 255);
    }
    length += 4;
    let from = o - offset;
    if (offset === 0 || from < floor) throw corrupt(s);
    if (o + length > cap) throw tooLong(cap);
    if (offset >= length) {
      out.copyWithin(o, from, from + length);
      o += length;
    } else {
      // Overlapping copy: the match repeats the bytes it is writing.
      for (let i = 0; i < length; i++) out[o++] = out[from++];
    }
  }
  return o;
}
