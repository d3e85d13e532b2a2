/**
 * The missing-values panel's static fallbacks (HTML with inline SVG and no
 * script; a text summary), and the tables the live panel shares with them.
 */
import type { MissingPayload } from '../mime/missing.js';
import { esc } from '../overview/marks/svg.js';
import { formatPercent } from '../overview/format.js';
import { barsSvg, byMissing, dendrogramSvg, heatmapSvg, matrixSvg, previewSvg } from './charts.js';

const STYLE = `<style>
.tsml-mv{font:12px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif}
.tsml-mv h4{margin:12px 0 4px;font-size:13px}
.tsml-mv-scroll{overflow-x:auto;max-width:100%}
.tsml-mv table{border-collapse:collapse}
.tsml-mv th,.tsml-mv td{padding:2px 8px;text-align:left;border-bottom:1px solid rgba(128,128,128,.25)}
.tsml-mv td.n{text-align:right}
.tsml-mv-red{color:#d93025}
</style>`;

const count = (n: number) => n.toLocaleString('en-US');

export function summaryLine(p: MissingPayload): string {
  const cells = p.rows * p.columns.length;
  const missing = p.columns.reduce((a, c) => a + c.missing, 0);
  const withMissing = p.columns.filter((c) => c.missing > 0).length;
  return `${count(p.rows)} rows × ${p.columns.length} columns; ${count(missing)} of ${count(cells)} values missing (${formatPercent(cells ? missing / cells : 0)}) in ${withMissing} column${withMissing === 1 ? '' : 's'}; ${count(p.duplicates.count)} duplicate row${p.duplicates.count === 1 ? '' : 's'}`;
}

/** Columns above the threshold: what the 'drop columns' action would drop. */
export const aboveThreshold = (p: MissingPayload, threshold = p.threshold): string[] =>
  byMissing(p).filter((c) => p.rows > 0 && c.missing / p.rows > threshold).map((c) => c.name);

export function sentinelsTable(p: MissingPayload, withActions = false): string {
  if (!p.sentinels.length) return '<p>No values that look like stand-ins for missing.</p>';
  const rows = p.sentinels.map((s, i) => {
    const check = withActions ? `<td><input type="checkbox" class="tsml-mv-sentinel" data-index="${i}" aria-label="treat ${esc(s.column)} ${esc(String(s.value))} as missing" checked></td>` : '';
    const value = typeof s.value === 'string' && s.kind === 'text' ? `'${s.value}'` : String(s.value);
    return `<tr data-column="${esc(s.column)}">${check}<td>${esc(s.column)}</td><td>${esc(value)}</td><td class="n">${count(s.count)}</td><td>${esc(s.reason)}</td></tr>`;
  });
  return `<table class="tsml-mv-sentinels"><thead><tr>${withActions ? '<th></th>' : ''}<th>column</th><th>value</th><th>rows</th><th>why</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function duplicatesLine(p: MissingPayload): string {
  const d = p.duplicates;
  if (!d.count) return 'No duplicate rows.';
  const pairs = d.rows.slice(0, 5).map((r, i) => `row ${r} repeats row ${d.firstOf[i]}`).join(', ');
  return `${count(d.count)} duplicate row${d.count === 1 ? '' : 's'} (rows that repeat an earlier row in every column): ${pairs}${d.count > 5 ? ', …' : ''}.`;
}

export function missingHtml(p: MissingPayload): string {
  const drop = aboveThreshold(p);
  const first = byMissing(p).find((c) => c.missing > 0 && c.missing / p.rows <= p.threshold && c.hist.counts.length);
  const preview = first ? `<h4>Imputation preview: ${esc(first.name)}, median${first.kind === 'number' ? '' : ' (mode for text)'}</h4>${previewSvg(first, first.kind === 'number' ? 'median' : 'mode')}` : '';
  return [
    `<div class="tsml-mv">${STYLE}`,
    `<div>${esc(summaryLine(p))}</div>`,
    `<h4>Missing per column</h4>${barsSvg(p)}`,
    drop.length ? `<div class="tsml-mv-red">Above ${formatPercent(p.threshold)} missing: ${drop.map(esc).join(', ')}</div>` : '',
    `<h4>Nullity matrix</h4><div class="tsml-mv-scroll">${matrixSvg(p)}</div>`,
    `<h4>Nullity correlation</h4><div class="tsml-mv-scroll">${heatmapSvg(p)}</div>`,
    `<h4>Nullity dendrogram</h4><div class="tsml-mv-scroll">${dendrogramSvg(p)}</div>`,
    `<h4>Values that probably mean missing</h4>${sentinelsTable(p)}`,
    `<h4>Duplicates</h4><div>${esc(duplicatesLine(p))}</div>`,
    preview,
    '</div>',
  ].join('');
}

export function missingText(p: MissingPayload): string {
  const lines = [`Missing values: ${summaryLine(p)}`];
  for (const c of byMissing(p).filter((c) => c.missing > 0)) {
    const share = c.missing / p.rows;
    lines.push(`  ${c.name.padEnd(16)} ${count(c.missing).padStart(8)}  ${formatPercent(share).padStart(6)}${share > p.threshold ? `  [! > ${formatPercent(p.threshold)}: drop?]` : ''}`);
  }
  if (p.correlation) {
    const c = p.correlation;
    let best: [number, number, number] | undefined;
    for (let i = 1; i < c.columns.length; i++) for (let j = 0; j < i; j++) if (!best || Math.abs(c.r[i][j]) > Math.abs(best[2])) best = [i, j, c.r[i][j]];
    if (best) lines.push(`Strongest nullity correlation: ${c.columns[best[0]]} and ${c.columns[best[1]]}, r = ${best[2].toFixed(2)}`);
  }
  lines.push(`Dendrogram order: ${p.dendrogram.order.join(', ')}`);
  for (const s of p.sentinels) lines.push(`Sentinel: ${s.column} ${s.kind === 'text' ? `'${s.value}'` : s.value} × ${count(s.count)} — ${s.reason}`);
  lines.push(duplicatesLine(p));
  return lines.join('\n');
}
