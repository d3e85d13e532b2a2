/** Top values as horizontal bars, one bar per dataset for each value, in the first dataset's order. */
import { formatNumber, formatPercent } from '../format.js';
import type { RankBucket } from '../model.js';
import { PAD, rect, seriesClass, seriesColor, svg, text, yScale } from './svg.js';
import type { ChartOptions } from './histogram.js';

export interface BarSeries {
  top: RankBucket[];
  /** Rows with a value, for percentages. */
  total: number;
  dataset: number;
}

const LABEL_WIDTH = 0.38;

function shorten(s: string, max: number): string {
  const shown = s === '' ? '(empty)' : s;
  return shown.length > max ? shown.slice(0, max - 1) + '…' : shown;
}

/** Labels in the order the first dataset ranks them, then values only other datasets have. */
export function barLabels(series: BarSeries[], limit: number): string[] {
  const seen = new Set<string>();
  for (const s of series) for (const t of s.top) seen.add(t.label);
  return [...seen].slice(0, limit);
}

export function barsChart(series: BarSeries[], o: ChartOptions, label: string): string {
  const rowH = 12;
  const labels = barLabels(series, Math.max(1, Math.floor((o.height - PAD.bottom) / rowH)));
  if (!labels.length) return svg(o, `${label}: no values`, text(o.width / 2, o.height / 2, 'no values', 'middle'));
  const left = o.width * LABEL_WIDTH;
  const counts = series.map((s) => new Map(s.top.map((t) => [t.label, t.count])));
  const value = (i: number, l: string) => {
    const c = counts[i].get(l) ?? 0;
    return o.percent ? (series[i].total > 0 ? c / series[i].total : 0) : c;
  };
  const values = labels.flatMap((l) => series.map((_, i) => value(i, l)));
  const w = yScale(values, o.width - left - PAD.right, o.log);
  const barH = (rowH - 2) / series.length;
  let body = '';
  labels.forEach((l, k) => {
    const y0 = 2 + k * rowH;
    body += text(left - 3, y0 + rowH / 2 + 3, shorten(l, Math.floor(left / 5.2)), 'end', l);
    series.forEach((s, i) => {
      const c = counts[i].get(l) ?? 0;
      const share = s.total > 0 ? ` (${formatPercent(c / s.total)})` : '';
      body += rect(left, y0 + i * barH, w(value(i, l)), barH, seriesColor(s.dataset), seriesClass(s.dataset), `${l}: ${formatNumber(c)}${share}`);
    });
  });
  return svg({ width: o.width, height: Math.min(o.height, 4 + labels.length * rowH) }, label, body);
}
