/** Virtual-scroll geometry and the page cache of the live table view (pure, tsml/tableview). */
import { describe, expect, it } from 'vitest';
import { firstRowAt, geometry, MAX_SCROLL_PX, PageCache, scrollTopFor } from '../../kernel/src/tableview/index.js';

describe('geometry', () => {
  it('maps scroll positions to rows one to one while all rows fit the scroll area', () => {
    const g = geometry(1000, 24, 16);
    expect(g.height).toBe(24_000);
    expect(firstRowAt(g, 0)).toBe(0);
    expect(firstRowAt(g, 24 * 37 + 5)).toBe(37);
    expect(scrollTopFor(g, 37)).toBe(24 * 37);
    // The last screen starts at row 984 and scrolling further changes nothing.
    expect(firstRowAt(g, g.height - 16 * 24)).toBe(984);
    expect(firstRowAt(g, 1e9)).toBe(984);
    expect(firstRowAt(g, -50)).toBe(0);
  });

  it('scales 100 million rows into the largest scroll area browsers lay out, first and last row reachable', () => {
    const g = geometry(100_000_000, 24, 16);
    expect(g.height).toBe(MAX_SCROLL_PX);
    const range = g.height - 16 * 24;
    expect(firstRowAt(g, 0)).toBe(0);
    expect(firstRowAt(g, range)).toBe(100_000_000 - 16);
    expect(firstRowAt(g, range / 2)).toBeCloseTo(50_000_000 - 8, -3);
    for (const row of [0, 12_345_678, 99_999_984]) {
      // One pixel spans ~12.5 rows here: a scroll position lands within a pixel's worth of rows.
      expect(Math.abs(firstRowAt(g, scrollTopFor(g, row)) - row)).toBeLessThanOrEqual(13);
    }
  });

  it('handles tables shorter than the viewport and empty ones', () => {
    const g = geometry(5, 24, 5);
    expect(firstRowAt(g, 500)).toBe(0);
    const e = geometry(0, 24, 0);
    expect(e.height).toBe(0);
    expect(firstRowAt(e, 10)).toBe(0);
  });
});

describe('PageCache', () => {
  it('requests each missing page once, serves rows from stored pages', () => {
    const c = new PageCache<number>(100, 10);
    c.reset('[]');
    expect(c.request(-50, 230, 1000)).toEqual([{ start: 0, count: 100 }, { start: 100, count: 100 }, { start: 200, count: 100 }]);
    expect(c.request(0, 230, 1000)).toEqual([]); // already asked for
    expect(c.request(950, 2000, 1000)).toEqual([{ start: 900, count: 100 }]);
    expect(c.get(150)).toBeUndefined();
    expect(c.put('[]', 100, Array.from({ length: 100 }, (_, i) => 100 + i))).toBe(true);
    expect(c.get(150)).toBe(150);
    expect(c.request(0, 5, 1000)).toEqual([]);
    c.forgetPending();
    expect(c.request(0, 5, 1000)).toEqual([{ start: 0, count: 100 }]);
  });

  it('the last page is short; nothing is asked of an empty table', () => {
    const c = new PageCache<number>(100);
    expect(c.request(0, 300, 250)).toEqual([{ start: 0, count: 100 }, { start: 100, count: 100 }, { start: 200, count: 50 }]);
    expect(c.request(0, 10, 0)).toEqual([]);
  });

  it('drops replies for another key and starts afresh when the key changes', () => {
    const c = new PageCache<string>(2);
    c.reset('a');
    c.request(0, 1, 10);
    c.reset('b');
    expect(c.put('a', 0, ['x', 'y'])).toBe(false);
    expect(c.get(0)).toBeUndefined();
    expect(c.request(0, 1, 10)).toEqual([{ start: 0, count: 2 }]);
    expect(c.reset('b')).toBe(false);
  });

  it('keeps at most maxPages, dropping the least recently used', () => {
    const c = new PageCache<number>(10, 3);
    for (const s of [0, 10, 20]) c.put('', s, Array(10).fill(s));
    c.get(0); // page 0 is now the most recently used
    c.put('', 30, Array(10).fill(30));
    expect(c.get(10)).toBeUndefined();
    expect([c.get(0), c.get(20), c.get(30)]).toEqual([0, 20, 30]);
  });
});
