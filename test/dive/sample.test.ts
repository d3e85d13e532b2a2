/** Seeded sampling and shuffles: the kernel and the panel must agree on the sample from the seed alone. */
import { describe, expect, it } from 'vitest';
import { permutation, positionOf, sampleRows } from '../../kernel/src/dive/index.js';

describe('sampleRows', () => {
  it('takes k distinct rows in increasing order, the same for the same seed', () => {
    const a = sampleRows(100_000, 1000, 7);
    expect(a).toHaveLength(1000);
    for (let i = 1; i < a.length; i++) expect(a[i]).toBeGreaterThan(a[i - 1]);
    expect(a[a.length - 1]).toBeLessThan(100_000);
    expect(Array.from(sampleRows(100_000, 1000, 7))).toEqual(Array.from(a));
    expect(Array.from(sampleRows(100_000, 1000, 8))).not.toEqual(Array.from(a));
  });

  it('is uniform: each tenth of the rows gets about a tenth of the sample', () => {
    const s = sampleRows(1_000_000, 100_000, 3);
    const deciles = new Array(10).fill(0);
    for (const r of s) deciles[Math.floor(r / 100_000)]++;
    // Binomial sd ≈ 95; 5 sd.
    for (const d of deciles) expect(Math.abs(d - 10_000)).toBeLessThan(475);
  });

  it('all rows when k = n; rejects k > n', () => {
    expect(Array.from(sampleRows(5, 5, 1))).toEqual([0, 1, 2, 3, 4]);
    expect(() => sampleRows(5, 6, 1)).toThrow(/cannot take 6 of 5/);
  });

  it('positionOf finds a row among the sample, -1 when not sampled', () => {
    const s = sampleRows(1000, 100, 1);
    expect(positionOf(s, s[42])).toBe(42);
    const missing = [...Array(1000).keys()].find((r) => !s.includes(r))!;
    expect(positionOf(s, missing)).toBe(-1);
  });
});

describe('permutation', () => {
  it('is a seeded permutation of 0..n-1', () => {
    const p = permutation(10_000, 5);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual([...Array(10_000).keys()]);
    expect(Array.from(permutation(10_000, 5))).toEqual(Array.from(p));
    // Not the identity, and a fair shuffle moves nearly everything.
    expect(p.filter((v, i) => v === i).length).toBeLessThan(20);
  });
});
