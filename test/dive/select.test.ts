/** Camera, picking, box and lasso selection, and the wire encoding of row sets. */
import { describe, expect, it } from 'vitest';
import {
  buildTiles, decodeRows, diveLayout, encodeColumn, encodeRows, fitCamera, pickRow, polygonMask, resolveView, rowsInPolygon, rowsInRect,
  rowsInView, toScreen, toWorld, worldBounds, worldOf, zoomAt, type Camera, type DiveColumn, type Viewport,
} from '../../kernel/src/dive/index.js';

const vp: Viewport = { width: 800, height: 500, margin: { left: 50, top: 20, right: 10, bottom: 20 } };

describe('camera', () => {
  it('fits the bounds into the free area, centred', () => {
    const cam = fitCamera([0, 0, 10, 5], vp);
    const [x0, y0] = toScreen(cam, vp, 0, 0);
    const [x1, y1] = toScreen(cam, vp, 10, 5);
    // Limited by width (740 / 10 = 74 px per unit) → 370 px high, centred in the 460 px free height.
    expect(cam.scale).toBeCloseTo(74, 9);
    expect(x0).toBeCloseTo(50, 9);
    expect(x1).toBeCloseTo(790, 9);
    expect((y0 + y1) / 2).toBeCloseTo(20 + 460 / 2, 9);
  });

  it('zooming keeps the point under the cursor still, and stays precise a million times in', () => {
    let cam: Camera = fitCamera([0, 0, 10, 5], vp);
    const limits = { min: 1, max: 1e12 };
    const [wx, wy] = toWorld(cam, vp, 321, 123);
    for (let k = 0; k < 40; k++) cam = zoomAt(cam, vp, 1.5, 321, 123, limits);
    const [sx, sy] = toScreen(cam, vp, wx, wy);
    expect(sx).toBeCloseTo(321, 6);
    expect(sy).toBeCloseTo(123, 6);
    expect(cam.scale).toBeGreaterThan(74 * 1e6);
    expect(zoomAt(cam, vp, 1e9, 0, 0, limits).scale).toBe(1e12);
  });
});

describe('picking and selection', () => {
  const N = 3000;
  const columns = new Map<string, DiveColumn>([
    ['x', encodeColumn('x', Array.from({ length: N }, (_, i) => (i * 37) % 1000 / 10))],
    ['y', encodeColumn('y', Array.from({ length: N }, (_, i) => (i * 91) % 997 / 10))],
    ['g', encodeColumn('g', Array.from({ length: N }, (_, i) => (i % 3 ? 'a' : 'b')))],
  ]);
  const view = resolveView([...columns.values()].map((c) => c.info), { x: 'x', y: 'y', column: 'g' });
  const layout = diveLayout({ n: N, columns, view, aspect: 1.6 });
  const tiles = buildTiles(layout);
  const cam = fitCamera(worldBounds(layout), vp);
  const screen = (i: number) => toScreen(cam, vp, ...worldOf(layout, i));

  it('tiles hold every row once', () => {
    expect(tiles.rows.length).toBe(N);
    expect(new Set(tiles.rows).size).toBe(N);
  });

  it('picks the nearest point to the cursor, none when nothing is near', () => {
    for (const i of [0, 5, 1234, 2999]) {
      const [sx, sy] = screen(i);
      const got = pickRow(layout, tiles, cam, vp, sx + 0.2, sy - 0.2, 4);
      const [gx, gy] = screen(got);
      expect(Math.hypot(gx - sx - 0.2, gy - sy + 0.2)).toBeLessThanOrEqual(Math.hypot(0.2, 0.2) + 1e-9);
    }
    expect(pickRow(layout, tiles, cam, vp, 2, 2, 4)).toBe(-1);
  });

  it('a box selects exactly the points whose centres are inside it', () => {
    const a: [number, number] = [120, 80], b: [number, number] = [400, 300];
    const got = rowsInRect(layout, tiles, cam, vp, b, a);
    const want = [...Array(N).keys()].filter((i) => { const [sx, sy] = screen(i); return sx >= 120 && sx <= 400 && sy >= 80 && sy <= 300; });
    expect(Array.from(got)).toEqual(want);
    expect(want.length).toBeGreaterThan(100);
  });

  it('a lasso selects the points inside the polygon (even-odd), as a brute-force test does', () => {
    // Off-integer vertices, so no pixel centre lies exactly on an edge (where either answer is right).
    const poly: [number, number][] = [[100.3, 60.2], [500.7, 90.1], [300.2, 200.6], [520.4, 420.3], [140.6, 380.2], [220.1, 220.4]];
    const inside = (x: number, y: number) => {
      let c = false;
      for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
        const [xi, yi] = poly[i], [xj, yj] = poly[j];
        if ((yi > y) !== (yj > y) && x < xi + ((y - yi) / (yj - yi)) * (xj - xi)) c = !c;
      }
      return c;
    };
    const got = new Set(rowsInPolygon(layout, tiles, cam, vp, poly));
    let disagree = 0;
    for (let i = 0; i < N; i++) {
      const [sx, sy] = screen(i);
      // The mask tests pixel centres: only points within a pixel of an edge may differ.
      if (got.has(i) !== inside(sx, sy) && inside(Math.floor(sx) + 0.5, Math.floor(sy) + 0.5) !== got.has(i)) disagree++;
    }
    expect(disagree).toBe(0);
    expect(got.size).toBeGreaterThan(100);
  });

  it('polygonMask fills a square exactly', () => {
    const m = polygonMask([[10, 10], [20, 10], [20, 20], [10, 20]]);
    expect(m.mask.reduce((s, v) => s + v, 0)).toBe(100);
  });

  it('rowsInView lists the points on screen, or null above the limit', () => {
    expect(rowsInView(layout, tiles, cam, vp, 10)).toBeNull();
    const zoomed = { ...cam, scale: cam.scale * 200 };
    const rows = rowsInView(layout, tiles, zoomed, vp, 1000)!;
    for (const i of rows) {
      const [sx, sy] = toScreen(zoomed, vp, ...worldOf(layout, i));
      expect(sx >= 0 && sx <= vp.width && sy >= 0 && sy <= vp.height).toBe(true);
    }
  });
});

describe('row sets on the wire', () => {
  const total = 1_000_000;
  it('contiguous rows travel as ranges', () => {
    const rows = Uint32Array.from({ length: 200_000 }, (_, i) => 100 + i);
    const e = encodeRows(rows, total);
    expect(e.encoding).toBe('ranges');
    expect(e.bytes.byteLength).toBe(8);
    expect(Array.from(decodeRows(e.encoding, e.bytes, total))).toEqual(Array.from(rows));
  });

  it('a scattered half travels as a bitset, a few rows as indices', () => {
    const half = Uint32Array.from({ length: total / 2 }, (_, i) => i * 2 + (i % 7 === 0 ? 1 : 0));
    const e = encodeRows(half, total);
    expect(e.encoding).toBe('bitset');
    expect(e.bytes.byteLength).toBe(total / 8);
    expect(Array.from(decodeRows(e.encoding, e.bytes, total))).toEqual(Array.from(half));
    const few = Uint32Array.of(3, 70, 999_999);
    const f = encodeRows(few, total);
    expect(f.encoding).toBe('indices');
    expect(Array.from(decodeRows(f.encoding, f.bytes, total))).toEqual([3, 70, 999_999]);
  });

  it('rejects rows out of order or out of range, both ways', () => {
    expect(() => encodeRows(Uint32Array.of(5, 3), 10)).toThrow(/sorted/);
    expect(() => encodeRows(Uint32Array.of(10), 10)).toThrow(/beyond the 10 rows/);
    expect(() => decodeRows('indices', new Uint8Array(Uint32Array.of(4, 2).buffer), 10)).toThrow(/out of order/);
    expect(() => decodeRows('indices', new Uint8Array(3), 10)).toThrow(/whole number of uint32/);
  });
});
