/**
 * Plotly figures: the `application/vnd.plotly.v1+json` payload (JupyterLab's
 * and Notebook 7's plotly renderer draws it, interactive) plus a `text/html`
 * that draws the same figure with plotly.js wherever HTML runs scripts —
 * nbconvert's HTML export, nbviewer, VS Code, a Lab without the renderer —
 * and a text summary for everything else.
 *
 * plotly.js (3.6 MB) travels once: inside the first figure a kernel shows
 * (`plotlyjs: 'auto'`), which defines `window.Plotly` for the figures after it
 * on the same page. `'cdn'` loads it from cdn.plot.ly instead (small notebooks,
 * needs the network when read), `'inline'` puts it in this figure whatever came before.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { StandardMime, type MimeBundle } from '../mime/index.js';

export type PlotlyJs = 'auto' | 'inline' | 'cdn' | false;

export interface PlotlyOptions {
  /** Where the HTML fallback gets plotly.js (default 'auto'). */
  plotlyjs?: PlotlyJs;
}

export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  frames?: unknown[];
}

const PLOTLY_VERSION = '4.1.2';
let library: string | undefined;
let shipped = false;

function plotlyLibrary(): string {
  if (library === undefined) {
    const file = createRequire(import.meta.url).resolve('plotly.js-dist-min/plotly.min.js');
    // A '</script>' inside the library would end the script element early.
    library = readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script');
  }
  return library;
}

/** Typed arrays become arrays and non-finite numbers null, as plotly.js's JSON does. */
function plain(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, (x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x));
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

export function toFigure(fig: unknown): PlotlyFigure {
  const f = (Array.isArray(fig) ? { data: fig } : fig) as Partial<PlotlyFigure> | null;
  if (!f || typeof f !== 'object' || !Array.isArray(f.data)) {
    throw new TypeError(`display.plotly needs a figure { data: [traces], layout } (Plotly's JSON) or an array of traces; got ${JSON.stringify(fig)?.slice(0, 80)}`);
  }
  const out: PlotlyFigure = { data: plain(f.data) as PlotlyFigure['data'], layout: (plain(f.layout ?? {}) as PlotlyFigure['layout']) };
  if (f.config) out.config = plain(f.config) as PlotlyFigure['config'];
  if (f.frames) out.frames = plain(f.frames) as unknown[];
  return out;
}

function summary(f: PlotlyFigure): string {
  const types = [...new Set(f.data.map((t) => String(t.type ?? 'scatter')))];
  const title = f.layout?.title;
  const text = typeof title === 'string' ? title : typeof (title as { text?: unknown })?.text === 'string' ? (title as { text: string }).text : '';
  return `Plotly figure: ${f.data.length} trace${f.data.length === 1 ? '' : 's'} (${types.join(', ') || 'none'})${text ? ` · ${text}` : ''}`;
}

/** JSON that is safe inside a <script> element. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

function loader(mode: PlotlyJs): string {
  const include = mode === 'inline' || (mode === 'auto' && !shipped);
  if (include) {
    shipped = true;
    // Pages with RequireJS (some nbconvert templates) would make plotly.js an AMD module instead of window.Plotly.
    return `<script>window.__tsmlDefine=window.define;window.define=undefined;</script><script>${plotlyLibrary()}</script><script>window.define=window.__tsmlDefine;</script>`;
  }
  return '';
}

function html(f: PlotlyFigure, mode: PlotlyJs): string {
  const id = `tsml-plotly-${randomUUID()}`;
  const height = typeof f.layout?.height === 'number' ? f.layout.height : 450;
  const config = { responsive: true, ...(f.config ?? {}) };
  return (
    `<div id="${id}" class="tsml-plotly" style="width:100%;height:${height}px"></div>${loader(mode)}` +
    `<script>(function(){var f=${scriptJson({ data: f.data, layout: f.layout, config, frames: f.frames })};` +
    `function draw(){if(!window.Plotly)return false;window.Plotly.newPlot(${JSON.stringify(id)},f);return true}` +
    (mode === 'cdn'
      ? `if(!draw()){var s=document.createElement('script');s.src='https://cdn.plot.ly/plotly-${PLOTLY_VERSION}.min.js';s.onload=draw;document.head.appendChild(s)}})();</script>`
      : `if(!draw())window.addEventListener('load',draw)})();</script>`)
  );
}

/** The bundle `display.plotly(fig)` shows. */
export function plotlyBundle(fig: unknown, opts: PlotlyOptions = {}): MimeBundle {
  const f = toFigure(fig);
  return { [StandardMime.plotly]: f, 'text/html': html(f, opts.plotlyjs ?? 'auto'), 'text/plain': summary(f) };
}
