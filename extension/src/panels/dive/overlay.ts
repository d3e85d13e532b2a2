/**
 * The two 2D canvases around the points: below them the cells (and scatter
 * gridlines), above them the text (facet headers, ticks, point labels), the
 * hover ring and the selection being drawn. Colours come from JupyterLab's
 * theme variables, read when the theme changes.
 */
import {
  cellOrigin, frameLabels, pointPixels, rowsInView, toScreen, valueAt, worldOf, type Camera, type DiveColumn, type DiveLayout,
  type TileIndex, type Viewport,
} from 'tsml/dive';

export interface Theme {
  background: string;
  cell: string;
  grid: string;
  text: string;
  muted: string;
  accent: string;
  ring: string;
}

export function readTheme(node: HTMLElement): Theme {
  const css = getComputedStyle(node);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--jp-layout-color0', '#ffffff'),
    cell: v('--jp-layout-color2', '#eeeeee'),
    grid: v('--jp-border-color2', '#e0e0e0'),
    text: v('--jp-ui-font-color1', '#333333'),
    muted: v('--jp-ui-font-color2', '#666666'),
    accent: v('--jp-brand-color1', '#1976d2'),
    ring: v('--jp-ui-font-color0', '#000000'),
  };
}

/** A CSS colour as 0–1 RGB (any syntax the browser accepts). */
export function rgbOf(color: string): [number, number, number] {
  const c = document.createElement('canvas').getContext('2d')!;
  c.fillStyle = color;
  const hex = c.fillStyle as string;
  if (hex.startsWith('#')) {
    const n = parseInt(hex.slice(1, 7), 16);
    return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
  }
  const m = hex.match(/[\d.]+/g) ?? ['0', '0', '0'];
  return [Number(m[0]) / 255, Number(m[1]) / 255, Number(m[2]) / 255];
}

export function prepare(canvas: HTMLCanvasElement, vp: Viewport, dpr: number): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, vp.width, vp.height);
  return ctx;
}

export function drawCells(ctx: CanvasRenderingContext2D, layout: DiveLayout, cam: Camera, vp: Viewport, theme: Theme): void {
  const cells = layout.cellStart.length - 1;
  for (let c = 0; c < cells; c++) {
    const [ox, oy] = cellOrigin(layout, c);
    const [x0, y0] = toScreen(cam, vp, ox, oy);
    const [x1, y1] = toScreen(cam, vp, ox + layout.cellW, oy + layout.cellH);
    if (x1 < 0 || y1 < 0 || x0 > vp.width || y0 > vp.height) continue;
    ctx.fillStyle = theme.cell;
    ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
    if (!layout.axes) continue;
    ctx.strokeStyle = theme.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const t of layout.axes.x.ticks) {
      if (t.t < 0 || t.t > 1) continue;
      const x = Math.round(x0 + t.t * (x1 - x0)) + 0.5;
      ctx.moveTo(x, Math.max(0, y0));
      ctx.lineTo(x, Math.min(vp.height, y1));
    }
    for (const t of layout.axes.y.ticks) {
      if (t.t < 0 || t.t > 1) continue;
      const y = Math.round(y1 - t.t * (y1 - y0)) + 0.5;
      ctx.moveTo(Math.max(0, x0), y);
      ctx.lineTo(Math.min(vp.width, x1), y);
    }
    ctx.stroke();
  }
}

export type Shape = { kind: 'box'; a: [number, number]; b: [number, number] } | { kind: 'lasso'; points: [number, number][] };

export interface FrontState {
  hover: number;
  shape: Shape | null;
  label: DiveColumn | null;
  fit: number;
}

const FONT = '11px var(--jp-ui-font-family, system-ui, sans-serif)';

export function drawFront(ctx: CanvasRenderingContext2D, layout: DiveLayout, tiles: TileIndex, cam: Camera, vp: Viewport, theme: Theme, s: FrontState): void {
  ctx.font = FONT;
  ctx.textBaseline = 'alphabetic';
  if (s.label) drawPointLabels(ctx, layout, tiles, cam, vp, theme, s);
  for (const t of frameLabels(layout, cam, vp)) {
    ctx.fillStyle = t.kind === 'tick' ? theme.muted : theme.text;
    ctx.textAlign = t.anchor === 'middle' ? 'center' : t.anchor === 'end' ? 'right' : 'left';
    ctx.fillText(t.text, t.x, t.y);
  }
  if (s.hover >= 0) {
    const [x, y] = toScreen(cam, vp, ...worldOf(layout, s.hover));
    const r = Math.max(4, pointPixels(layout, cam.scale, s.fit) / 2 + 3);
    ctx.strokeStyle = theme.ring;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.stroke();
  }
  if (s.shape) {
    ctx.strokeStyle = theme.accent;
    ctx.fillStyle = `${theme.accent}`;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([5, 3]);
    ctx.beginPath();
    if (s.shape.kind === 'box') {
      const [ax, ay] = s.shape.a, [bx, by] = s.shape.b;
      ctx.rect(Math.min(ax, bx), Math.min(ay, by), Math.abs(bx - ax), Math.abs(by - ay));
    } else {
      s.shape.points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      ctx.closePath();
    }
    ctx.globalAlpha = 0.08;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

/** Labels once readable: on stacked points when they are large enough, beside scatter points when few are in view. */
function drawPointLabels(ctx: CanvasRenderingContext2D, layout: DiveLayout, tiles: TileIndex, cam: Camera, vp: Viewport, theme: Theme, s: FrontState): void {
  const size = pointPixels(layout, cam.scale, s.fit);
  const stacked = layout.mode === 'stack';
  if (stacked && size < 22) return;
  const rows = rowsInView(layout, tiles, cam, vp, 400);
  if (!rows) return;
  ctx.fillStyle = theme.text;
  ctx.textAlign = stacked ? 'center' : 'left';
  for (const row of rows) {
    const v = valueAt(s.label!, row);
    let text = v === null ? '–' : String(v);
    const room = stacked ? size - 4 : 120;
    if (text.length * 6.2 > room) text = text.slice(0, Math.max(1, Math.floor(room / 6.2) - 1)) + '…';
    const [x, y] = toScreen(cam, vp, ...worldOf(layout, row));
    if (stacked) {
      ctx.fillText(text, x, y + 4);
    } else {
      ctx.fillText(text, x + size / 2 + 3, y + 4);
    }
  }
}
