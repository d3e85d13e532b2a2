/**
 * Draws one metric's chart on a canvas from the shared geometry (tsml/loss),
 * the same picture as the static SVG. The canvas element is kept for the
 * panel's life; each frame repaints it whole (a few thousand points), which a
 * canvas shows at once — nothing is re-mounted, nothing flickers.
 */
import { chartGeometry, formatValue, type ChartGeometry, type DrawOptions, type LossChart } from 'tsml/loss';

export const BOX = { width: 340, height: 200 };

export interface Theme {
  text: string;
  grid: string;
  frame: string;
  font: string;
}

export function themeOf(node: HTMLElement): Theme {
  const css = getComputedStyle(node);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { text: v('--jp-ui-font-color2', '#616161'), grid: v('--jp-border-color3', '#eeeeee'), frame: v('--jp-border-color2', '#bdbdbd'), font: v('--jp-ui-font-family', 'sans-serif') };
}

/** Sizes the backing store for the screen's pixel ratio once per size change. */
export function fitCanvas(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(BOX.width * ratio);
  const h = Math.round(BOX.height * ratio);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${BOX.width}px`;
    canvas.style.height = `${BOX.height}px`;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

function path(ctx: CanvasRenderingContext2D, pts: [number, number][]): void {
  ctx.beginPath();
  pts.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  ctx.stroke();
}

function axes(ctx: CanvasRenderingContext2D, g: ChartGeometry, title: string, xLabel: string, theme: Theme): void {
  const { plot } = g;
  ctx.font = `10px ${theme.font}`;
  ctx.lineWidth = 1;
  ctx.fillStyle = theme.text;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (const t of g.y.ticks(4)) {
    const py = Math.round(g.y(t)) + 0.5;
    if (py < plot.top - 0.5 || py > plot.bottom + 0.5) continue;
    ctx.strokeStyle = theme.grid;
    path(ctx, [[plot.left, py], [plot.right, py]]);
    ctx.fillText(formatValue(t), plot.left - 4, py);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of g.x.ticks(5)) {
    const px = g.x(t);
    if (px >= plot.left - 0.5 && px <= plot.right + 0.5) ctx.fillText(formatValue(t), px, plot.bottom + 4);
  }
  if (g.lr) {
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    for (const t of g.lr.ticks(3)) {
      const py = g.lr(t);
      if (py >= plot.top - 0.5 && py <= plot.bottom + 0.5) ctx.fillText(formatValue(t), plot.right + 4, py);
    }
  }
  ctx.strokeStyle = theme.frame;
  ctx.strokeRect(plot.left + 0.5, plot.top + 0.5, plot.right - plot.left - 1, plot.bottom - plot.top - 1);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.font = `bold 11px ${theme.font}`;
  ctx.fillText(title + (g.lr ? '   lr → right axis' : ''), plot.left, 12);
  ctx.font = `10px ${theme.font}`;
  ctx.textAlign = 'right';
  ctx.fillText(xLabel, plot.right, g.box.height - 2);
}

export function drawChart(canvas: HTMLCanvasElement, chart: LossChart, opts: DrawOptions & { xLabel: string; marker?: { x: number; label: string } }, theme: Theme): ChartGeometry {
  const ctx = fitCanvas(canvas);
  ctx.clearRect(0, 0, BOX.width, BOX.height);
  const g = chartGeometry(chart, BOX, opts);
  axes(ctx, g, chart.metric, opts.xLabel, theme);
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.plot.left, g.plot.top - 1, g.plot.right - g.plot.left, g.plot.bottom - g.plot.top + 2);
  ctx.clip();
  for (const l of g.lines) {
    ctx.setLineDash(l.line.dashed ? [4, 3] : []);
    ctx.strokeStyle = l.line.color;
    ctx.globalAlpha = 0.25;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const [x, a, b] of l.band) {
      ctx.moveTo(x, a);
      ctx.lineTo(x, b);
    }
    ctx.stroke();
    ctx.globalAlpha = 0.3;
    path(ctx, l.raw);
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1.6;
    path(ctx, l.smooth);
    ctx.fillStyle = l.line.color;
    for (const o of l.outliers) {
      const y = o.edge === 'top' ? g.plot.top : g.plot.bottom;
      ctx.beginPath();
      ctx.moveTo(o.x, y);
      ctx.lineTo(o.x - 3, y + (o.edge === 'top' ? 5 : -5));
      ctx.lineTo(o.x + 3, y + (o.edge === 'top' ? 5 : -5));
      ctx.fill();
    }
  }
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  for (const l of g.lrLines) {
    ctx.strokeStyle = l.line.color;
    ctx.globalAlpha = 0.8;
    path(ctx, l.points);
  }
  ctx.globalAlpha = 1;
  if (opts.marker) {
    const px = g.x(opts.marker.x);
    ctx.strokeStyle = '#d62728';
    ctx.setLineDash([2, 2]);
    path(ctx, [[px, g.plot.top], [px, g.plot.bottom]]);
    ctx.fillStyle = '#d62728';
    ctx.fillText(opts.marker.label, px + 3, g.plot.top + 10);
  }
  ctx.restore();
  ctx.setLineDash([]);
  return g;
}

/** The hover cross-hair over a drawn chart. */
export function drawCrosshair(canvas: HTMLCanvasElement, g: ChartGeometry, px: number, theme: Theme): void {
  const ctx = canvas.getContext('2d')!;
  ctx.save();
  ctx.strokeStyle = theme.text;
  ctx.globalAlpha = 0.5;
  ctx.setLineDash([3, 3]);
  path(ctx, [[Math.round(px) + 0.5, g.plot.top], [Math.round(px) + 0.5, g.plot.bottom]]);
  ctx.restore();
}
