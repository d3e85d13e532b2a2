/**
 * A uniform grid of tiles over each facet cell, so hover, click, labels and
 * selection look at the points near a place instead of all of them. Built in
 * one counting pass; about 16 points per tile.
 */
import { cellOrigin, type DiveLayout } from './layout.js';

export interface TileIndex {
  /** Tiles across and down in each cell. */
  gx: Uint16Array;
  gy: Uint16Array;
  /** First tile of each cell (cells + 1 entries). */
  base: Uint32Array;
  /** Where each tile's rows start in `rows` (tiles + 1 entries). */
  start: Uint32Array;
  rows: Uint32Array;
}

type Geometry = Pick<DiveLayout, 'cell' | 'x' | 'y' | 'cellW' | 'cellH' | 'cellStart' | 'cols' | 'gapX' | 'gapY'>;

const clampTile = (v: number, k: number) => (v < 0 ? 0 : v >= k ? k - 1 : v);

export function buildTiles(layout: Geometry): TileIndex {
  const cells = layout.cellStart.length - 1;
  const gx = new Uint16Array(cells), gy = new Uint16Array(cells), base = new Uint32Array(cells + 1);
  for (let c = 0; c < cells; c++) {
    const m = layout.cellStart[c + 1] - layout.cellStart[c];
    const across = Math.sqrt((m / 16) * (layout.cellW / layout.cellH));
    gx[c] = Math.max(1, Math.min(1024, Math.round(across)));
    gy[c] = Math.max(1, Math.min(1024, Math.round((m / 16) / Math.max(1, across))));
    base[c + 1] = base[c] + gx[c] * gy[c];
  }
  const n = layout.cell.length;
  const tileOf = new Uint32Array(n);
  const start = new Uint32Array(base[cells] + 1);
  for (let i = 0; i < n; i++) {
    const c = layout.cell[i];
    const tx = clampTile(Math.floor((layout.x[i] / layout.cellW) * gx[c]), gx[c]);
    const ty = clampTile(Math.floor((layout.y[i] / layout.cellH) * gy[c]), gy[c]);
    const t = base[c] + ty * gx[c] + tx;
    tileOf[i] = t;
    start[t + 1]++;
  }
  for (let t = 0; t < base[cells]; t++) start[t + 1] += start[t];
  const fill = start.slice(0, base[cells]);
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[fill[tileOf[i]]++] = i;
  return { gx, gy, base, start, rows };
}

/**
 * Calls `visit(row)` for every row in a tile that overlaps the world rectangle
 * (a superset of the rows inside it: callers test positions themselves).
 */
export function forEachNear(layout: Geometry, tiles: TileIndex, rect: [number, number, number, number], visit: (row: number) => boolean | void): void {
  const [x0, y0, x1, y1] = rect;
  const cells = tiles.gx.length;
  // Points may sit a little outside their cell (the scatter gutters for missing values).
  const padX = 0.1 * layout.cellW, padY = 0.1 * layout.cellH;
  for (let c = 0; c < cells; c++) {
    const [ox, oy] = cellOrigin(layout, c);
    if (ox - padX > x1 || ox + layout.cellW + padX < x0 || oy - padY > y1 || oy + layout.cellH + padY < y0) continue;
    const gx = tiles.gx[c], gy = tiles.gy[c];
    const tx0 = clampTile(Math.floor(((x0 - ox) / layout.cellW) * gx), gx), tx1 = clampTile(Math.floor(((x1 - ox) / layout.cellW) * gx), gx);
    const ty0 = clampTile(Math.floor(((y0 - oy) / layout.cellH) * gy), gy), ty1 = clampTile(Math.floor(((y1 - oy) / layout.cellH) * gy), gy);
    for (let ty = ty0; ty <= ty1; ty++) {
      for (let tx = tx0; tx <= tx1; tx++) {
        const t = tiles.base[c] + ty * gx + tx;
        for (let k = tiles.start[t]; k < tiles.start[t + 1]; k++) if (visit(tiles.rows[k]) === false) return;
      }
    }
  }
}

/** World position of a row's centre. */
export function worldOf(layout: Geometry, row: number): [number, number] {
  const [ox, oy] = cellOrigin(layout, layout.cell[row]);
  return [ox + layout.x[row], oy + layout.y[row]];
}
