/**
 * The missing-values charts as SVG strings (static fallback and live panel
 * alike): missing-% bars with a threshold line, the nullity matrix with its
 * completeness sparkline, missingno's correlation heatmap and dendrogram, and
 * an imputation preview (distribution before and after).
 */
import type { MissingColumn, MissingPayload } from '../mime/missing.js';
import { esc, line, polyline, svg, text } from '../overview/marks/svg.js';
import { formatNumber, formatPercent } from '../overview/format.js';
import { nullityLabel } from '../stats/nullity-label.js';
import { binIndex, bitAt, bitsOf, uint16Of } from './codec.js';

const PRESENT = '#404040';
const RED = '#d93025';
const r1 = (v: number) => Math.round(v * 10) / 10;
const box = (x: number, y: number, w: number, h: number, fill: string, cls: string, title?: string, extra = '') =>
  `<rect class="${cls}" x="${r1(x)}" y="${r1(y)}" width="${r1(w)}" height="${r1(h)}" fill="${fill}"${extra}>${title ? `<title>${esc(title)}</title>` : ''}</rect>`;

/** Columns by missing share, most missing first (table order on ties). */
export function byMissing(p: MissingPayload): MissingColumn[] {
  return p.columns.map((c, i) => [c, i] as const).sort((a, b) => b[0].missing - a[0].missing || a[1] - b[1]).map(([c]) => c);
}

/** Horizontal bars of the missing share per column (only columns with missing values), the threshold drawn across. */
export function barsSvg(p: MissingPayload, threshold = p.threshold): string {
  const cols = byMissing(p).filter((c) => c.missing > 0);
  const rowH = 16, labelW = 130, barW = 260, top = 14;
  const W = labelW + barW + 60, H = top + cols.length * rowH + 4;
  if (!cols.length) return svg({ width: W, height: 24 }, 'no missing values', text(4, 16, 'No missing values in any column.'));
  const x = (share: number) => labelW + share * barW;
  let body = text(x(threshold), 10, `drop > ${formatPercent(threshold)}`, 'middle');
  cols.forEach((c, i) => {
    const share = p.rows ? c.missing / p.rows : 0;
    const y = top + i * rowH;
    const over = share > threshold;
    body += text(labelW - 6, y + 11, c.name.length > 20 ? c.name.slice(0, 19) + '…' : c.name, 'end', c.name);
    body += box(labelW, y + 2, Math.max(1, share * barW), rowH - 4, over ? RED : '#4285f4', `tsml-mv-bar${over ? ' tsml-mv-over' : ''}`, `${c.name}: ${c.missing.toLocaleString('en-US')} of ${p.rows.toLocaleString('en-US')} missing (${formatPercent(share)})`);
    body += text(x(share) + 4, y + 11, formatPercent(share));
  });
  body += line(x(threshold), top - 2, x(threshold), H, RED, 'tsml-mv-threshold', 1.5, `threshold ${formatPercent(threshold)}`);
  return svg({ width: W, height: H }, `missing share per column, threshold ${formatPercent(threshold)}`, body);
}

/**
 * The nullity matrix: a strip per column (dark where present, light where
 * missing), rows top to bottom binned into at most `height` pixel rows (a
 * bin's shade is its missing share), and the completeness sparkline at the
 * right with the table's least and most complete rows marked.
 */
export function matrixSvg(p: MissingPayload, height = 240): string {
  const cols = p.columns.length;
  const strip = Math.max(12, Math.min(24, Math.floor(720 / Math.max(1, cols))));
  const labelH = 90, spark = 70;
  const W = cols * strip + spark + 10, H = labelH + height + 16;
  const shown = p.matrix.shown;
  const bins = Math.max(1, Math.min(shown, height));
  const binH = height / bins;
  const binOf = (s: number) => Math.min(bins - 1, Math.floor((s * bins) / shown));
  let body = '';
  p.columns.forEach((c, j) => {
    const x = j * strip;
    const bits = bitsOf(p.matrix.bits[j]);
    const missing = new Float64Array(bins), total = new Float64Array(bins);
    for (let s = 0; s < shown; s++) {
      const b = binOf(s);
      total[b]++;
      if (bitAt(bits, s)) missing[b]++;
    }
    body += box(x + 1, labelH, strip - 2, height, PRESENT, 'tsml-mv-present', `${c.name}: ${c.missing.toLocaleString('en-US')} missing`);
    // Runs of bins with the same shade become one rect.
    for (let b = 0; b < bins; ) {
      const level = total[b] ? Math.round((missing[b] / total[b]) * 4) / 4 : 0;
      let e = b + 1;
      while (e < bins && (total[e] ? Math.round((missing[e] / total[e]) * 4) / 4 : 0) === level) e++;
      if (level > 0) body += box(x + 1, labelH + b * binH, strip - 2, (e - b) * binH, '#ffffff', 'tsml-mv-missing', undefined, level < 1 ? ` fill-opacity="${level}"` : '');
      b = e;
    }
    const lx = x + strip / 2 + 3;
    body += `<text class="tsml-ov-axis" x="${r1(lx)}" y="${labelH - 4}" font-size="9" fill="#666" transform="rotate(-60 ${r1(lx)} ${labelH - 4})">${esc(c.name.length > 16 ? c.name.slice(0, 15) + '…' : c.name)}<title>${esc(c.name)}</title></text>`;
  });
  const present = uint16Of(p.matrix.present);
  const sx0 = cols * strip + 8;
  const mean = new Float64Array(bins), count = new Float64Array(bins);
  for (let s = 0; s < shown; s++) {
    mean[binOf(s)] += present[s];
    count[binOf(s)]++;
  }
  const sx = (v: number) => sx0 + (cols ? (v / cols) * (spark - 24) : 0);
  const pts: [number, number][] = [];
  for (let b = 0; b < bins; b++) pts.push([sx(count[b] ? mean[b] / count[b] : cols), labelH + (b + 0.5) * binH]);
  body += polyline(pts, '#666', 'tsml-mv-spark');
  for (const [mark, label] of shown ? ([[p.completeness.min, 'min'], [p.completeness.max, 'max']] as const) : []) {
    const y = labelH + (binOf(Math.floor(mark.row / p.matrix.stride)) + 0.5) * binH;
    body += `<circle class="tsml-mv-mark" cx="${r1(sx(mark.present))}" cy="${r1(y)}" r="2.5" fill="${label === 'min' ? RED : '#0f9d58'}"><title>${label}: row ${mark.row}, ${mark.present} of ${cols} values</title></circle>`;
    body += text(sx(mark.present) + 4, y + 3, String(mark.present));
  }
  body += text(0, H - 3, p.matrix.stride > 1 ? `every ${p.matrix.stride}th row of ${p.rows.toLocaleString('en-US')} (${shown.toLocaleString('en-US')} drawn)` : `${p.rows.toLocaleString('en-US')} rows`);
  return svg({ width: W, height: H }, 'nullity matrix', body);
}

/** RdBu for r in [-1, 1] (missingno's heatmap colours: red negative, blue positive). */
function rdbu(r: number): string {
  const t = Math.max(-1, Math.min(1, r));
  const mix = (a: number[], b: number[], u: number) => a.map((v, i) => Math.round(v + (b[i] - v) * u));
  const c = t < 0 ? mix([247, 247, 247], [178, 24, 43], -t) : mix([247, 247, 247], [33, 102, 172], t);
  return `rgb(${c.join(',')})`;
}

/** The lower triangle of the nullity correlation, with missingno's cell texts. */
export function heatmapSvg(p: MissingPayload): string {
  const c = p.correlation;
  if (!c) return svg({ width: 360, height: 24 }, 'nullity correlation', text(4, 16, 'Nullity correlation needs at least 2 columns with some (not all) values missing.'));
  const k = c.columns.length;
  const cell = Math.max(14, Math.min(34, Math.floor(480 / k)));
  const left = 110, bottom = 80;
  const W = left + (k - 1) * cell + 10, H = (k - 1) * cell + bottom;
  let body = '';
  for (let i = 1; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const r = c.r[i][j];
      const x = left + j * cell, y = (i - 1) * cell;
      body += box(x, y, cell - 1, cell - 1, rdbu(r), 'tsml-mv-cell', `${c.columns[i]} × ${c.columns[j]}: r = ${r.toFixed(3)}`);
      const label = nullityLabel(r);
      if (label && cell >= 20) body += `<text x="${r1(x + cell / 2)}" y="${r1(y + cell / 2 + 3)}" text-anchor="middle" font-size="9" fill="${Math.abs(r) > 0.6 ? '#fff' : '#222'}">${esc(label)}</text>`;
    }
    body += text(left - 4, (i - 1) * cell + cell / 2 + 3, c.columns[i], 'end');
  }
  for (let j = 0; j < k - 1; j++) {
    const lx = left + j * cell + cell / 2, ly = (k - 1) * cell + 8;
    body += `<text class="tsml-ov-axis" x="${r1(lx)}" y="${ly}" font-size="9" fill="#666" text-anchor="end" transform="rotate(-50 ${r1(lx)} ${ly})">${esc(c.columns[j])}</text>`;
  }
  return svg({ width: W, height: H }, 'nullity correlation heatmap', body);
}

/** missingno's dendrogram: leaves left to right in its order, merges at their distance. */
export function dendrogramSvg(p: MissingPayload): string {
  const d = p.dendrogram;
  const n = p.columns.length;
  if (n < 2) return svg({ width: 200, height: 24 }, 'dendrogram', text(4, 16, 'A dendrogram needs 2 columns.'));
  const step = Math.max(12, Math.min(40, Math.floor(720 / n)));
  const top = 8, plotH = 140, labelH = 90;
  const W = n * step + 20, H = top + plotH + labelH;
  const index = new Map(p.columns.map((c, i) => [c.name, i]));
  const xOf = new Map<number, number>();
  d.order.forEach((name, k) => xOf.set(index.get(name)!, 10 + k * step + step / 2));
  const maxD = Math.max(...d.merges.map((m) => m[2]), 1e-9);
  const y = (dist: number) => top + plotH - (dist / maxD) * plotH;
  const yOf = new Map<number, number>();
  let body = '';
  d.merges.forEach(([a, b, dist], i) => {
    const id = n + i;
    const xa = xOf.get(a)!, xb = xOf.get(b)!;
    const ya = yOf.get(a) ?? y(0), yb = yOf.get(b) ?? y(0), ym = y(dist);
    body += polyline([[xa, ya], [xa, ym], [xb, ym], [xb, yb]], '#555', 'tsml-mv-link');
    xOf.set(id, (xa + xb) / 2);
    yOf.set(id, ym);
  });
  d.order.forEach((name, k) => {
    const lx = 10 + k * step + step / 2, ly = top + plotH + 8;
    body += `<text class="tsml-ov-axis" x="${r1(lx)}" y="${ly}" font-size="9" fill="#666" text-anchor="end" transform="rotate(-50 ${r1(lx)} ${ly})">${esc(name)}</text>`;
  });
  return svg({ width: W, height: H }, 'nullity dendrogram', body);
}

export type PreviewStrategy = 'mean' | 'median' | 'mode' | 'constant' | 'ffill' | 'bfill' | 'knn';

/** Counts per bin after filling `c` with `strategy` (undefined when the payload lacks them, e.g. kNN on a large table). */
export function afterCounts(c: MissingColumn, strategy: PreviewStrategy, constant?: unknown): number[] | undefined {
  if (strategy === 'ffill' || strategy === 'bfill' || strategy === 'knn') return c.after?.[strategy];
  const value = strategy === 'constant' ? constant : c.fill[strategy];
  if (value === undefined) return undefined;
  const counts = [...c.hist.counts];
  if (c.hist.edges) {
    const v = Number(value);
    if (!Number.isFinite(v) || !counts.length) return counts;
    counts[binIndex(c.hist.edges, v)] += c.missing;
  } else {
    const k = c.hist.labels!.indexOf(String(value));
    if (k >= 0) counts[k] += c.missing;
  }
  return counts;
}

/** Before (light) and after (dark outline) distributions of one column under one strategy. */
export function previewSvg(c: MissingColumn, strategy: PreviewStrategy, constant?: unknown): string {
  const W = 360, H = 130, left = 6, bottom = 26, top = 12;
  const before = c.hist.counts;
  const after = afterCounts(c, strategy, constant) ?? before;
  const n = before.length;
  if (!n) return svg({ width: W, height: 24 }, 'preview', text(4, 16, `${c.name} has no values to learn from.`));
  const max = Math.max(1, ...after, ...before);
  const bw = (W - 2 * left) / n, plotH = H - top - bottom;
  let body = '';
  for (let i = 0; i < n; i++) {
    const x = left + i * bw;
    const hb = (before[i] / max) * plotH, ha = (after[i] / max) * plotH;
    const label = c.hist.edges ? `${formatNumber(c.hist.edges[i])} to ${formatNumber(c.hist.edges[i + 1])}` : c.hist.labels![i];
    body += box(x + 1, top + plotH - ha, bw - 2, ha, '#f4a300', 'tsml-mv-after', `${label}: ${after[i]} after`, ' fill-opacity="0.85"');
    body += box(x + 1, top + plotH - hb, bw - 2, hb, '#4285f4', 'tsml-mv-before', `${label}: ${before[i]} before`, ' fill-opacity="0.85"');
    if (!c.hist.edges) body += text(x + bw / 2, H - 14, c.hist.labels![i].slice(0, Math.max(2, Math.floor(bw / 6))), 'middle', c.hist.labels![i]);
  }
  if (c.hist.edges) {
    body += text(left, H - 14, formatNumber(c.hist.edges[0]));
    body += text(W - left, H - 14, formatNumber(c.hist.edges[n]), 'end');
  }
  body += text(left, H - 2, `blue: ${c.name} before (${(before.reduce((a, b) => a + b, 0)).toLocaleString('en-US')} values); orange: after ${strategy} (+${c.missing.toLocaleString('en-US')})`);
  return svg({ width: W, height: H }, `${c.name} before and after ${strategy}`, body);
}
