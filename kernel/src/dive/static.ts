/**
 * The Dive without a kernel or a panel: a snapshot of the first view (the
 * points as a PNG the caller encodes, every label as SVG text, the legend as
 * HTML; no script) and a plain-text summary, for GitHub, nbviewer, nbconvert
 * and headless runs.
 */
import type { DivePayload } from '../mime/dive.js';
import { esc } from '../overview/marks/svg.js';
import { formatValue } from './bins.js';
import type { Camera, Viewport } from './camera.js';
import type { Legend } from './color.js';
import { frameLabels } from './labels.js';
import type { DiveLayout } from './layout.js';

/** Exact counts: a Dive is about individual rows. */
const formatCount = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** One line per aspect of the view, as the text/plain fallback and the figure's caption read. */
export function describeView(payload: Pick<DivePayload, 'rows' | 'sample' | 'columns' | 'view'>, layout: Pick<DiveLayout, 'rows' | 'cols'>): string[] {
  const { view } = payload;
  const lines: string[] = [];
  const total = payload.sample ? payload.sample.of : payload.rows;
  lines.push(`Dive of ${plural(total, 'row')} × ${plural(payload.columns.length, 'column')}`);
  if (payload.sample) lines.push(`showing a seeded sample of ${plural(payload.rows, 'row')} (seed ${payload.sample.seed})`);
  lines.push(view.layout === 'scatter'
    ? `scatter: x = ${view.x ?? '(none)'}, y = ${view.y ?? '(none)'}`
    : `stacked${view.sort ? `, sorted by ${view.sort}` : ' in row order'}`);
  const facet = (name: string, f: string | null, n: number) => (f ? `${name} = ${f} (${n})` : null);
  const facets = [facet('rows', view.row, layout.rows.labels.length), facet('columns', view.column, layout.cols.labels.length)].filter(Boolean);
  if (facets.length) lines.push(`facets: ${facets.join(', ')}`);
  if (view.color) lines.push(`color: ${view.color}`);
  if (view.size) lines.push(`size: ${view.size}`);
  if (view.label) lines.push(`label: ${view.label}`);
  return lines;
}

export function legendText(legend: Legend): string {
  if (legend.kind === 'none') return '';
  if (legend.kind === 'category') return legend.entries.map((e) => `${e.label} ${formatCount(e.count)}`).join(' · ');
  const extra = legend.extra.map((e) => ` · ${e.label} ${formatCount(e.count)}`).join('');
  return `${formatValue(legend.min, legend.temporal)} → ${formatValue(legend.max, legend.temporal)} (viridis)${extra}`;
}

export function diveText(payload: Pick<DivePayload, 'rows' | 'sample' | 'columns' | 'view'>, layout: DiveLayout): string {
  const lines = describeView(payload, layout);
  const legend = legendText(layout.colors.legend);
  if (legend) lines.push(`  ${payload.view.color}: ${legend}`);
  return lines.join('\n');
}

function legendHtml(legend: Legend): string {
  const swatch = (color: string) => `<span style="display:inline-block;width:10px;height:10px;border-radius:5px;background:${color};margin-right:4px;vertical-align:-1px"></span>`;
  if (legend.kind === 'none') return '';
  if (legend.kind === 'category') {
    return legend.entries.map((e) => `<span style="margin-right:12px;white-space:nowrap">${swatch(e.color)}${esc(e.label)} <span style="opacity:.7">${formatCount(e.count)}</span></span>`).join('');
  }
  const ramp = `<span style="display:inline-block;width:120px;height:10px;vertical-align:-1px;background:linear-gradient(90deg,${legend.stops.join(',')})"></span>`;
  const extra = legend.extra.map((e) => ` <span style="margin-left:12px">${swatch(e.color)}${esc(e.label)} ${formatCount(e.count)}</span>`).join('');
  return `${esc(formatValue(legend.min, legend.temporal))} ${ramp} ${esc(formatValue(legend.max, legend.temporal))}${extra}`;
}

export interface StaticImage {
  /** base64 PNG of the points at the viewport's size. */
  png: string;
  camera: Camera;
  viewport: Viewport;
}

export function diveHtml(payload: Pick<DivePayload, 'rows' | 'sample' | 'columns' | 'view'>, layout: DiveLayout, image: StaticImage): string {
  const { width: w, height: h } = image.viewport;
  const [head, ...rest] = describeView(payload, layout);
  const texts = frameLabels(layout, image.camera, image.viewport).map((t) =>
    `<text x="${t.x.toFixed(1)}" y="${t.y.toFixed(1)}" text-anchor="${t.anchor}"${t.kind === 'tick' ? ' fill-opacity="0.7"' : ''}>${t.title ? `<title>${esc(t.title)}</title>` : ''}${esc(t.text)}</text>`).join('');
  const legend = legendHtml(layout.colors.legend);
  return [
    '<figure class="tsml-dive-static" style="margin:0;font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:12px">',
    `<figcaption style="margin-bottom:4px"><b>${esc(head)}</b> — ${esc(rest.join('; '))}</figcaption>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(head)}" style="font-size:11px;max-width:100%;height:auto">`,
    `<image width="${w}" height="${h}" href="data:image/png;base64,${image.png}"/>`,
    `<g fill="currentColor">${texts}</g></svg>`,
    legend ? `<div style="margin-top:4px">${payload.view.color ? `<b>${esc(payload.view.color)}</b>: ` : ''}${legend}</div>` : '',
    '<div style="opacity:.7;margin-top:2px">Static snapshot. Open the notebook in JupyterLab with tsml’s extension to zoom, select and read rows.</div>',
    '</figure>',
  ].join('');
}
