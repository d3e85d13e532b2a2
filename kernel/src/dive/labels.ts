/**
 * The text around the points, as positioned items that SVG (static fallback)
 * and canvas (live panel) both draw: facet headers that stick to the edges
 * while zoomed in, and scatter tick labels where a cell is large enough on
 * screen. Widths are estimated (about 6.2 px per character of an 11 px UI
 * font), which is enough to truncate and to avoid overlaps.
 */
import { toScreen, type Camera, type Viewport } from './camera.js';
import { cellOrigin, type DiveLayout } from './layout.js';

export interface TextItem {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  kind: 'facet' | 'tick';
  /** Full text when `text` was shortened. */
  title?: string;
}

export const CHAR_PX = 6.2;
const ROW_LABEL_MAX = 140;
const Y_TICKS_PX = 40;

type Frame = Pick<DiveLayout, 'mode' | 'rows' | 'cols' | 'cellW' | 'cellH' | 'gapX' | 'gapY' | 'axes'>;

/** Shortens `s` to fit `px` pixels, with an ellipsis. */
export function fit(s: string, px: number): string {
  const max = Math.floor(px / CHAR_PX);
  if (s.length <= max) return s;
  return max <= 1 ? '' : `${s.slice(0, max - 1)}…`;
}

/** Screen margins kept free for headers and ticks. */
export function marginsFor(layout: Frame): Viewport['margin'] {
  const rowLabels = layout.rows.feature ? Math.min(ROW_LABEL_MAX, 12 + CHAR_PX * Math.max(...layout.rows.labels.map((l) => l.length))) : 0;
  const scatter = layout.mode === 'scatter';
  return {
    left: 8 + rowLabels + (scatter ? Y_TICKS_PX : 0),
    top: layout.cols.feature ? 22 : 8,
    right: 10,
    bottom: scatter ? 22 : 8,
  };
}

export function frameLabels(layout: Frame, cam: Camera, vp: Viewport): TextItem[] {
  const out: TextItem[] = [];
  const R = layout.rows.labels.length, C = layout.cols.labels.length;
  const scatter = layout.mode === 'scatter' && layout.axes;
  const corner = (c: number) => {
    const [ox, oy] = cellOrigin(layout, c);
    const [x0, y0] = toScreen(cam, vp, ox, oy);
    const [x1, y1] = toScreen(cam, vp, ox + layout.cellW, oy + layout.cellH);
    return { x0, y0, x1, y1 };
  };
  const gridTop = corner(0).y0, gridLeft = corner(0).x0;
  if (layout.cols.feature) {
    const y = Math.max(14, gridTop - (scatter ? 8 : 6));
    for (let k = 0; k < C; k++) {
      const { x0, x1 } = corner(k);
      if (x1 < 0 || x0 > vp.width) continue;
      const label = layout.cols.labels[k];
      const text = fit(label, Math.max(0, x1 - x0 - 4));
      if (text) out.push({ x: (Math.max(x0, 0) + Math.min(x1, vp.width)) / 2, y, text, anchor: 'middle', kind: 'facet', title: text !== label ? label : undefined });
    }
  }
  if (layout.rows.feature) {
    const room = vp.margin.left - 12 - (scatter ? Y_TICKS_PX : 0);
    const x = Math.max(room + 4, gridLeft - 6 - (scatter ? Y_TICKS_PX : 0));
    for (let r = 0; r < R; r++) {
      const { y0, y1 } = corner(r * C);
      if (y1 < 0 || y0 > vp.height) continue;
      const label = layout.rows.labels[r];
      const text = fit(label, room);
      if (text) out.push({ x, y: (Math.max(y0, 0) + Math.min(y1, vp.height)) / 2 + 4, text, anchor: 'end', kind: 'facet', title: text !== label ? label : undefined });
    }
  }
  if (scatter) out.push(...tickLabels(layout, cam, vp, corner));
  return out;
}

function tickLabels(layout: Frame, cam: Camera, vp: Viewport, corner: (c: number) => { x0: number; y0: number; x1: number; y1: number }): TextItem[] {
  const out: TextItem[] = [];
  const R = layout.rows.labels.length, C = layout.cols.labels.length;
  const axes = layout.axes!;
  const gapPxY = layout.gapY * cam.scale, gapPxX = layout.gapX * cam.scale;
  for (let c = 0; c < R * C; c++) {
    const r = Math.floor(c / C), k = c - r * C;
    const { x0, y0, x1, y1 } = corner(c);
    if (x1 < 0 || x0 > vp.width || y1 < 0 || y0 > vp.height) continue;
    const w = x1 - x0, h = y1 - y0;
    // Ticks under every cell when the gap below has room for them, else under the bottom row only.
    if (w >= 60 && (r === R - 1 || gapPxY >= 16)) {
      const room = w / Math.max(1, axes.x.ticks.length);
      for (const t of axes.x.ticks) {
        const x = x0 + t.t * w;
        if (x < vp.margin.left - 20 || x > vp.width) continue;
        const text = fit(t.label, Math.max(room, 24));
        if (text) out.push({ x, y: Math.min(y1 + 13, vp.height - 4), text, anchor: 'middle', kind: 'tick' });
      }
    }
    if (h >= 40 && (k === 0 || gapPxX >= Y_TICKS_PX)) {
      for (const t of axes.y.ticks) {
        const y = y1 - t.t * h + 4;
        if (y < 0 || y > vp.height) continue;
        const text = fit(t.label, Y_TICKS_PX - 6);
        if (text) out.push({ x: Math.max(x0 - 5, Y_TICKS_PX - 4), y, text, anchor: 'end', kind: 'tick' });
      }
    }
  }
  return out;
}
