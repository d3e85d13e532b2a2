/** Small numeric helpers shared by the generators. */

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Rounds to `digits` decimals, as the real files store their values (e.g. 0.1 for a budget). */
export function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Names x0, x1, … for generators whose features are anonymous. */
export function featureNames(count: number, prefix = 'x'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

export function requirePositiveInt(name: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}
