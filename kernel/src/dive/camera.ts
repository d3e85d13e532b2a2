/**
 * The view onto the world: a centre (world units, float64) and a scale
 * (CSS pixels per world unit). Pure, so zoom and pan are tested without a browser.
 */
import type { DiveLayout } from './layout.js';

export interface Camera {
  cx: number;
  cy: number;
  scale: number;
}

/** The canvas in CSS pixels, with margins kept free for labels. */
export interface Viewport {
  width: number;
  height: number;
  margin: { left: number; top: number; right: number; bottom: number };
}

/** The world box every point lies in, gutters for missing values included. */
export function worldBounds(layout: Pick<DiveLayout, 'mode' | 'width' | 'height' | 'cellH'>): [number, number, number, number] {
  if (layout.mode === 'scatter') return [-0.09, 0, layout.width, layout.height + 0.09 * layout.cellH];
  return [0, 0, layout.width, layout.height];
}

export function fitCamera(bounds: [number, number, number, number], vp: Viewport): Camera {
  const [x0, y0, x1, y1] = bounds;
  const { left, top, right, bottom } = vp.margin;
  const w = Math.max(1, vp.width - left - right), h = Math.max(1, vp.height - top - bottom);
  const scale = Math.min(w / Math.max(x1 - x0, 1e-9), h / Math.max(y1 - y0, 1e-9));
  // Centre of the free area, in world units, sits on the centre of the bounds.
  const cx = (x0 + x1) / 2 - (left - right) / 2 / scale;
  const cy = (y0 + y1) / 2 - (top - bottom) / 2 / scale;
  return { cx, cy, scale };
}

export function toScreen(cam: Camera, vp: Viewport, wx: number, wy: number): [number, number] {
  return [(wx - cam.cx) * cam.scale + vp.width / 2, (wy - cam.cy) * cam.scale + vp.height / 2];
}

export function toWorld(cam: Camera, vp: Viewport, sx: number, sy: number): [number, number] {
  return [(sx - vp.width / 2) / cam.scale + cam.cx, (sy - vp.height / 2) / cam.scale + cam.cy];
}

/** Zooms by `factor` keeping the world point under (sx, sy) in place; the scale stays within [min, max]. */
export function zoomAt(cam: Camera, vp: Viewport, factor: number, sx: number, sy: number, limits: { min: number; max: number }): Camera {
  const scale = Math.max(limits.min, Math.min(limits.max, cam.scale * factor));
  const [wx, wy] = toWorld(cam, vp, sx, sy);
  return { scale, cx: wx - (sx - vp.width / 2) / scale, cy: wy - (sy - vp.height / 2) / scale };
}

export function panBy(cam: Camera, dx: number, dy: number): Camera {
  return { ...cam, cx: cam.cx - dx / cam.scale, cy: cam.cy - dy / cam.scale };
}

/** Zoom limits around the fitted scale: out to half of it, in far enough to read one point's label. */
export function zoomLimits(fit: Camera): { min: number; max: number } {
  return { min: fit.scale / 2, max: fit.scale * 1e6 };
}

/** The world rectangle the viewport shows. */
export function visibleWorld(cam: Camera, vp: Viewport): [number, number, number, number] {
  const [x0, y0] = toWorld(cam, vp, 0, 0);
  const [x1, y1] = toWorld(cam, vp, vp.width, vp.height);
  return [x0, y0, x1, y1];
}
