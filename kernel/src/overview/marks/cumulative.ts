/**
 * For many distinct values: the share of rows covered by the top-ranked
 * values, one curve per dataset, reaching 100 % at the last distinct value.
 */
import { formatCount, formatPercent } from '../format.js';
import type { RankBucket } from '../model.js';
import { linear, PAD, polyline, seriesClass, seriesColor, svg, text, type Size } from './svg.js';

export interface CumulativeSeries {
  /** The top values, most frequent first. */
  top: RankBucket[];
  total: number;
  unique: number;
  dataset: number;
}

export interface CumulativeOptions extends Size {
  /** Log x axis (rank), so the head of a long tail is readable. */
  log: boolean;
}

export function cumulativePoints(s: CumulativeSeries): [rank: number, share: number][] {
  if (s.total <= 0) return [];
  const pts: [number, number][] = [[0, 0]];
  let sum = 0;
  s.top.forEach((t, i) => {
    sum += t.count;
    pts.push([i + 1, Math.min(1, sum / s.total)]);
  });
  const last = Math.max(s.unique, s.top.length);
  if (last > s.top.length) pts.push([last, 1]);
  return pts;
}

export function cumulativeChart(series: CumulativeSeries[], o: CumulativeOptions, label: string): string {
  const curves = series.map(cumulativePoints);
  const maxRank = Math.max(1, ...curves.flatMap((c) => c.map((p) => p[0])));
  const plotRight = o.width - PAD.right;
  const lx = linear([0, Math.log10(maxRank + 1)], [PAD.left, plotRight]);
  const x = o.log ? (v: number) => lx(Math.log10(v + 1)) : linear([0, maxRank], [PAD.left, plotRight]);
  const y = linear([0, 1], [o.height - PAD.bottom, PAD.top]);
  let body = '';
  series.forEach((s, i) => {
    if (curves[i].length) body += polyline(curves[i].map(([rk, sh]) => [x(rk), y(sh)]), seriesColor(s.dataset), seriesClass(s.dataset));
  });
  body += text(PAD.left, PAD.top - 3, formatPercent(1));
  body += text(PAD.left, o.height - 2, 'rank 1');
  body += text(plotRight, o.height - 2, `rank ${formatCount(maxRank)}`, 'end');
  return svg(o, label, body);
}
