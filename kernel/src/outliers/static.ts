/** The outliers panel's static fallbacks and the tables the live panel shares with them. */
import type { OutliersPayload } from '../mime/outliers.js';
import { esc } from '../overview/marks/svg.js';
import { formatNumber, formatPercent } from '../overview/format.js';
import { boxPlotSvg, scoreSvg } from './charts.js';
import { defaultSetting, flaggedAt, iqrCounts, scoreCount, type OutlierSetting } from './flags.js';

const STYLE = `<style>
.tsml-ol{font:12px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif}
.tsml-ol h4{margin:12px 0 4px;font-size:13px}
.tsml-ol table{border-collapse:collapse}
.tsml-ol th,.tsml-ol td{padding:2px 8px;text-align:right;border-bottom:1px solid rgba(128,128,128,.25);vertical-align:middle}
.tsml-ol th.l,.tsml-ol td.l{text-align:left}
</style>`;

const n = (x: number) => x.toLocaleString('en-US');

/** Per column: fences and counts under the three rules at k, and its box plot. */
export function columnsTable(p: OutliersPayload, k: number): string {
  const rows = p.columns.map((c) => {
    const { low, high } = iqrCounts(p, c, k);
    if (!c.count) return `<tr data-column="${esc(c.name)}"><th class="l">${esc(c.name)}</th><td>–</td><td class="tsml-ol-iqr">0</td><td>0</td><td>0</td><td class="l">no values</td></tr>`;
    return `<tr data-column="${esc(c.name)}"><th class="l">${esc(c.name)}</th><td>${formatNumber(c.q1 - k * c.iqr)} … ${formatNumber(c.q3 + k * c.iqr)}</td><td class="tsml-ol-iqr">${n(low + high)}</td><td>${n(c.zCount)}</td><td>${c.mad > 0 ? n(c.madCount) : '– (MAD 0)'}</td><td class="l">${boxPlotSvg(p, c, k)}</td></tr>`;
  });
  return `<table class="tsml-ol-columns"><thead><tr><th class="l">column</th><th>IQR fences (k = ${k})</th><th>IQR</th><th>|z| &gt; ${p.z}</th><th>mod. z &gt; ${p.modifiedZ}</th><th class="l">box plot</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function flaggedTable(p: OutliersPayload, set: OutlierSetting, limit = 50): string {
  const rows = flaggedAt(p, set);
  if (!rows.length) return '<p>No row is flagged at this setting.</p>';
  const head = `<tr><th>row</th>${p.features.map((f) => `<th>${esc(f)}</th>`).join('')}${p.scores.map((s) => `<th>${s.detector === 'iforest' ? 'iForest' : 'kNN'}</th>`).join('')}<th class="l">flagged by</th></tr>`;
  const body = rows.slice(0, limit).map((r) => `<tr data-row="${r.row}"><td>${r.row}</td>${r.values.map((v) => `<td>${v === null ? '–' : formatNumber(v)}</td>`).join('')}${p.scores.map((s) => `<td>${r.scores[s.detector] === undefined ? '–' : formatNumber(r.scores[s.detector]!)}</td>`).join('')}<td class="l">${esc(r.rules.join(', '))}</td></tr>`);
  const more = rows.length > limit ? `<p>… and ${n(rows.length - limit)} more flagged rows${p.candidatesTruncated ? ' (candidates capped at 2,000)' : ''}.</p>` : '';
  return `<table class="tsml-ol-flagged"><thead>${head}</thead><tbody>${body.join('')}</tbody></table>${more}`;
}

export function outliersHtml(p: OutliersPayload): string {
  const set = defaultSetting(p);
  const scores = p.scores.map((s) => `<h4>${esc(s.label)}</h4>${scoreSvg(s, s.threshold)}`).join('');
  return [
    `<div class="tsml-ol">${STYLE}`,
    `<div>${n(p.rows)} rows; ${p.columns.length} numeric columns; Tukey k = ${p.k}, |z| &gt; ${p.z}, modified z &gt; ${p.modifiedZ}</div>`,
    `<h4>Per column</h4>${columnsTable(p, p.k)}`,
    scores,
    p.notes.map((t) => `<p>${esc(t)}</p>`).join(''),
    `<h4>Flagged rows</h4>${flaggedTable(p, set)}`,
    '</div>',
  ].join('');
}

export function outliersText(p: OutliersPayload): string {
  const lines = [`Outliers: ${n(p.rows)} rows, ${p.columns.length} numeric columns (IQR k = ${p.k}, |z| > ${p.z}, modified z > ${p.modifiedZ})`];
  for (const c of p.columns) {
    const { low, high } = iqrCounts(p, c, p.k);
    if (!c.count) {
      lines.push(`  ${c.name.padEnd(14)} no values`);
      continue;
    }
    lines.push(`  ${c.name.padEnd(14)} IQR [${formatNumber(c.q1 - p.k * c.iqr)}, ${formatNumber(c.q3 + p.k * c.iqr)}] ${n(low)} low ${n(high)} high;  |z| ${n(c.zCount)};  mod z ${c.mad > 0 ? n(c.madCount) : '– (MAD 0)'}`);
  }
  for (const s of p.scores) {
    const { count, contamination } = scoreCount(s, s.threshold);
    lines.push(`${s.label}: ${n(count)} rows ≥ ${formatNumber(s.threshold)} (contamination ${formatPercent(contamination)})`);
  }
  lines.push(...p.notes);
  const flagged = flaggedAt(p, defaultSetting(p));
  lines.push(`Flagged rows: ${n(flagged.length)}${flagged.length ? ` (first: ${flagged.slice(0, 10).map((r) => r.row).join(', ')})` : ''}`);
  return lines.join('\n');
}
