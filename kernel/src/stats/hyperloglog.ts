/**
 * HyperLogLog distinct counter (Flajolet et al. 2007) over 32-bit MurmurHash3
 * of strings: 2^p one-byte registers (16 KiB at p = 14, standard error
 * 1.04 / sqrt(2^p) ≈ 0.8 %), whatever the number of rows. Adding a value twice
 * changes nothing, so callers may add each value as often as they like.
 */

/** One step of MurmurHash3 (x86, 32-bit) over a 16-bit code unit: callers that hold UTF-8 bytes, not strings, hash the same units. */
export function murmurStep(h: number, unit: number): number {
  let k = Math.imul(unit, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finalisation, after `units` steps. */
export function murmurEnd(h: number, units: number): number {
  h ^= units;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export const MURMUR_SEED = 0x9747b28c;

/** MurmurHash3 (x86, 32-bit) over the UTF-16 code units of a string. */
export function murmur3(s: string, seed = MURMUR_SEED): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = murmurStep(h, s.charCodeAt(i));
  return murmurEnd(h, s.length);
}

/**
 * An estimate of the number of distinct values (HyperLogLog) in a few KiB, for columns with too
 * many values to count exactly.
 */
export class HyperLogLog {
  readonly registers: Uint8Array;
  private readonly p: number;

  constructor(p = 14) {
    this.p = p;
    this.registers = new Uint8Array(1 << p);
  }

  add(s: string): void {
    this.addHash(murmur3(s));
  }

  /** Adds a value by its `murmur3` hash. */
  addHash(h: number): void {
    const j = h >>> (32 - this.p);
    const rank = Math.clz32(((h << this.p) | (1 << (this.p - 1))) >>> 0) + 1;
    if (rank > this.registers[j]) this.registers[j] = rank;
  }

  estimate(): number {
    const m = this.registers.length;
    let sum = 0;
    let zeros = 0;
    for (let j = 0; j < m; j++) {
      sum += 2 ** -this.registers[j];
      if (this.registers[j] === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / m);
    const e = (alpha * m * m) / sum;
    if (e <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
    const two32 = 2 ** 32;
    if (e > two32 / 30) return -two32 * Math.log(1 - e / two32);
    return e;
  }
}
