/**
 * The datasets' generator must give the kernel's stream for the same seed, so
 * that the kernel can import it from @tsml/datasets without changing any output.
 */
import { describe, expect, it } from 'vitest';
import { createRng as kernelRng } from '../../kernel/src/random/index.js';
import {
  categorical, createRng, gamma, normal, permutation, pickIndices, resolveRng,
} from '../../datasets/src/random.js';
import { mean, sd } from './stats.js';

describe('datasets random', () => {
  it('is the kernel generator, draw for draw', () => {
    for (const seed of [0, 1, 42, 2 ** 32 - 1, -7, 123456789]) {
      const a = createRng(seed);
      const b = kernelRng(seed);
      for (let i = 0; i < 1000; i++) expect(a()).toBe(b());
    }
  });

  it('draws in [0, 1), differs by seed, and rejects a non-finite seed', () => {
    const r = createRng(5);
    const v = Array.from({ length: 10_000 }, r);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThan(1);
    expect(mean(v)).toBeCloseTo(0.5, 1);
    expect(createRng(1)()).not.toBe(createRng(2)());
    expect(() => createRng(NaN)).toThrow(/finite/);
  });

  it('resolveRng: rng wins over seed, seed 0 by default', () => {
    const mine = () => 0.25;
    expect(resolveRng({ rng: mine, seed: 3 })).toBe(mine);
    expect(resolveRng()()).toBe(createRng(0)());
    expect(resolveRng({ seed: 9 })()).toBe(createRng(9)());
  });

  it('normal, gamma and categorical have the right moments and shares', () => {
    const r = createRng(11);
    const z = Array.from({ length: 50_000 }, () => normal(r, 3, 2));
    expect(mean(z)).toBeCloseTo(3, 1);
    expect(sd(z)).toBeCloseTo(2, 1);
    for (const shape of [0.5, 2.5]) {
      const g = Array.from({ length: 50_000 }, () => gamma(r, shape, 2));
      expect(mean(g) / (shape * 2)).toBeCloseTo(1, 1);
      expect(sd(g) / (Math.sqrt(shape) * 2)).toBeCloseTo(1, 1);
    }
    const counts = [0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[categorical(r, [1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / 60_000).toBeCloseTo(0.75, 2);
    expect(() => categorical(r, [0, 0])).toThrow(/zero/);
  });

  it('permutation and pickIndices give distinct indices', () => {
    const r = createRng(3);
    expect([...permutation(r, 100)].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const k = pickIndices(r, 50, 20);
    expect(new Set(k).size).toBe(20);
    expect(pickIndices(r, 5, 10).length).toBe(5);
  });
});
