/**
 * The seeded generator every dataset draws from, and the few distributions the
 * generators need. It lives here, not in the kernel, so that the kernel (whose
 * `tsml.seed(n)` must produce the same stream) can import it from
 * `@tsml/datasets` instead of keeping a second copy.
 *
 * Generators take `rng` (any `() => number` in [0, 1)) so a caller can thread
 * one stream through several steps; `seed` is the shortcut that builds one.
 */

export type Rng = () => number;

/** What every generator accepts besides its own options. */
export interface RandomOptions {
  /** A uniform [0, 1) source; wins over `seed`. */
  rng?: Rng;
  /** Builds `createRng(seed)`; 0 when neither `rng` nor `seed` is given, so a call is reproducible by default. */
  seed?: number;
}

/**
 * xoshiro128** (Blackman & Vigna 2018) with its 128-bit state filled by
 * splitmix32: fast in 32-bit integer arithmetic (which is all JS has without
 * BigInt), passes BigCrush, and any 32-bit seed, even 0, gives a good state.
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new TypeError(`seed must be a finite number, got ${seed}`);
  const state = new Uint32Array(4);
  let sm = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    sm = (sm + 0x9e3779b9) >>> 0;
    let z = Math.imul(sm ^ (sm >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    state[i] = z ^ (z >>> 16);
  }
  return () => {
    const [s0, s1] = state;
    const out = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const shifted = s1 << 9;
    state[2] ^= s0;
    state[3] ^= s1;
    state[1] ^= state[2];
    state[0] ^= state[3];
    state[2] ^= shifted;
    state[3] = rotl(state[3], 11);
    return out / 0x100000000;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export function resolveRng(opts: RandomOptions = {}): Rng {
  if (opts.rng) return opts.rng;
  return createRng(opts.seed ?? 0);
}

/** Uniform in [lo, hi). */
export function uniform(rng: Rng, lo = 0, hi = 1): number {
  return lo + (hi - lo) * rng();
}

/** Uniform integer in [0, n). */
export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Normal draw by Box–Muller, one value per two uniforms so a draw never depends on an earlier call. */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  let u = rng();
  while (u === 0) u = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function bernoulli(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Index drawn with probability proportional to `weights` (need not sum to 1). */
export function categorical(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  // Rounding can leave u a hair above 0 after the last weight: that is the last positive one.
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  throw new RangeError('categorical: all weights are zero');
}

/** Fisher–Yates permutation of 0..n-1. */
export function permutation(rng: Rng, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/**
 * Exactly `k` distinct indices of 0..n-1. Defects are planted with exact counts
 * (not a rate per row) so a lab can say "18 cholesterol zeros" and be right.
 */
export function pickIndices(rng: Rng, n: number, k: number): Int32Array {
  return permutation(rng, n).slice(0, Math.max(0, Math.min(n, k)));
}

/** Gamma(shape, scale) by Marsaglia–Tsang (2000); shape < 1 uses the boost U^(1/shape). */
export function gamma(rng: Rng, shape: number, scale = 1): number {
  if (shape < 1) return gamma(rng, shape + 1, scale) * rng() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(rng);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = rng();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v * scale;
  }
}

/** Log-normal with the given median and log-scale sd. */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}
