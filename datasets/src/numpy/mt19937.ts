/**
 * MT19937, the Mersenne Twister (Matsumoto & Nishimura 1998), seeded exactly as
 * NumPy's legacy `np.random.seed` seeds it, so that a lab written against
 * `np.random` draws the same numbers here. All arithmetic is 32-bit (Math.imul,
 * >>> 0), which is what the C reference does with `uint32_t`.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

/** What `np.random.seed` accepts: an integer in [0, 2^32 - 1], or a non-empty list of them. */
export type NumpySeed = number | readonly number[];

export class MT19937 {
  private readonly key = new Uint32Array(N);
  private pos = N;

  constructor(seed: NumpySeed = 0) {
    this.seed(seed);
  }

  /** NumPy's `_legacy_seeding`: an integer goes to init_genrand, an array to init_by_array. */
  seed(seed: NumpySeed): void {
    if (typeof seed === 'number') {
      checkSeedWord(seed, 'seed');
      this.initGenrand(seed);
      return;
    }
    if (!Array.isArray(seed) || seed.length === 0) {
      throw new RangeError('seed must be an integer in [0, 2**32 - 1] or a non-empty array of them (as np.random.seed)');
    }
    seed.forEach((s, i) => checkSeedWord(s, `seed[${i}]`));
    this.initByArray(seed);
  }

  /** The next 32-bit output, an integer in [0, 2^32). */
  nextUint32(): number {
    if (this.pos >= N) this.generate();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * NumPy's `random_sample`: 53 random bits from two outputs (27 + 26), so
   * every double in [0, 1) with spacing 2^-53 is possible.
   */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A copy of the state (key and position), e.g. to compare with `np.random.get_state()`. */
  state(): { key: Uint32Array; pos: number } {
    return { key: this.key.slice(), pos: this.pos };
  }

  private initGenrand(s: number): void {
    const mt = this.key;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.pos = N;
  }

  private initByArray(init: readonly number[]): void {
    const mt = this.key;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, init.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + init[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= init.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.pos = N;
  }

  private generate(): void {
    const mt = this.key;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & UPPER) | (mt[(i + 1) % N] & LOWER);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.pos = 0;
  }
}

function checkSeedWord(s: number, what: string): void {
  if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) {
    throw new RangeError(`${what} must be an integer between 0 and 2**32 - 1 (as np.random.seed), got ${s}`);
  }
}
