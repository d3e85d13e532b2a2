/** Facet buckets: equal-width bins as numpy.histogram counts them, values with "other" and "missing", nothing dropped. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng, normal } from '@tsml/datasets/random';
import { bucketsOf, categoryBuckets, encodeCategories, encodeNumbers, niceTicks, numberBuckets, type CategoryColumn } from '../../kernel/src/dive/index.js';

const PY = join(process.cwd(), '.venv', 'bin', 'python');

function numpyHistogram(values: number[], bins: number): number[] {
  const code = 'import json,sys,numpy as np; d=json.load(sys.stdin); print(json.dumps(np.histogram(np.array(d["v"]), bins=d["b"])[0].tolist()))';
  return JSON.parse(execFileSync(PY, ['-c', code], { input: JSON.stringify({ v: values, b: bins }), encoding: 'utf8' }));
}

describe('numeric facets', () => {
  it('equal-width bins count what numpy.histogram counts (last bin closed)', () => {
    const rng = createRng(11);
    const values = Array.from({ length: 5000 }, () => normal(rng, 3, 2));
    for (const bins of [1, 7, 10, 25]) {
      const b = numberBuckets(encodeNumbers('x', values), bins);
      expect(b.labels).toHaveLength(bins);
      expect(Array.from(b.counts)).toEqual(numpyHistogram(values, bins));
    }
  });

  it('labels say each bin’s interval', () => {
    const b = numberBuckets(encodeNumbers('x', [0, 2.5, 10]), 4);
    expect(b.labels).toEqual(['[0, 2.5)', '[2.5, 5)', '[5, 7.5)', '[7.5, 10]']);
    expect(Array.from(b.codes)).toEqual([0, 1, 3]);
  });

  it('an integer column with no more values than bins gets one bucket per value, empty ones included', () => {
    const b = numberBuckets(encodeNumbers('kids', [0, 1, 1, 4, 2]), 10);
    expect(b.labels).toEqual(['0', '1', '2', '3', '4']);
    expect(Array.from(b.counts)).toEqual([1, 2, 1, 0, 1]);
  });

  it('−∞, +∞ and missing get buckets of their own at the ends', () => {
    const b = numberBuckets(encodeNumbers('x', [1, 2, -Infinity, Infinity, NaN, null, 3.5]), 2);
    expect(b.labels).toEqual(['−∞', '[1, 2.25)', '[2.25, 3.5]', '+∞', '(missing)']);
    expect(Array.from(b.codes)).toEqual([1, 1, 0, 3, 4, 4, 2]);
  });

  it('a constant column is one bucket; an all-missing column only the missing one', () => {
    expect(numberBuckets(encodeNumbers('x', [5, 5, 5]), 10).labels).toEqual(['5']);
    const none = numberBuckets(encodeNumbers('x', [NaN, null]), 10);
    expect(none.labels).toEqual(['(missing)']);
    expect(Array.from(none.codes)).toEqual([0, 0]);
  });
});

describe('categorical facets', () => {
  it('keeps the most frequent values, in natural order, then "(other)" and "(missing)"', () => {
    const values = ['b', 'a', 'c', 'b', null, 'a', 'b', 'd', 'item10', 'item9', 'item9'];
    const b = categoryBuckets(encodeCategories('x', values) as CategoryColumn, 4);
    // Top 4 by frequency: b (3), a (2), item9 (2), then c/d/item10 (1 each, ties by value → c).
    expect(b.labels).toEqual(['a', 'b', 'c', 'item9', '(other)', '(missing)']);
    expect(Array.from(b.counts)).toEqual([2, 3, 1, 2, 2, 1]);
    const byLabel = values.map((v, i) => b.labels[b.codes[i]]);
    expect(byLabel).toEqual(['b', 'a', 'c', 'b', '(missing)', 'a', 'b', '(other)', '(other)', 'item9', 'item9']);
  });

  it('numbers inside labels sort naturally (item9 before item10)', () => {
    const b = categoryBuckets(encodeCategories('x', ['item10', 'item9', 'item1']) as CategoryColumn, 10);
    expect(b.labels).toEqual(['item1', 'item9', 'item10']);
  });

  it('500 k distinct values facet into 10 + "(other)"', () => {
    const n = 500_000;
    const col = encodeCategories('name', Array.from({ length: n }, (_, i) => `name-${i}`));
    const b = bucketsOf(col, n, { bins: 10, values: 10 });
    expect(b.labels).toHaveLength(11);
    expect(b.counts[10]).toBe(n - 10);
  });

  it('no column: one bucket holding every row', () => {
    const b = bucketsOf(null, 4, { bins: 10, values: 10 });
    expect(b.labels).toEqual(['']);
    expect(Array.from(b.counts)).toEqual([4]);
  });
});

describe('niceTicks', () => {
  it('steps of 1, 2 or 5 × 10^k inside the range', () => {
    expect(niceTicks(17, 90, 5)).toEqual([20, 40, 60, 80]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.1, 0.35, 5)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(NaN, 1)).toEqual([]);
  });
});
