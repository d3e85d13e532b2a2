/**
 * Outlier charts as SVG strings: a box plot per numeric column with its
 * fences drawn (whiskers at k, dots beyond), and a score histogram with the
 * threshold line and the count and contamination it implies.
 */
import type { OutlierColumn, OutliersPayload, ScorePayload } from '../mime/outliers.js';
import { esc, line, svg, text } from '../overview/marks/svg.js';
import { formatNumber, formatPercent } from '../overview/format.js';
import { iqrCounts, scoreCount } from './flags.js';

const RED = '#d93025';
const r1 = (v: number) => Math.round(v * 10) / 10;

/** One box plot row: [label | plot | counts]; the x scale spans the column's finite min..max and both fences. */
export function boxPlotSvg(p: OutliersPayload, c: OutlierColumn, k: number, width = 420): string {
  const H = 34, left = 4, right = 4, mid = 15;
  if (!c.count) return svg({ width, height: H }, `${c.name}: no values`, text(4, 20, 'no values'));
  const lower = c.q1 - k * c.iqr, upper = c.q3 + k * c.iqr;
  const lo = Math.min(c.min, lower), hi = Math.max(c.max, upper);
  const span = hi - lo || 1;
  const x = (v: number) => left + ((v - lo) / span) * (width - left - right);
  const { low, high, whiskerLow, whiskerHigh } = iqrCounts(p, c, k);
  let body = '';
  body += line(x(whiskerLow), mid, x(c.q1), mid, '#555', 'tsml-ol-whisker');
  body += line(x(c.q3), mid, x(whiskerHigh), mid, '#555', 'tsml-ol-whisker');
  body += line(x(whiskerLow), mid - 5, x(whiskerLow), mid + 5, '#555', 'tsml-ol-whisker');
  body += line(x(whiskerHigh), mid - 5, x(whiskerHigh), mid + 5, '#555', 'tsml-ol-whisker');
  body += `<rect class="tsml-ol-box" x="${r1(x(c.q1))}" y="${mid - 7}" width="${r1(Math.max(1, x(c.q3) - x(c.q1)))}" height="14" fill="#4285f4" fill-opacity="0.35" stroke="#4285f4"><title>Q1 ${formatNumber(c.q1)}, median ${formatNumber(c.median)}, Q3 ${formatNumber(c.q3)}</title></rect>`;
  body += line(x(c.median), mid - 7, x(c.median), mid + 7, '#1a1a1a', 'tsml-ol-median', 1.5);
  for (const [f, name] of [[lower, 'lower'], [upper, 'upper']] as const) {
    body += `<line class="tsml-ol-fence" x1="${r1(x(f))}" y1="2" x2="${r1(x(f))}" y2="${H - 8}" stroke="${RED}" stroke-dasharray="3,2"><title>${name} fence (k = ${k}): ${formatNumber(f)}</title></line>`;
  }
  for (const v of c.extremes) if (v < lower || v > upper) body += `<circle class="tsml-ol-dot" cx="${r1(x(v))}" cy="${mid}" r="2.5" fill="${RED}" fill-opacity="0.7"><title>${formatNumber(v)}</title></circle>`;
  body += text(left, H - 1, formatNumber(lo));
  body += text(width - right, H - 1, formatNumber(hi), 'end');
  return svg({ width, height: H }, `${c.name} box plot, k = ${k}: ${low} low, ${high} high`, body);
}

/** The score histogram with the threshold: rows at or above it are flagged. */
export function scoreSvg(s: ScorePayload, threshold: number, width = 420): string {
  const H = 110, top = 14, bottom = 16;
  const { edges, counts } = s.hist;
  const n = counts.length;
  const lo = edges[0], hi = edges[n];
  const span = hi - lo || 1;
  const x = (v: number) => 4 + ((v - lo) / span) * (width - 8);
  const max = Math.max(1, ...counts);
  // Square-root heights: the tail of a score distribution is what matters, and it is small.
  const h = (c: number) => (Math.sqrt(c) / Math.sqrt(max)) * (H - top - bottom);
  let body = '';
  for (let b = 0; b < n; b++) {
    const flagged = edges[b] >= threshold;
    const bh = h(counts[b]);
    body += `<rect class="tsml-ol-hist${flagged ? ' tsml-ol-flagged' : ''}" x="${r1(x(edges[b]))}" y="${r1(H - bottom - bh)}" width="${r1(Math.max(1, x(edges[b + 1]) - x(edges[b]) - 0.5))}" height="${r1(bh)}" fill="${flagged ? RED : '#4285f4'}" fill-opacity="0.7"><title>${formatNumber(edges[b])} to ${formatNumber(edges[b + 1])}: ${counts[b]} rows</title></rect>`;
  }
  const { count, contamination, exact } = scoreCount(s, threshold);
  body += line(x(threshold), top - 4, x(threshold), H - bottom, RED, 'tsml-ol-threshold', 2);
  body += text(Math.min(width - 4, Math.max(4, x(threshold))), 10, `≥ ${formatNumber(threshold)}: ${exact ? '' : '≈'}${count.toLocaleString('en-US')} rows (contamination ${formatPercent(contamination)})`, x(threshold) > width / 2 ? 'end' : 'start');
  body += text(4, H - 2, formatNumber(lo));
  body += text(width - 4, H - 2, formatNumber(hi), 'end');
  return svg({ width, height: H }, `${s.label}: score histogram, threshold ${formatNumber(threshold)}`, body);
}

/** x position (in the chart's pixels) → score, for dragging the threshold line. */
export function scoreAt(s: ScorePayload, px: number, width = 420): number {
  const lo = s.hist.edges[0], hi = s.hist.edges[s.hist.edges.length - 1];
  return lo + Math.max(0, Math.min(1, (px - 4) / (width - 8))) * (hi - lo);
}

export const escapeHtml = esc;
