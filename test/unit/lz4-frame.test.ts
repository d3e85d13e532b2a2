/** The LZ4 frame decoder on hand-built frames: every header flag, linked blocks, and broken input. */
import { describe, expect, it } from 'vitest';
import { decompressLz4Frames, Lz4Error } from '../../kernel/src/data/codecs/lz4-frame.js';

const bytes = (s: string) => [...Buffer.from(s, 'latin1')];
const u32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/** "abc", then a match 3 back of 9 bytes (overlapping), then "xyz": abcabcabcabcxyz. */
const BLOCK1 = [0x35, ...bytes('abc'), 3, 0, 0x30, ...bytes('xyz')];
/** A match 15 back (into the previous block) of 6 bytes, then "!": abcabc! */
const BLOCK2 = [0x02, 15, 0, 0x10, ...bytes('!')];

function frame(blocks: number[][], opts: { flags?: number; contentSize?: number; checksums?: boolean } = {}): number[] {
  const flags = 0x40 | (opts.flags ?? 0) | (opts.contentSize !== undefined ? 0x08 : 0);
  const header = [...u32(0x184d2204), flags, 0x40, ...(opts.contentSize !== undefined ? [...u32(opts.contentSize), 0, 0, 0, 0] : []), 0xaa];
  const body = blocks.flatMap((b) => [...u32(b.length), ...b, ...(flags & 0x10 ? [1, 2, 3, 4] : [])]);
  return [...header, ...body, ...u32(0), ...(flags & 0x04 ? [9, 9, 9, 9] : [])];
}

const decode = (src: number[], size: number) => text(decompressLz4Frames(Uint8Array.from(src), size));

describe('decompressLz4Frames', () => {
  it('decodes literals and overlapping matches', () => {
    expect(decode(frame([BLOCK1]), 15)).toBe('abcabcabcabcxyz');
  });

  it('follows matches into the previous block of a frame with linked blocks (pyarrow writes these)', () => {
    expect(decode(frame([BLOCK1, BLOCK2]), 22)).toBe('abcabcabcabcxyzabcabc!');
  });

  it('skips the content size, block checksums and the content checksum', () => {
    expect(decode(frame([BLOCK1, BLOCK2], { flags: 0x10 | 0x04, contentSize: 22 }), 22)).toBe('abcabcabcabcxyzabcabc!');
  });

  it('copies uncompressed blocks', () => {
    const raw = bytes('stored as is');
    expect(decode(frame([BLOCK1]).slice(0, -4).concat([...u32(raw.length | 0x80000000), ...raw, ...u32(0)]), 27)).toBe('abcabcabcabcxyzstored as is');
  });

  it('reads concatenated frames and skips skippable frames', () => {
    const skippable = [...u32(0x184d2a53), ...u32(3), 7, 7, 7];
    expect(decode([...frame([BLOCK1]), ...skippable, ...frame([[0x40, ...bytes('tail')]])], 19)).toBe('abcabcabcabcxyztail');
  });

  it('refuses what it cannot read, saying why', () => {
    const fails = (src: number[], size: number, message: RegExp) => {
      expect(() => decompressLz4Frames(Uint8Array.from(src), size)).toThrow(Lz4Error);
      expect(() => decompressLz4Frames(Uint8Array.from(src), size)).toThrow(message);
    };
    fails(bytes('PAR1....'), 4, /not an LZ4 frame: magic number/);
    fails(frame([BLOCK1], { flags: 0x01 }), 15, /dictionary/);
    fails([...u32(0x184c2102), 0, 0, 0, 0], 0, /legacy/);
    fails(frame([BLOCK1]).slice(0, 12), 15, /ends early/);
    fails(frame([BLOCK1]), 14, /more than the 14 bytes/);
    fails(frame([BLOCK1]), 16, /holds 15 bytes, 16 were expected/);
    // A match reaching before the frame's first byte.
    fails(frame([[0x02, 40, 0, 0x10, 1]]), 7, /corrupt LZ4 block/);
  });
});
