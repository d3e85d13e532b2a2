/**
 * HyperLogLog distinct counter (Flajolet et al. 2007) over 32-bit MurmurHash3
 * of strings: 2^p one-byte registers (16 KiB at p = 14, standard error
 * 1.04 / sqrt(2^p) ≈ 0.8 %), whatever the number of rows. Adding a value twice
 * changes nothing, so callers may add each value as often as they like.
 */

/** MurmurHash3 (x86, 32-bit) over the UTF-16 code units of a string. */
export function murmur3(s: string, seed = 0x9747b28c): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) {
    let k = Math.imul(s.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= s.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class HyperLogLog {
  readonly registers: Uint8Array;
  private readonly p: number;

  constructor(p = 14) {
    this.p = p;
    this.registers = new Uint8Array(1 << p);
  }

  add(s: string): void {
    const h = murmur3(s);
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
