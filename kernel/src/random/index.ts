/**
 * Seeded randomness for reproducible labs. `seed(n)` seeds tsml's generator,
 * which table sampling, splits and dataset generators draw from, and also
 * replaces `Math.random` (TensorFlow.js derives the seeds of its initialisers
 * and random ops from `Math.random` when none is given), so a notebook reruns
 * identically. `seed()` with no argument restores the original `Math.random`.
 */

export type Rng = () => number;

/** xoshiro128** (Blackman & Vigna): fast, 128-bit state, passes BigCrush; state seeded by splitmix32. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix(), b = splitmix(), c = splitmix(), d = splitmix();
  return () => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r / 4294967296;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const nativeRandom = Math.random;
let current: Rng = nativeRandom;
let currentSeed: number | undefined;

/** Seeds every random draw tsml makes (and Math.random); `seed()` unseeds. */
export function seed(n?: number): void {
  if (n === undefined) {
    current = nativeRandom;
    currentSeed = undefined;
    Math.random = nativeRandom;
    return;
  }
  if (!Number.isFinite(n)) throw new TypeError(`seed must be a finite number, got ${n}`);
  currentSeed = n;
  current = createRng(n);
  Math.random = current;
}

export function currentSeedValue(): number | undefined {
  return currentSeed;
}

/** A generator for one operation: its own seed when given, else the global stream. */
export function rngFor(opSeed?: number): Rng {
  return opSeed === undefined ? current : createRng(opSeed);
}

/** A uniform integer in [0, n). */
export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** A standard normal draw (Box–Muller). */
export function randNormal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Fisher–Yates shuffle of 0..n-1. */
export function permutation(rng: Rng, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
