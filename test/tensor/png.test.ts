/**
 * The PNG encoder, checked by decoding: an independent decoder written from
 * the PNG spec here (chunk CRCs, IHDR, zlib inflate, the five filters), and
 * ImageMagick's when it is installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePng, type PngImage } from '../../kernel/src/display/png.js';
import { decodePng } from './png-decode.js';

function image(width: number, height: number, channels: PngImage['channels'], fill: (x: number, y: number, ch: number) => number): PngImage {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = fill(x, y, c) & 0xff;
  return { width, height, channels, data };
}

let seed = 12345;
const noise = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 0xff;

const CASES: [string, PngImage][] = [
  ['1×1 grey', image(1, 1, 1, () => 200)],
  ['3×7 grey+alpha', image(3, 7, 2, (x, y, c) => (c ? 128 : x * 40 + y))],
  ['gradient RGB', image(64, 33, 3, (x, y, c) => (c === 0 ? x * 4 : c === 1 ? y * 7 : (x ^ y) * 3))],
  ['noise RGBA', image(50, 40, 4, () => noise())],
  ['noise grey (every filter pays)', image(31, 17, 1, () => noise())],
];

describe('encodePng', () => {
  for (const [name, img] of CASES) {
    it(`round-trips ${name} through an independent decoder`, () => {
      const dec = decodePng(encodePng(img));
      expect([dec.width, dec.height, dec.channels]).toEqual([img.width, img.height, img.channels]);
      expect(Buffer.from(dec.data).equals(Buffer.from(img.data))).toBe(true);
    });
  }

  it('uses adaptive filters: a smooth image compresses far better than its raw bytes', () => {
    const img = image(256, 256, 3, (x, y, c) => (c === 0 ? x : c === 1 ? y : 128));
    const png = encodePng(img);
    expect(png.length).toBeLessThan(img.data.length / 50);
  });

  it('decodes with ImageMagick when it is installed', () => {
    if (spawnSync('convert', ['-version']).status !== 0) return;
    const dir = mkdtempSync(join(tmpdir(), 'tsml-png-'));
    for (const [name, img] of CASES) {
      const file = join(dir, `${name.replace(/\W+/g, '_')}.png`);
      writeFileSync(file, encodePng(img));
      const identify = execFileSync('identify', ['-format', '%w %h', file], { encoding: 'utf8' });
      expect(identify, name).toBe(`${img.width} ${img.height}`);
      // Decode to RGBA bytes and compare with the source expanded to RGBA.
      const rgba = execFileSync('convert', [file, '-depth', '8', 'rgba:-']);
      const want = new Uint8Array(img.width * img.height * 4);
      for (let p = 0; p < img.width * img.height; p++) {
        const s = img.data.subarray(p * img.channels, (p + 1) * img.channels);
        const [r, g, b, a] = img.channels === 1 ? [s[0], s[0], s[0], 255] : img.channels === 2 ? [s[0], s[0], s[0], s[1]] : img.channels === 3 ? [s[0], s[1], s[2], 255] : [...s];
        want.set([r, g, b, a], p * 4);
      }
      expect(Buffer.from(rgba).equals(Buffer.from(want)), name).toBe(true);
    }
  });

  it('rejects inconsistent input with a clear message', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) })).toThrow(/11 bytes; 2×2×3 needs 12/);
    expect(() => encodePng({ width: 0, height: 2, channels: 1, data: new Uint8Array(0) })).toThrow(/positive integers/);
    expect(() => encodePng({ width: 1, height: 1, channels: 5 as never, data: new Uint8Array(5) })).toThrow(/channels must be/);
  });
});
