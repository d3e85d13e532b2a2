/** Multi-rank selection against a full sort, with duplicates, negatives and ties. */
import { describe, expect, it } from 'vitest';
import { linearQuantiles, orderStatistics } from '../../kernel/src/stats/index.js';
import { quantileSorted } from '../../kernel/src/data/columns.js';
import { rng } from './helpers.js';

describe('orderStatistics / linearQuantiles', () => {
  it('match a sorted copy at every requested rank and NumPy-linear quantile', () => {
    const r = rng(3);
    for (const n of [1, 2, 3, 10, 101, 5000]) {
      const x = Float64Array.from({ length: n }, () => Math.round((r() - 0.5) * 40) / 4 + 0); // + 0: no -0 (a sort orders it before 0)
      const sorted = x.slice().sort();
      const ranks = [...new Set([0, n >> 2, n >> 1, n - 1, Math.floor(r() * n)])].sort((a, b) => a - b);
      const at = orderStatistics(x.slice(), ranks);
      for (const k of ranks) expect(at.get(k)).toBe(sorted[k]);
      const ps = Array.from({ length: 11 }, (_, i) => i / 10);
      expect(linearQuantiles(x.slice(), ps)).toEqual(ps.map((p) => quantileSorted(sorted, p)));
    }
    expect(linearQuantiles(new Float64Array(0), [0.5])).toEqual([NaN]);
  });
});
