/** The layout: facet cells, stacked grids, scatter positions, draw order and what a view change recomputes. */
import { describe, expect, it } from 'vitest';
import {
  cellOrigin, DEFAULT_VIEW, diveLayout, encodeColumn, LayoutCache, resolveView, viewColumns, type DiveColumn, type DiveLayout,
} from '../../kernel/src/dive/index.js';
import type { DiveView } from '../../kernel/src/mime/dive.js';

const N = 2000;
const data = {
  age: Array.from({ length: N }, (_, i) => 17 + ((i * 7) % 74)),
  hours: Array.from({ length: N }, (_, i) => (i % 13 === 0 ? null : 1 + ((i * 11) % 99))),
  sex: Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 'Female' : 'Male')),
  income: Array.from({ length: N }, (_, i) => (i % 4 === 0 ? '>50K' : '<=50K')),
};
const columns = new Map<string, DiveColumn>(Object.entries(data).map(([k, v]) => [k, encodeColumn(k, v)]));
const infos = [...columns.values()].map((c) => c.info);
const layoutOf = (view: Partial<DiveView>, cache?: LayoutCache, aspect = 1.6) => diveLayout({ n: N, columns, view: resolveView(infos, view), aspect }, cache);

function worldXY(l: DiveLayout, i: number): [number, number] {
  const [ox, oy] = cellOrigin(l, l.cell[i]);
  return [ox + l.x[i], oy + l.y[i]];
}

describe('facets', () => {
  it('a point’s cell is its row bucket × columns + its column bucket; counts add up', () => {
    const l = layoutOf({ row: 'income', column: 'sex' });
    expect(l.rows.labels).toEqual(['<=50K', '>50K']);
    expect(l.cols.labels).toEqual(['Female', 'Male']);
    for (let i = 0; i < N; i++) {
      const r = data.income[i] === '>50K' ? 1 : 0, c = data.sex[i] === 'Male' ? 1 : 0;
      expect(l.cell[i]).toBe(r * 2 + c);
    }
    const sizes = Array.from({ length: 4 }, (_, c) => l.cellStart[c + 1] - l.cellStart[c]);
    expect(sizes.reduce((a, b) => a + b)).toBe(N);
    // drawOrder groups each cell's rows together, every row once.
    for (let c = 0; c < 4; c++) for (let k = l.cellStart[c]; k < l.cellStart[c + 1]; k++) expect(l.cell[l.drawOrder[k]]).toBe(c);
    expect(new Set(l.drawOrder).size).toBe(N);
  });
});

describe('stacked', () => {
  it('every point sits inside its cell, none overlap, and all cells share one grid', () => {
    const l = layoutOf({ row: 'income', column: 'sex', sort: 'age' });
    expect(l.mode).toBe('stack');
    const seen = new Set<string>();
    for (let i = 0; i < N; i++) {
      expect(l.x[i]).toBeGreaterThan(0);
      expect(l.x[i]).toBeLessThan(l.cellW);
      expect(l.y[i]).toBeGreaterThan(0);
      expect(l.y[i]).toBeLessThan(l.cellH);
      const key = `${l.cell[i]}:${Math.round(l.x[i] * l.perRow * 2)}:${Math.round(l.y[i] * l.perRow * 2)}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    expect(l.point.unit).toBe('world');
    expect(l.point.size).toBeLessThan(1 / l.perRow);
  });

  it('fills bottom-up, left to right, in sort order', () => {
    const l = layoutOf({ sort: 'age' });
    const rows = [...Array(N).keys()].sort((a, b) => {
      const [ax, ay] = [l.x[a], l.y[a]], [bx, by] = [l.x[b], l.y[b]];
      return by - ay || ax - bx; // bottom row first, then left to right
    });
    const ages = rows.map((i) => data.age[i]);
    expect(ages).toEqual([...ages].sort((a, b) => a - b));
    // Stable: equal ages keep row order.
    for (let k = 1; k < N; k++) if (ages[k] === ages[k - 1]) expect(rows[k]).toBeGreaterThan(rows[k - 1]);
  });

  it('the grid has about the aspect it was asked for', () => {
    const wide = layoutOf({}, undefined, 2);
    expect(wide.width / wide.height).toBeGreaterThan(1.6);
    expect(wide.width / wide.height).toBeLessThan(2.5);
  });
});

describe('scatter', () => {
  it('x and y map linearly onto the cell; missing y goes to the gutter below it', () => {
    const l = layoutOf({ x: 'age', y: 'hours', column: 'sex' });
    expect(l.mode).toBe('scatter');
    expect(l.point.unit).toBe('pixel');
    const i17 = data.age.indexOf(17), i90 = data.age.indexOf(90);
    expect(l.x[i90] - l.x[i17]).toBeCloseTo(0.92, 5);
    const { min: hMin, max: hMax } = columns.get('hours')!.info as { min: number; max: number };
    for (let i = 0; i < 50; i++) {
      const t = (data.age[i] - 17) / 73;
      expect(l.x[i]).toBeCloseTo(0.04 + 0.92 * t, 5);
      if (data.hours[i] === null) expect(l.y[i]).toBeGreaterThan(l.cellH);
      else expect(l.cellH - l.y[i]).toBeCloseTo(l.cellH * (0.04 + 0.92 * ((data.hours[i]! - hMin) / (hMax - hMin))), 4);
    }
    expect(l.axes!.x.ticks.map((t) => t.label)).toEqual(['20', '40', '60', '80']);
    expect(l.axes!.y.ticks.at(-1)!.label).toBe('n/a');
  });

  it('the same value lands on the same spot in every facet', () => {
    const l = layoutOf({ x: 'age', y: 'hours', column: 'sex' });
    const a = [...Array(N).keys()].find((i) => data.sex[i] === 'Female' && data.age[i] === 30 && data.hours[i] !== null)!;
    const b = [...Array(N).keys()].find((i) => data.sex[i] === 'Male' && data.age[i] === 30)!;
    expect(l.x[a]).toBe(l.x[b]);
    const [wa] = worldXY(l, a), [wb] = worldXY(l, b);
    expect(wb - wa).toBeCloseTo(l.cellW + l.gapX, 9);
  });

  it('a category on an axis gives bands with jitter', () => {
    const l = layoutOf({ x: 'income', y: 'age' });
    const bands = l.axes!.x.ticks;
    expect(bands.map((t) => t.label)).toEqual(['<=50K', '>50K']);
    for (let i = 0; i < 100; i++) {
      const center = bands[data.income[i] === '>50K' ? 1 : 0].t;
      expect(Math.abs(l.x[i] - center)).toBeLessThan(0.92 * 0.35 / 2 + 1e-6);
    }
  });
});

describe('view changes recompute only what they touch', () => {
  it('recolouring reuses positions; re-faceting reuses the sort and the colours', () => {
    const cache = new LayoutCache();
    const a = layoutOf({ sort: 'age', color: 'income', row: 'sex' }, cache);
    const b = layoutOf({ sort: 'age', color: 'sex', row: 'sex' }, cache);
    expect(b.x).toBe(a.x);
    expect(b.cell).toBe(a.cell);
    expect(b.colors).not.toBe(a.colors);
    const c = layoutOf({ sort: 'age', color: 'sex', row: 'income' }, cache);
    expect(c.colors).toBe(b.colors);
    expect(c.cell).not.toBe(b.cell);
  });
});

describe('view options', () => {
  it('names the unknown column and lists the table’s', () => {
    expect(() => resolveView(infos, { color: 'incme' })).toThrow("unknown column 'incme' for color; the table has: age, hours, sex, income");
    expect(() => resolveView(infos, { size: 'sex' })).toThrow(/size needs a numeric column/);
    expect(() => resolveView(infos, { bins: 0 })).toThrow(/bins must be a whole number from 1 to 100/);
    expect(() => resolveView(infos, { layout: 'grid' as never })).toThrow(/layout must be 'stack' or 'scatter'/);
  });

  it('x or y alone means scatter; scatter alone takes the first numeric columns', () => {
    expect(resolveView(infos, { x: 'age' }).layout).toBe('scatter');
    expect(resolveView(infos, { layout: 'scatter' })).toMatchObject({ x: 'age', y: 'hours' });
    expect(resolveView(infos, {})).toEqual(DEFAULT_VIEW);
    expect(viewColumns(resolveView(infos, { x: 'age', y: 'hours', color: 'income', row: 'sex', sort: 'age' }))).toEqual(['sex', 'income', 'age', 'hours']);
  });
});
