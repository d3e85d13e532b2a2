/** Deciles as one strip per dataset: a line from min to max, ticks at each decile, a dot at the median. */
import { formatNumber } from '../format.js';
import type { Bucket } from '../model.js';
import { finiteRange } from '../measures.js';
import { circle, line, linear, PAD, seriesClass, seriesColor, svg, text, type Size } from './svg.js';

export interface QuantileSeries {
  buckets: Bucket[];
  dataset: number;
}

/** Boundaries of decile buckets: min, 10 %, …, 90 %, max. */
function boundaries(buckets: Bucket[]): number[] {
  return buckets.length ? [buckets[0].low, ...buckets.map((b) => b.high)] : [];
}

export function quantilesChart(series: QuantileSeries[], o: Size, label: string): string {
  const domain = finiteRange(series.map((s) => s.buckets));
  if (!domain) return svg(o, `${label}: no values`, text(o.width / 2, o.height / 2, 'no values', 'middle'));
  const x = linear(domain, [PAD.left + 3, o.width - PAD.right - 3]);
  const rows = Math.max(1, series.length);
  const step = (o.height - PAD.top - PAD.bottom) / rows;
  let body = '';
  series.forEach((s, i) => {
    const cy = PAD.top + step * (i + 0.5);
    const qs = boundaries(s.buckets).map((v) => (Number.isFinite(v) ? v : v > 0 ? domain[1] : domain[0]));
    if (!qs.length) return;
    const color = seriesColor(s.dataset);
    const cls = seriesClass(s.dataset);
    body += line(x(qs[0]), cy, x(qs[qs.length - 1]), cy, color, cls);
    qs.forEach((q, k) => {
      const pct = Math.round((k / (qs.length - 1)) * 100);
      const median = k * 2 === qs.length - 1;
      body += median
        ? circle(x(q), cy, 3.5, color, cls, `median: ${formatNumber(q)}`)
        : line(x(q), cy - 4, x(q), cy + 4, color, cls, 1.5, `${pct}%: ${formatNumber(q)}`);
    });
  });
  body += text(PAD.left, o.height - 2, formatNumber(domain[0]));
  body += text(o.width - PAD.right, o.height - 2, formatNumber(domain[1]), 'end');
  return svg(o, label, body);
}
