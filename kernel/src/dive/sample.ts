/**
 * Seeded sampling and shuffling. The kernel and the panel both call
 * `sampleRows(n, k, seed)` and get the same rows, so a sampled Dive never
 * sends its row numbers: the seed is enough.
 */

/** splitmix32: a small, fast, well-mixed 32-bit generator; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

/** `k` of the rows 0..n-1, each equally likely, in increasing order (Knuth's selection sampling: one pass, no sort). */
export function sampleRows(n: number, k: number, seed: number): Uint32Array {
  if (!(k >= 0 && k <= n)) throw new RangeError(`sampleRows: cannot take ${k} of ${n} rows`);
  const out = new Uint32Array(k);
  if (k === n) {
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }
  const rand = seededRandom(seed);
  let taken = 0;
  for (let i = 0; i < n && taken < k; i++) {
    if (rand() * (n - i) < k - taken) out[taken++] = i;
  }
  return out;
}

/** A seeded permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n: number, seed: number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  const rand = seededRandom(seed ^ 0x5bd1e995);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p;
}

/** Position of table row `row` among sorted shown rows, or -1 when it is not shown. */
export function positionOf(rows: Uint32Array, row: number): number {
  let lo = 0, hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid] === row) return mid;
    if (rows[mid] < row) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}
