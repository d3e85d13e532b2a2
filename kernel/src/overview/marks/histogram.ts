/** Equal-width histograms of one or more datasets, overlaid on one x axis. */
import { formatNumber, formatPercent } from '../format.js';
import type { Bucket } from '../model.js';
import { finiteRange } from '../measures.js';
import { linear, PAD, rect, seriesClass, seriesColor, svg, text, yScale, type Size } from './svg.js';

export interface HistogramSeries {
  buckets: Bucket[];
  /** Rows of the dataset, for percentages. */
  total: number;
  dataset: number;
}

export interface ChartOptions extends Size {
  log: boolean;
  percent: boolean;
}

const edge = (x: number) => (x === Infinity ? '∞' : x === -Infinity ? '−∞' : formatNumber(x));

export function histogramChart(series: HistogramSeries[], o: ChartOptions, label: string): string {
  const domain = finiteRange(series.map((s) => s.buckets));
  if (!domain) return svg(o, `${label}: no values`, text(o.width / 2, o.height / 2, 'no values', 'middle'));
  const plotH = o.height - PAD.top - PAD.bottom;
  const x = linear(domain, [PAD.left, o.width - PAD.right]);
  const value = (s: HistogramSeries, b: Bucket) => (o.percent ? (s.total > 0 ? b.count / s.total : 0) : b.count);
  const values = series.flatMap((s) => s.buckets.map((b) => value(s, b)));
  const y = yScale(values, plotH, o.log);
  const base = PAD.top + plotH;
  let body = '';
  for (const s of series) {
    for (const b of s.buckets) {
      const x0 = x(Number.isFinite(b.low) ? b.low : domain[0]);
      const x1 = x(Number.isFinite(b.high) ? b.high : domain[1]);
      const h = y(value(s, b));
      const share = s.total > 0 ? ` (${formatPercent(b.count / s.total)})` : '';
      body += rect(x0, base - h, x1 - x0, h, seriesColor(s.dataset), seriesClass(s.dataset), `${edge(b.low)} to ${edge(b.high)}: ${formatNumber(b.count)}${share}`);
    }
  }
  const top = Math.max(0, ...values);
  body += text(PAD.left, PAD.top - 3, o.percent ? formatPercent(top) : formatNumber(top));
  body += text(PAD.left, o.height - 2, formatNumber(domain[0]));
  body += text(o.width - PAD.right, o.height - 2, formatNumber(domain[1]), 'end');
  return svg(o, label, body);
}
