/**
 * The Overview's static fallbacks, carried by every Overview bundle: HTML
 * with inline SVG and no script (GitHub and nbviewer strip scripts) in the
 * default view, and a text/plain summary for terminals and diffs.
 */
import { formatCount, formatNumber, formatPercent } from './format.js';
import { featureDistance, flagsOf, missingRatio, SHIFT_RED, zerosRatio } from './measures.js';
import type { Feature, FeatureKind, OverviewModel } from './model.js';
import { esc, seriesColor } from './marks/svg.js';
import { sectionTable } from './table.js';
import { DEFAULT_VIEW, visibleFeatures, type ViewOptions } from './view.js';

/** Dataset sizes in full (the table's cells use SI suffixes to stay narrow). */
export const rows = (n: number) => `${Math.round(n).toLocaleString('en-US')} rows`;

const SECTION_TITLE: Record<FeatureKind, string> = { numeric: 'Numeric features', categorical: 'Categorical features' };

// Scoped by class so the fallback cannot restyle the page around it; colours readable on light and dark.
const STYLE = `<style>
.tsml-ov{font:12px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif}
.tsml-ov h4{margin:10px 0 4px;font-size:13px}
.tsml-ov-table{border-collapse:collapse;font-size:inherit}
.tsml-ov-table th,.tsml-ov-table td{padding:2px 6px;text-align:right;vertical-align:top;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:140px}
.tsml-ov-table th.tsml-ov-name{text-align:left}
.tsml-ov-feature{border-top:1px solid rgba(128,128,128,.35)}
.tsml-ov-type{font-weight:normal;opacity:.7;font-size:11px}
.tsml-ov-red,.tsml-ov-red strong{color:#d93025}
.tsml-ov-badge{font-size:10px;border:1px solid currentColor;border-radius:3px;padding:0 3px;font-weight:normal}
.tsml-ov-swatch{display:inline-block;width:9px;height:9px;margin-right:4px;border-radius:2px}
.tsml-ov-table .tsml-ov-chartcell{text-align:left;max-width:none;padding:2px 4px 4px}
</style>`;

export function overviewHtml(model: OverviewModel, view: ViewOptions = DEFAULT_VIEW): string {
  const legend =
    model.datasets.length > 1
      ? `<div>${model.datasets.map((d, i) => `<span class="tsml-ov-swatch" style="background:${seriesColor(i)}"></span>${esc(d.name)} (${rows(d.examples)})`).join(' &nbsp; ')}</div>`
      : `<div>${esc(model.datasets[0]?.name ?? 'data')}: ${rows(model.datasets[0]?.examples ?? 0)}</div>`;
  const sections = (['numeric', 'categorical'] as const).map((kind) => {
    const features = visibleFeatures(model, kind, view);
    if (!features.length) return '';
    return `<h4>${SECTION_TITLE[kind]} (${features.length})</h4>${sectionTable(kind, features, model, view)}`;
  });
  return `<div class="tsml-ov">${STYLE}${legend}${sections.join('')}</div>`;
}

function numericLine(f: Feature, i: number): string {
  const s = f.stats[i];
  if (!s) return 'absent';
  const n = s.numeric;
  const parts = [`count ${formatCount(s.count)}`, `missing ${formatPercent(missingRatio(s))}`];
  if (n && s.count > 0) parts.push(`mean ${formatNumber(n.mean)}`, `std ${formatNumber(n.stdDev)}`, `zeros ${formatPercent(zerosRatio(s))}`, `min ${formatNumber(n.min)}`, `median ${formatNumber(n.median)}`, `max ${formatNumber(n.max)}`);
  return parts.join('  ');
}

function categoricalLine(f: Feature, i: number): string {
  const s = f.stats[i];
  if (!s) return 'absent';
  const t = s.strings;
  const parts = [`count ${formatCount(s.count)}`, `missing ${formatPercent(missingRatio(s))}`];
  if (t && s.count > 0) parts.push(`unique ${t.uniqueApproximate ? '≈' : ''}${formatCount(t.unique)}`, `top ${JSON.stringify(t.top[0]?.label ?? '')} (${formatCount(t.top[0]?.count ?? 0)})`, `avg len ${formatNumber(t.avgLength)}`);
  return parts.join('  ');
}

const FLAG_TEXT = { missing: 'missing > 2%', zeros: 'zeros > 10%', empty: 'no values', nan: 'NaN present', infinite: '±Infinity present' } as const;

export function overviewText(model: OverviewModel): string {
  const lines = [`Overview: ${model.datasets.map((d) => `${d.name} (${rows(d.examples)})`).join(', ')}; ${model.features.length} features`];
  const many = model.datasets.length > 1;
  for (const kind of ['numeric', 'categorical'] as const) {
    const features = model.features.filter((f) => f.kind === kind);
    if (!features.length) continue;
    lines.push('', `${SECTION_TITLE[kind]} (${features.length})`);
    for (const f of features) {
      const shift = many && featureDistance(f) > SHIFT_RED ? '  [! distribution shift]' : '';
      lines.push(`  ${f.name} (${f.type.toLowerCase()})${shift}`);
      model.datasets.forEach((d, i) => {
        const flags = [...flagsOf(f.stats[i])].map((x) => FLAG_TEXT[x]);
        const warn = flags.length ? `  [! ${flags.join(', ')}]` : '';
        const line = kind === 'numeric' ? numericLine(f, i) : categoricalLine(f, i);
        lines.push(`    ${many ? d.name + ': ' : ''}${line}${warn}`);
      });
    }
  }
  return lines.join('\n');
}
