/**
 * Bounded integers the way NumPy's legacy API draws them: the smallest
 * all-ones mask covering the range, then rejection of masked draws above it.
 * Ranges that fit 32 bits use one 32-bit output per try; wider ones use a
 * 64-bit output (high word first), computed in BigInt.
 */
import type { MT19937 } from './mt19937.js';

/** An integer in [0, range] (range inclusive), as `random_bounded_uint64_fill` with `use_masked`. */
export function maskedBounded(gen: MT19937, range: number): number {
  if (range === 0) return 0;
  if (range <= 0xffffffff) {
    if (range === 0xffffffff) return gen.nextUint32();
    const mask = mask32(range);
    let v: number;
    do v = (gen.nextUint32() & mask) >>> 0;
    while (v > range);
    return v;
  }
  return wideMasked(gen, range);
}

/** An integer in [0, max] (max inclusive), as NumPy's `random_interval` (the shuffle's draw). */
export function randomInterval(gen: MT19937, max: number): number {
  if (max === 0) return 0;
  if (max <= 0xffffffff) {
    const mask = mask32(max);
    let v: number;
    do v = (gen.nextUint32() & mask) >>> 0;
    while (v > max);
    return v;
  }
  return wideMasked(gen, max);
}

function mask32(max: number): number {
  let m = max >>> 0;
  m |= m >>> 1;
  m |= m >>> 2;
  m |= m >>> 4;
  m |= m >>> 8;
  m |= m >>> 16;
  return m >>> 0;
}

function wideMasked(gen: MT19937, max: number): number {
  const big = BigInt(max);
  let mask = big;
  for (const shift of [1n, 2n, 4n, 8n, 16n, 32n]) mask |= mask >> shift;
  let v: bigint;
  do v = ((BigInt(gen.nextUint32()) << 32n) | BigInt(gen.nextUint32())) & mask;
  while (v > big);
  return Number(v);
}
