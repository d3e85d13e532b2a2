/**
 * Points into an RGBA pixel buffer, without a GPU: the kernel's PNG snapshot
 * (the static fallback) and the panel's canvas-2D fallback both draw with it,
 * so the saved image looks like the live view. Cells get a faint background
 * and scatter gridlines; text is left to the caller (SVG or canvas).
 */
import { toScreen, type Camera, type Viewport } from './camera.js';
import { cellOrigin, pointPixels, sizeFactor, type DiveLayout } from './layout.js';

export interface RasterTheme {
  background: string;
  cell: string;
  grid: string;
}

export const LIGHT_RASTER: RasterTheme = { background: '#ffffff', cell: '#f3f4f6', grid: '#dfe3e8' };

function rgba(hex: string): number {
  const v = parseInt(hex.slice(1), 16);
  // Little-endian RGBA as one uint32.
  return (0xff << 24) | ((v & 255) << 16) | (((v >> 8) & 255) << 8) | ((v >> 16) & 255);
}

export interface RasterOptions {
  theme?: RasterTheme;
  /** Draw only these rows (e.g. a sample), in this order. Default: every row in draw order. */
  rows?: ArrayLike<number>;
  /** The fitted scale, for scatter points that grow with zoom (default: the camera's). */
  fitScale?: number;
  /** Per-row flags (bit 0: selected); with `dimTo`, unselected rows fade towards that colour. */
  flags?: Uint8Array;
  dimTo?: string;
  /** Leave the background transparent and skip cells (the panel draws them on a canvas below). */
  pointsOnly?: boolean;
}

/** Draws the layout as the camera sees it into `pixels` (width × height × 4 bytes, CSS pixels = device pixels). */
export function rasterize(layout: DiveLayout, cam: Camera, vp: Viewport, pixels: Uint8Array | Uint8ClampedArray, opts: RasterOptions = {}): void {
  const { width: w, height: h } = vp;
  const px = new Uint32Array(pixels.buffer, pixels.byteOffset, w * h);
  const theme = opts.theme ?? LIGHT_RASTER;
  px.fill(opts.pointsOnly ? 0 : rgba(theme.background));
  const cells = layout.cellStart.length - 1;
  const fillRect = (x0: number, y0: number, x1: number, y1: number, color: number) => {
    const a = Math.max(0, Math.round(x0)), b = Math.min(w, Math.round(x1));
    const c = Math.max(0, Math.round(y0)), d = Math.min(h, Math.round(y1));
    for (let y = c; y < d; y++) px.fill(color, y * w + a, y * w + Math.max(a, b));
  };
  const cellColor = rgba(theme.cell), gridColor = rgba(theme.grid);
  for (let c = 0; c < cells && !opts.pointsOnly; c++) {
    const [ox, oy] = cellOrigin(layout, c);
    const [x0, y0] = toScreen(cam, vp, ox, oy);
    const [x1, y1] = toScreen(cam, vp, ox + layout.cellW, oy + layout.cellH);
    fillRect(x0, y0, x1, y1, cellColor);
    if (!layout.axes) continue;
    for (const t of layout.axes.x.ticks) {
      const gx = x0 + t.t * (x1 - x0);
      if (t.t >= 0 && t.t <= 1) fillRect(gx, y0, gx + 1, y1, gridColor);
    }
    for (const t of layout.axes.y.ticks) {
      const gy = y1 - t.t * (y1 - y0);
      if (t.t >= 0 && t.t <= 1) fillRect(x0, gy, x1, gy + 1, gridColor);
    }
  }
  const palette = new Uint32Array(256), dimmed = new Uint32Array(256);
  const pal = layout.colors.palette;
  const dim = opts.dimTo ? rgba(opts.dimTo) : 0;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * 0.82);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = [pal[i * 4], pal[i * 4 + 1], pal[i * 4 + 2]];
    palette[i] = (0xff << 24) | (b << 16) | (g << 8) | r;
    dimmed[i] = (0xff << 24) | (mix(b, (dim >> 16) & 255) << 16) | (mix(g, (dim >> 8) & 255) << 8) | mix(r, dim & 255);
  }
  const flags = opts.dimTo ? opts.flags : undefined;
  const base = pointPixels(layout, cam.scale, opts.fitScale ?? cam.scale);
  const round = layout.mode === 'scatter';
  const rows = opts.rows ?? layout.drawOrder;
  const C = layout.cols.labels.length;
  const stepX = layout.cellW + layout.gapX, stepY = layout.cellH + layout.gapY;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const c = layout.cell[i];
    const r = Math.floor(c / C);
    const sx = (c - r * C) * stepX + layout.x[i], sy = r * stepY + layout.y[i];
    const cx = (sx - cam.cx) * cam.scale + w / 2, cy = (sy - cam.cy) * cam.scale + h / 2;
    const size = Math.max(1, layout.sizes ? base * sizeFactor(layout.sizes[i]) : base);
    const color = (flags && !(flags[i] & 1) ? dimmed : palette)[layout.colors.index[i]];
    if (size < 1.5) {
      const x = Math.floor(cx), y = Math.floor(cy);
      if (x >= 0 && x < w && y >= 0 && y < h) px[y * w + x] = color;
      continue;
    }
    const half = size / 2;
    const x0 = Math.max(0, Math.round(cx - half)), x1 = Math.min(w, Math.round(cx + half));
    const y0 = Math.max(0, Math.round(cy - half)), y1 = Math.min(h, Math.round(cy + half));
    const r2 = half * half;
    for (let y = y0; y < y1; y++) {
      const dy = y + 0.5 - cy;
      for (let x = x0; x < x1; x++) {
        const dx = x + 0.5 - cx;
        if (!round || dx * dx + dy * dy <= r2) px[y * w + x] = color;
      }
    }
  }
}
