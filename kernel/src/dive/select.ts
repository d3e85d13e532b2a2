/**
 * What the pointer hits: the nearest point under the cursor, the points inside
 * a dragged box or lasso, and the points in view (for labels). Screen-space
 * tests, so a selection is exactly what the user drew.
 */
import { toScreen, toWorld, type Camera, type Viewport } from './camera.js';
import type { DiveLayout } from './layout.js';
import { forEachNear, worldOf, type TileIndex } from './tiles.js';

type Geometry = Parameters<typeof forEachNear>[0];

/** Nearest row whose centre is within `radius` CSS pixels of (sx, sy), or -1. */
export function pickRow(layout: Geometry, tiles: TileIndex, cam: Camera, vp: Viewport, sx: number, sy: number, radius: number): number {
  const [wx, wy] = toWorld(cam, vp, sx, sy);
  const r = radius / cam.scale;
  let best = -1, bestD = r * r;
  forEachNear(layout, tiles, [wx - r, wy - r, wx + r, wy + r], (row) => {
    const [px, py] = worldOf(layout, row);
    const d = (px - wx) ** 2 + (py - wy) ** 2;
    // Ties (points on the same spot) go to the lower row number, so a click always names the same row.
    if (d < bestD || (d === bestD && row < best)) { bestD = d; best = row; }
  });
  return best;
}

function sorted(rows: number[]): Uint32Array {
  return Uint32Array.from(rows).sort();
}

/** Rows whose centres fall inside the screen rectangle (any two corners). */
export function rowsInRect(layout: Geometry, tiles: TileIndex, cam: Camera, vp: Viewport, a: [number, number], b: [number, number]): Uint32Array {
  const [sx0, sx1] = a[0] < b[0] ? [a[0], b[0]] : [b[0], a[0]];
  const [sy0, sy1] = a[1] < b[1] ? [a[1], b[1]] : [b[1], a[1]];
  const [wx0, wy0] = toWorld(cam, vp, sx0, sy0);
  const [wx1, wy1] = toWorld(cam, vp, sx1, sy1);
  const out: number[] = [];
  forEachNear(layout, tiles, [wx0, wy0, wx1, wy1], (row) => {
    const [px, py] = worldOf(layout, row);
    if (px >= wx0 && px <= wx1 && py >= wy0 && py <= wy1) out.push(row);
  });
  return sorted(out);
}

/**
 * The polygon filled into a mask of its bounding box, one byte per pixel (even-odd rule,
 * pixel centres), so testing a point is one lookup however many vertices the lasso has.
 */
export function polygonMask(poly: [number, number][]): { x0: number; y0: number; w: number; h: number; mask: Uint8Array } {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of poly) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  x0 = Math.floor(x0); y0 = Math.floor(y0);
  const w = Math.max(1, Math.ceil(x1) - x0 + 1), h = Math.max(1, Math.ceil(y1) - y0 + 1);
  const mask = new Uint8Array(w * h);
  const xs: number[] = [];
  for (let row = 0; row < h; row++) {
    const y = y0 + row + 0.5;
    xs.length = 0;
    for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      const [xi, yi] = poly[i], [xj, yj] = poly[j];
      if ((yi > y) !== (yj > y)) xs.push(xi + ((y - yi) / (yj - yi)) * (xj - xi));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(xs[k] - x0 - 0.5)), to = Math.min(w - 1, Math.floor(xs[k + 1] - x0 - 0.5));
      for (let col = from; col <= to; col++) mask[row * w + col] = 1;
    }
  }
  return { x0, y0, w, h, mask };
}

/** Rows whose centres fall inside the lasso (screen coordinates). */
export function rowsInPolygon(layout: Geometry, tiles: TileIndex, cam: Camera, vp: Viewport, poly: [number, number][]): Uint32Array {
  if (poly.length < 3) return new Uint32Array(0);
  const m = polygonMask(poly);
  const [wx0, wy0] = toWorld(cam, vp, m.x0, m.y0);
  const [wx1, wy1] = toWorld(cam, vp, m.x0 + m.w, m.y0 + m.h);
  const out: number[] = [];
  forEachNear(layout, tiles, [wx0, wy0, wx1, wy1], (row) => {
    const [px, py] = worldOf(layout, row);
    const [sx, sy] = toScreen(cam, vp, px, py);
    const col = Math.floor(sx - m.x0), r = Math.floor(sy - m.y0);
    if (col >= 0 && col < m.w && r >= 0 && r < m.h && m.mask[r * m.w + col]) out.push(row);
  });
  return sorted(out);
}

/** Up to `limit` rows whose centres are in view (for labels); null when more are in view. */
export function rowsInView(layout: Geometry, tiles: TileIndex, cam: Camera, vp: Viewport, limit: number): number[] | null {
  const rect = [...toWorld(cam, vp, 0, 0), ...toWorld(cam, vp, vp.width, vp.height)] as [number, number, number, number];
  const out: number[] = [];
  let over = false;
  forEachNear(layout, tiles, rect, (row) => {
    const [px, py] = worldOf(layout, row);
    if (px < rect[0] || px > rect[2] || py < rect[1] || py > rect[3]) return;
    out.push(row);
    if (out.length > limit) { over = true; return false; }
  });
  return over ? null : out;
}


