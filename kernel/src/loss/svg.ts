/**
 * The static fallback: the same charts as the panel, as inline SVG with no
 * script, so a saved notebook shows its final curves on GitHub, nbviewer and
 * after `tsml run`. Polylines are thinned to what a pixel column can show.
 */
import { chartGeometry, type ChartGeometry, type DrawOptions } from './geometry.js';
import { legendEntries, type LossModel } from './model.js';
import { formatValue } from './scale.js';
import { runLine } from './text.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]);

export const CHART_BOX = { width: 320, height: 190 };

const r = (v: number) => Math.round(v * 10) / 10;

/** Keeps, per pixel column, the first, lowest, highest and last point: the drawn shape does not change. */
export function thin(points: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while (i < points.length) {
    const col = Math.round(points[i][0]);
    let j = i;
    let lo = i;
    let hi = i;
    while (j < points.length && Math.round(points[j][0]) === col) {
      if (points[j][1] < points[lo][1]) lo = j;
      if (points[j][1] > points[hi][1]) hi = j;
      j++;
    }
    for (const k of [...new Set([i, lo, hi, j - 1])].sort((a, b) => a - b)) out.push(points[k]);
    i = j;
  }
  return out;
}

const poly = (pts: [number, number][], stroke: string, width: number, opacity: number, dashed = false) =>
  pts.length ? `<polyline points="${thin(pts).map(([x, y]) => `${r(x)},${r(y)}`).join(' ')}" fill="none" stroke="${stroke}" stroke-width="${width}" stroke-opacity="${opacity}"${dashed ? ' stroke-dasharray="4 3"' : ''}/>` : '';

const txt = (x: number, y: number, s: string, anchor = 'start', extra = '') =>
  `<text x="${r(x)}" y="${r(y)}" font-size="10" fill="#555" text-anchor="${anchor}"${extra}>${esc(s)}</text>`;

function axes(g: ChartGeometry, metric: string, xLabel: string): string {
  const { plot } = g;
  const parts = [`<rect x="${plot.left}" y="${plot.top}" width="${r(plot.right - plot.left)}" height="${r(plot.bottom - plot.top)}" fill="none" stroke="#ccc"/>`];
  for (const t of g.y.ticks(4)) {
    const py = g.y(t);
    if (py < plot.top - 0.5 || py > plot.bottom + 0.5) continue;
    parts.push(`<line x1="${plot.left}" x2="${r(plot.right)}" y1="${r(py)}" y2="${r(py)}" stroke="#eee"/>`, txt(plot.left - 3, py + 3, formatValue(t), 'end'));
  }
  for (const t of g.x.ticks(5)) {
    const px = g.x(t);
    if (px < plot.left - 0.5 || px > plot.right + 0.5) continue;
    parts.push(txt(px, plot.bottom + 12, formatValue(t), 'middle'));
  }
  if (g.lr) for (const t of g.lr.ticks(3)) {
    const py = g.lr(t);
    if (py >= plot.top - 0.5 && py <= plot.bottom + 0.5) parts.push(txt(plot.right + 3, py + 3, formatValue(t)));
  }
  parts.push(txt(plot.left, 12, metric + (g.lr ? '  (lr: right axis, dashed)' : ''), 'start', ' font-weight="bold"'), txt(plot.right, g.box.height - 2, xLabel, 'end'));
  return parts.join('');
}

export function chartSvg(model: LossModel, index: number, opts: DrawOptions): string {
  const chart = model.charts[index];
  const g = chartGeometry(chart, CHART_BOX, opts);
  const parts: string[] = [axes(g, chart.metric, model.xLabel)];
  for (const l of g.lines) {
    if (l.band.length) parts.push(`<path d="${l.band.map(([x, a, b]) => `M${r(x)} ${r(a)}V${r(b)}`).join('')}" stroke="${l.line.color}" stroke-opacity="0.25"/>`);
    parts.push(poly(l.raw, l.line.color, 1, 0.3, l.line.dashed));
    parts.push(poly(l.smooth, l.line.color, 1.6, 1, l.line.dashed));
    for (const o of l.outliers) parts.push(`<path d="M${r(o.x)} ${o.edge === 'top' ? g.plot.top : g.plot.bottom}l-3 ${o.edge === 'top' ? 5 : -5}h6z" fill="${l.line.color}"/>`);
  }
  for (const l of g.lrLines) parts.push(poly(l.points, l.line.color, 1, 0.8, true));
  if (model.marker && index === 0) {
    const px = g.x(model.marker.x);
    parts.push(`<line x1="${r(px)}" x2="${r(px)}" y1="${g.plot.top}" y2="${g.plot.bottom}" stroke="#d62728" stroke-dasharray="2 2"/>`, txt(px + 3, g.plot.top + 10, model.marker.label));
  }
  const label = `${chart.metric} by ${model.xLabel}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_BOX.width}" height="${CHART_BOX.height}" viewBox="0 0 ${CHART_BOX.width} ${CHART_BOX.height}" role="img" aria-label="${esc(label)}" font-family="sans-serif">${parts.join('')}</svg>`;
}

function legend(model: LossModel): string {
  return legendEntries(model).map((e) => `<span style="margin-right:12px"><span style="display:inline-block;width:14px;height:0;border-top:2px ${e.dashed ? 'dashed' : 'solid'} ${e.color};vertical-align:middle;margin-right:4px"></span>${esc(e.name)}</span>`).join('');
}

/** The whole static output: title, one line per run, legend and the charts side by side. */
export function lossHtml(model: LossModel, opts: Partial<DrawOptions> = {}): string {
  const draw: DrawOptions = { smoothing: opts.smoothing ?? model.smoothing, logY: opts.logY ?? model.logY, xLog: model.xLog };
  const runs = model.runs.map((run) => `<div>${esc(runLine(run))}</div>`).join('');
  const charts = model.charts.map((_, i) => chartSvg(model, i, draw)).join('');
  const title = model.title ? `<div style="font-weight:bold">${esc(model.title)}</div>` : '';
  return `<div class="tsml-loss-static" style="font:12px sans-serif">${title}${runs}<div style="margin:4px 0">${legend(model)}</div><div style="display:flex;flex-wrap:wrap;gap:8px">${charts}</div></div>`;
}
