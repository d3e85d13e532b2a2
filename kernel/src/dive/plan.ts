/**
 * Which points a frame draws. Cells off screen are skipped. A frame may be
 * drawn in passes of at most `budget` points, each pass taking the next slice
 * of every visible cell's rows (rows are in random order inside a cell, so
 * every slice is a fair sample and the picture fills in evenly). While the
 * view moves only the first pass is drawn; when it rests, the passes follow
 * until every point is on screen, without one long frame blocking the page.
 */
import { toScreen, type Camera, type Viewport } from './camera.js';
import { cellOrigin, type DiveLayout } from './layout.js';

type Cells = Pick<DiveLayout, 'cellStart' | 'cols' | 'cellW' | 'cellH' | 'gapX' | 'gapY'>;

/** Cells whose box (with the scatter gutters) meets the viewport, and how many rows they hold. */
export function visibleCells(layout: Cells, cam: Camera, vp: Viewport, pad = 40): { cells: number[]; total: number } {
  const cells: number[] = [];
  let total = 0;
  const n = layout.cellStart.length - 1;
  for (let c = 0; c < n; c++) {
    const [ox, oy] = cellOrigin(layout, c);
    const [x0, y0] = toScreen(cam, vp, ox - 0.1 * layout.cellW, oy - 0.1 * layout.cellH);
    const [x1, y1] = toScreen(cam, vp, ox + 1.1 * layout.cellW, oy + 1.1 * layout.cellH);
    if (x1 < -pad || y1 < -pad || x0 > vp.width + pad || y0 > vp.height + pad) continue;
    cells.push(c);
    total += layout.cellStart[c + 1] - layout.cellStart[c];
  }
  return { cells, total };
}

export interface Pass {
  /** [first, count] ranges into the draw order. */
  ranges: [number, number][];
  count: number;
  /** No pass follows this one. */
  last: boolean;
  /** Where the next pass starts (the fraction this one reached). */
  hi: number;
}

/**
 * The slice [lo, hi) (fractions of each visible cell's rows) of a frame drawn in passes:
 * consecutive passes take consecutive slices, so every row is drawn exactly once
 * even when the pass size changes from one pass to the next.
 */
export function passRanges(layout: Pick<DiveLayout, 'cellStart'>, cells: number[], lo: number, hi: number): Pass {
  const last = hi >= 1;
  const ranges: [number, number][] = [];
  let count = 0;
  for (const c of cells) {
    const start = layout.cellStart[c], len = layout.cellStart[c + 1] - start;
    const from = start + Math.floor(len * lo), to = last ? start + len : start + Math.floor(len * hi);
    if (to <= from) continue;
    const prev = ranges[ranges.length - 1];
    if (prev && prev[0] + prev[1] === from) prev[1] += to - from;
    else ranges.push([from, to - from]);
    count += to - from;
  }
  return { ranges, count, last, hi };
}

/** How far the next pass reaches: `budget` more points out of `total`. */
export function nextSlice(lo: number, budget: number, total: number): number {
  return total <= 0 ? 1 : Math.min(1, lo + budget / total);
}
