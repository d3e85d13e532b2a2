/**
 * One section of the Overview (numeric or categorical features) as an HTML
 * table: per feature, one row per dataset with Facets' statistics, red
 * highlights, and the feature's chart. Shared by the static fallback and the
 * live panel, so both read the same.
 */
import { formatCount, formatNumber, formatPercent } from './format.js';
import { flagsOf, featureDistance, missingRatio, SHIFT_RED, zerosRatio, type Flag } from './measures.js';
import type { Feature, FeatureKind, FeatureStats, OverviewModel } from './model.js';
import { barsChart } from './marks/bars.js';
import { cumulativeChart } from './marks/cumulative.js';
import { histogramChart } from './marks/histogram.js';
import { quantilesChart } from './marks/quantiles.js';
import { esc, seriesClass, seriesColor, type Size } from './marks/svg.js';
import { CUMULATIVE_ABOVE, type ViewOptions } from './view.js';

export const CHART_SIZE: Size = { width: 200, height: 76 };
export const CHART_SIZE_EXPANDED: Size = { width: 420, height: 160 };

interface Column {
  label: string;
  cell: (s: FeatureStats, flags: Set<Flag>) => [text: string, red?: boolean];
}

const num = (get: (s: FeatureStats) => number | undefined, red?: Flag) => (s: FeatureStats, flags: Set<Flag>): [string, boolean?] => {
  const v = get(s);
  return [v === undefined || s.count === 0 ? '–' : formatNumber(v), red !== undefined && flags.has(red)];
};

const COMMON: Column[] = [
  { label: 'count', cell: (s, f) => [formatCount(s.count), f.has('empty')] },
  { label: 'missing', cell: (s, f) => [formatPercent(missingRatio(s)) + (f.has('nan') ? ' (NaN)' : ''), f.has('missing') || f.has('nan')] },
];

export const NUMERIC_COLUMNS: Column[] = [
  ...COMMON,
  { label: 'mean', cell: num((s) => s.numeric?.mean, 'infinite') },
  { label: 'std dev', cell: num((s) => s.numeric?.stdDev, 'infinite') },
  { label: 'zeros', cell: (s, f) => [formatPercent(zerosRatio(s)), f.has('zeros')] },
  { label: 'min', cell: num((s) => s.numeric?.min, 'infinite') },
  { label: 'median', cell: num((s) => s.numeric?.median) },
  { label: 'max', cell: num((s) => s.numeric?.max, 'infinite') },
];

export const CATEGORICAL_COLUMNS: Column[] = [
  ...COMMON,
  { label: 'unique', cell: (s) => [s.strings ? (s.strings.uniqueApproximate ? '≈' : '') + formatCount(s.strings.unique) : '–'] },
  { label: 'top', cell: (s) => [s.strings?.top[0] ? s.strings.top[0].label || '(empty)' : '–'] },
  { label: 'freq top', cell: (s) => [s.strings?.top[0] ? formatCount(s.strings.top[0].count) : '–'] },
  { label: 'avg str len', cell: num((s) => s.strings?.avgLength) },
];

function present(f: Feature): { s: FeatureStats; dataset: number }[] {
  return f.stats.flatMap((s, dataset) => (s ? [{ s, dataset }] : []));
}

/** The chart of one feature as the view asks for it. */
export function featureChart(f: Feature, view: ViewOptions): string {
  const size = view.expand ? CHART_SIZE_EXPANDED : CHART_SIZE;
  const rows = present(f);
  const label = `${f.name} distribution`;
  if (f.kind === 'numeric') {
    if (view.numericChart === 'quantiles') return quantilesChart(rows.map(({ s, dataset }) => ({ buckets: s.numeric?.quantiles ?? [], dataset })), size, `${f.name} quantiles`);
    return histogramChart(rows.map(({ s, dataset }) => ({ buckets: s.numeric?.histogram ?? [], total: s.count, dataset })), { ...size, log: view.log, percent: view.percent }, label);
  }
  const unique = Math.max(0, ...rows.map(({ s }) => s.strings?.unique ?? 0));
  const cumulative = view.categoricalChart === 'cumulative' || (view.categoricalChart === 'auto' && unique > CUMULATIVE_ABOVE);
  const series = rows.map(({ s, dataset }) => ({ top: s.strings?.top ?? [], total: s.count, unique: s.strings?.unique ?? 0, dataset }));
  if (cumulative) return cumulativeChart(series, { ...size, log: view.log }, `${f.name} cumulative share by rank`);
  return barsChart(series, { ...size, log: view.log, percent: view.percent }, `${f.name} top values`);
}

function swatch(model: OverviewModel, dataset: number): string {
  const d = model.datasets[dataset];
  return `<td class="tsml-ov-ds"><span class="tsml-ov-swatch ${seriesClass(dataset)}" style="background:${seriesColor(dataset)}"></span>${esc(d.name)}</td>`;
}

function featureBody(f: Feature, model: OverviewModel, columns: Column[], view: ViewOptions): string {
  const rows = present(f);
  const many = model.datasets.length > 1;
  const distance = many ? featureDistance(f) : 0;
  const shift = distance > SHIFT_RED;
  const badge = shift ? ` <span class="tsml-ov-badge tsml-ov-red" title="distribution distance ${distance.toFixed(3)} between datasets">shift</span>` : '';
  const head =
    `<th scope="rowgroup" rowspan="${rows.length}" class="tsml-ov-name${shift ? ' tsml-ov-red' : ''}">` +
    `<div>${esc(f.name)}${badge}</div><div class="tsml-ov-type">${esc(f.type.toLowerCase())}</div></th>`;
  const chart = `<td rowspan="${rows.length}" class="tsml-ov-chartcell">${featureChart(f, view)}</td>`;
  const trs = rows.map(({ s, dataset }, k) => {
    const flags = flagsOf(s);
    const cells = columns.map((c) => {
      const [t, red] = c.cell(s, flags);
      return red ? `<td class="tsml-ov-red"><strong>${esc(t)}</strong></td>` : `<td>${esc(t)}</td>`;
    });
    return `<tr>${k === 0 ? head : ''}${many ? swatch(model, dataset) : ''}${cells.join('')}${k === 0 ? chart : ''}</tr>`;
  });
  return `<tbody class="tsml-ov-feature" data-feature="${esc(f.name)}">${trs.join('')}</tbody>`;
}

/** The table of one section for the given features (already filtered and sorted). */
export function sectionTable(kind: FeatureKind, features: Feature[], model: OverviewModel, view: ViewOptions): string {
  const columns = kind === 'numeric' ? NUMERIC_COLUMNS : CATEGORICAL_COLUMNS;
  const many = model.datasets.length > 1;
  const header = `<thead><tr><th scope="col" class="tsml-ov-name">feature</th>${many ? '<th scope="col" class="tsml-ov-ds">dataset</th>' : ''}${columns
    .map((c) => `<th scope="col">${c.label}</th>`)
    .join('')}<th scope="col" class="tsml-ov-chartcell">chart</th></tr></thead>`;
  return `<table class="tsml-ov-table tsml-ov-${kind}">${header}${features.map((f) => featureBody(f, model, columns, view)).join('')}</table>`;
}
