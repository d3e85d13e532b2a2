/**
 * A small PNG encoder (8-bit grey, grey+alpha, RGB, RGBA) for images the kernel
 * draws itself: heatmaps and image grids. Written here rather than pulled in
 * from npm because it is ~100 lines over node:zlib and runs on the display path.
 *
 * Each scanline gets the filter (None, Sub, Up, Average, Paeth) whose output has
 * the smallest sum of absolute signed bytes — libpng's default heuristic, which
 * makes smooth images (colour maps, photos) compress several times better than
 * filter None while costing one pass per filter.
 */
import { deflateSync } from 'node:zlib';

export interface PngImage {
  width: number;
  height: number;
  /** 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA. */
  channels: 1 | 2 | 3 | 4;
  /** Row-major pixels, `width * height * channels` bytes, no padding between rows. */
  data: Uint8Array;
}

export interface PngOptions {
  /** zlib level 0-9; 6 (zlib's default) trades size and speed well for display. */
  level?: number;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** PNG colour types indexed by channel count. */
const COLOR_TYPE = [0, 0, 4, 2, 6];

// zlib.crc32 only exists from Node 20.15/22.2; the engines field allows 20.11.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out, 4, 8 + data.length), 8 + data.length);
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Filters every row into `out` (1 filter byte + row) choosing the cheapest filter per row. */
function filterRows(img: PngImage, out: Uint8Array): void {
  const { width, height, channels: bpp, data } = img;
  const stride = width * bpp;
  const trial = new Uint8Array(stride);
  const best = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const prev = row - stride;
    let bestScore = Infinity;
    let bestType = 0;
    for (let type = 0; type < 5; type++) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const x = data[row + i];
        const a = i >= bpp ? data[row + i - bpp] : 0;
        const b = y > 0 ? data[prev + i] : 0;
        const c = y > 0 && i >= bpp ? data[prev + i - bpp] : 0;
        const f = type === 0 ? x : type === 1 ? x - a : type === 2 ? x - b : type === 3 ? x - ((a + b) >> 1) : x - paeth(a, b, c);
        const v = f & 0xff;
        trial[i] = v;
        score += v < 128 ? v : 256 - v;
        if (score >= bestScore) break;
      }
      if (score < bestScore) {
        bestScore = score;
        bestType = type;
        best.set(trial);
      }
    }
    const o = y * (stride + 1);
    out[o] = bestType;
    out.set(best, o + 1);
  }
}

/** Encodes pixels as a PNG file. */
export function encodePng(img: PngImage, opts: PngOptions = {}): Uint8Array {
  const { width, height, channels, data } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 0x7fffffff || height > 0x7fffffff) {
    throw new RangeError(`PNG size must be positive integers, got ${width}×${height}`);
  }
  if (![1, 2, 3, 4].includes(channels)) throw new RangeError(`PNG channels must be 1, 2, 3 or 4, got ${channels}`);
  if (data.length !== width * height * channels) {
    throw new RangeError(`PNG data has ${data.length} bytes; ${width}×${height}×${channels} needs ${width * height * channels}`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = COLOR_TYPE[channels];
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const filtered = new Uint8Array(height * (width * channels + 1));
  filterRows(img, filtered);
  const idat = deflateSync(filtered, { level: opts.level ?? 6 });
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}
