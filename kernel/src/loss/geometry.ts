/**
 * Where everything goes in one metric's chart, in pixels: shared by the static
 * SVG fallback and the panel's canvas, so both draw the same picture. Pure.
 */
import { debiasedEma } from './ema.js';
import type { Bucket } from './decimate.js';
import type { ChartLine, LossChart } from './model.js';
import { robustRange } from './range.js';
import { scale, type Scale } from './scale.js';

export interface Box {
  width: number;
  height: number;
}

export const MARGIN = { left: 46, right: 10, rightWithLr: 46, top: 18, bottom: 24 };

export interface LineGeometry {
  line: ChartLine;
  /** Faint raw series: the last value of every bucket. */
  raw: [number, number][];
  /** Faint min–max band of buckets that hold several points: [x, yMin, yMax]. */
  band: [number, number, number][];
  /** The smoothed line. */
  smooth: [number, number][];
  /** Smoothed values (data units), parallel to the line's buckets, for the read-out. */
  smoothValues: number[];
  /** x (px) of points outside the y range, and at which edge they are marked. */
  outliers: { x: number; edge: 'top' | 'bottom' }[];
}

export interface ChartGeometry {
  box: Box;
  plot: { left: number; top: number; right: number; bottom: number };
  x: Scale;
  y: Scale;
  lr?: Scale;
  lines: LineGeometry[];
  lrLines: { line: ChartLine; points: [number, number][] }[];
}

export interface DrawOptions {
  smoothing: number;
  logY: boolean;
  xLog?: boolean;
}

function xDomain(lines: ChartLine[], log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of lines) for (const b of l.buckets) {
    if (log && b.x <= 0) continue;
    lo = Math.min(lo, b.x);
    hi = Math.max(hi, b.x);
  }
  if (!Number.isFinite(lo)) return log ? [1e-4, 1] : [0, 1];
  if (log) return hi > lo ? [lo, hi] : [lo / 2, hi * 2];
  return [Math.min(0, lo), hi > 0 ? hi : 1];
}

const smoothOf = (buckets: Bucket[], w: number) => debiasedEma(buckets.map((b) => b.mean), w, buckets.map((b) => b.n));

export function chartGeometry(chart: LossChart, box: Box, opts: DrawOptions): ChartGeometry {
  const hasLr = chart.lr.some((l) => l.buckets.length > 0);
  const plot = { left: MARGIN.left, top: MARGIN.top, right: box.width - (hasLr ? MARGIN.rightWithLr : MARGIN.right), bottom: box.height - MARGIN.bottom };
  const x = scale(xDomain([...chart.lines, ...chart.lr], Boolean(opts.xLog)), [plot.left, plot.right], Boolean(opts.xLog));
  const smoothed = chart.lines.map((l) => smoothOf(l.buckets, opts.smoothing));
  const drawn: number[] = [];
  chart.lines.forEach((l, i) => {
    for (const v of smoothed[i]) drawn.push(v);
    for (const b of l.buckets) drawn.push(b.min, b.max);
  });
  const r = robustRange(drawn, { log: opts.logY });
  const y = scale([r.min, r.max], [plot.bottom, plot.top], opts.logY);
  const clampY = (v: number) => Math.min(plot.bottom, Math.max(plot.top, y(v)));
  const usable = (v: number) => Number.isFinite(v) && (!opts.logY || v > 0);
  const lines = chart.lines.map((line, i): LineGeometry => {
    const g: LineGeometry = { line, raw: [], band: [], smooth: [], smoothValues: smoothed[i], outliers: [] };
    line.buckets.forEach((b, j) => {
      const px = x(b.x);
      if (usable(b.last)) g.raw.push([px, clampY(b.last)]);
      if (b.n > 1 && usable(b.min) && usable(b.max)) g.band.push([px, clampY(b.min), clampY(b.max)]);
      if (usable(smoothed[i][j])) g.smooth.push([px, clampY(smoothed[i][j])]);
      if (usable(b.max) && b.max > r.max) g.outliers.push({ x: px, edge: 'top' });
      else if (usable(b.min) && b.min < r.min) g.outliers.push({ x: px, edge: 'bottom' });
    });
    return g;
  });
  let lr: Scale | undefined;
  const lrLines: ChartGeometry['lrLines'] = [];
  if (hasLr) {
    const vals = chart.lr.flatMap((l) => l.buckets.map((b) => b.last)).filter((v) => Number.isFinite(v) && v > 0);
    const lo = Math.min(...vals);
    const hi = Math.max(...vals);
    const log = hi / lo > 100;
    lr = scale(log ? [lo, hi] : [0, hi * 1.05 || 1], [plot.bottom, plot.top], log);
    for (const line of chart.lr) lrLines.push({ line, points: line.buckets.filter((b) => Number.isFinite(b.last)).map((b) => [x(b.x), lr!(b.last)]) });
  }
  return { box, plot, x, y, lr, lines, lrLines };
}

/** The bucket of each line nearest to a pixel x, for the hover read-out. */
export function nearest(g: ChartGeometry, px: number): { line: ChartLine; bucket: Bucket; smooth: number }[] {
  const out: { line: ChartLine; bucket: Bucket; smooth: number }[] = [];
  for (const lg of g.lines) {
    const bs = lg.line.buckets;
    if (!bs.length) continue;
    let lo = 0;
    let hi = bs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (g.x(bs[mid].x) < px) lo = mid + 1;
      else hi = mid;
    }
    const j = lo > 0 && Math.abs(g.x(bs[lo - 1].x) - px) < Math.abs(g.x(bs[lo].x) - px) ? lo - 1 : lo;
    out.push({ line: lg.line, bucket: bs[j], smooth: lg.smoothValues[j] });
  }
  for (const l of g.lrLines) {
    const b = l.line.buckets.reduce<Bucket | undefined>((best, c) => (!best || Math.abs(g.x(c.x) - px) < Math.abs(g.x(best.x) - px) ? c : best), undefined);
    if (b) out.push({ line: l.line, bucket: b, smooth: b.last });
  }
  return out;
}
