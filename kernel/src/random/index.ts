/**
 * Seeded randomness for reproducible labs. `seed(n)` seeds tsml's generator,
 * which table sampling, splits and dataset generators draw from, and also
 * replaces `Math.random` (TensorFlow.js derives the seeds of its initialisers
 * and random ops from `Math.random` when none is given), so a notebook reruns
 * identically. `seed()` with no argument restores the original `Math.random`.
 */

import { createRng, type Rng } from '@tsml/datasets/random';

// One generator for the kernel and the dataset generators, so `seed(n)` means the same stream everywhere.
export { createRng, randInt, permutation, normal, type Rng } from '@tsml/datasets/random';

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
