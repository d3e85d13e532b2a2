/**
 * The display API cells use: `display(x)`, typed helpers (`display.html(...)`,
 * `display.png(...)`, …), display handles whose `update()` emits
 * `update_display_data` with the same `display_id`, and `clearOutput()`.
 * Outside a kernel (a plain Node script importing tsml) it prints text/plain.
 */
import { randomUUID } from 'node:crypto';
import { StandardMime, type MimeBundle, type MimeMetadata } from '../mime/index.js';
import { formatValue, NO_OUTPUT, type Formatted } from './format.js';
import { heatmap, type HeatmapOptions } from '../tensor/heatmap.js';
import { images, type ImagesOptions } from '../tensor/images.js';
import { plotlyBundle, type PlotlyOptions } from './plotly.js';
import { bindSink } from './capture.js';
import { checkVegaliteSpec, vegaliteBundle } from './vegalite.js';
import { trackOutput } from './pending.js';
// Types only: the Overview's code (stats, arquero) loads with the tsml API, not with the kernel's first cell.
import type { OverviewInput, OverviewOptions } from './overview.js';
import type { DiveOptions } from './dive.js';
import type { Dive } from './dive-handle.js';

type OverviewMaker = (input: OverviewInput, opts: OverviewOptions) => MimeBundle | Promise<MimeBundle>;
let makeOverview: OverviewMaker | undefined;

/** Panels made by the tsml API module (display.missing, .outliers, .dive): a bundle to show and the live view object the call returns. */
type PanelMaker = (input: unknown, opts: Record<string, unknown>) => { bundle: MimeBundle; view: unknown };
const panelMakers: Record<string, PanelMaker> = {};
type PanelName = 'missing' | 'outliers' | 'dive';

/** Called by the tsml API module (index.ts) when it loads; the kernel runs cells that mention these panels after it. */
export function providePanel(name: PanelName, f: PanelMaker): void {
  panelMakers[name] = f;
}

function showPanel(name: PanelName, input: unknown, opts: Record<string, unknown> & DisplayOptions): unknown {
  const make = panelMakers[name];
  if (!make) throw new Error(`display.${name} is not loaded: import 'tsml' (the kernel loads it for cells that mention ${name})`);
  const { bundle, view } = make(input, opts);
  show(bundle, { display_id: opts.display_id, metadata: opts.metadata, raw: true });
  return view;
}

/** Called by the tsml API module (index.ts) when it loads; the kernel runs cells that mention `overview` after it. */
export function provideOverview(f: OverviewMaker): void {
  makeOverview = f;
}

export interface DisplayTarget {
  send(msgType: string, content: unknown, extra?: { buffers?: ArrayBufferView[] }): void;
}

let target: DisplayTarget | undefined;

/** Called by the kernel at start; tests and scripts without a kernel leave it unset. */
export function setDisplayTarget(t: DisplayTarget | undefined): void {
  target = t;
}

export interface DisplayOptions {
  /** `true` for a fresh id, or an id of your own; returns a handle for updates. */
  display_id?: string | boolean;
  metadata?: MimeMetadata;
  /** Treat the object as a ready MIME bundle. */
  raw?: boolean;
  /** With a display_id: replace the outputs that carry it instead of adding one. */
  update?: boolean;
}

function emit(msgType: 'display_data' | 'update_display_data', f: Formatted, id: string | undefined): void {
  const content = { data: f.data, metadata: f.metadata, transient: id ? { display_id: id } : {} };
  if (target) target.send(msgType, content);
  else process.stdout.write(String(f.data['text/plain'] ?? JSON.stringify(f.data)) + '\n');
}

function whenFormatted(obj: unknown, opts: DisplayOptions, then: (f: Formatted) => void): void {
  const f: Formatted | Promise<Formatted> = opts.raw ? { data: obj as MimeBundle, metadata: {} } : formatValue(obj);
  const withMeta = (x: Formatted) => then({ data: x.data, metadata: { ...x.metadata, ...opts.metadata } });
  // Formatted later (a formatter loading on first use): still shown where the display was made (an
  // Output widget capturing this call), and before the cell's reply, so a headless run and a frontend
  // that stops listening at idle both get it.
  if (f instanceof Promise) trackOutput(f.then(bindSink(withMeta)));
  else withMeta(f);
}

/**
 * An output that can be changed after it was shown: `display(x, { display_id: true })` returns
 * one; `update(y)` replaces that output everywhere it appears (update_display_data).
 */
export class DisplayHandle {
  readonly [NO_OUTPUT] = true;
  constructor(readonly displayId: string) {}

  /** Replaces every output that shares this handle's display_id. */
  update(obj: unknown, opts: Omit<DisplayOptions, 'display_id'> = {}): void {
    whenFormatted(obj, opts, (f) => emit('update_display_data', f, this.displayId));
  }

  /** Shows the value as a new output that later updates also replace. */
  display(obj: unknown, opts: Omit<DisplayOptions, 'display_id'> = {}): void {
    whenFormatted(obj, opts, (f) => emit('display_data', f, this.displayId));
  }

  toString(): string {
    return `DisplayHandle(${this.displayId})`;
  }
}

function show(obj: unknown, opts: DisplayOptions = {}): DisplayHandle | undefined {
  const id = opts.display_id === true ? randomUUID() : opts.display_id || undefined;
  whenFormatted(obj, opts, (f) => emit(id && opts.update ? 'update_display_data' : 'display_data', f, id));
  return id ? new DisplayHandle(id) : undefined;
}

/**
 * A bundle made asynchronously, shown under the Output capture current at the call and tracked, so the
 * cell's reply waits for it (a headless run, or a frontend that stops listening at idle, gets it).
 */
function showWhenReady(bundle: Promise<MimeBundle>, opts: DisplayOptions): Promise<DisplayHandle | undefined> {
  const shown = bundle.then(bindSink((b: MimeBundle) => show(b, opts)));
  trackOutput(shown);
  return shown;
}

function base64(data: Uint8Array | ArrayBuffer | string): string {
  if (typeof data === 'string') return data;
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('base64');
}

function typed<T>(mime: string, encode: (x: T) => unknown, plain: (x: T) => string) {
  return (value: T, opts: DisplayOptions = {}) =>
    show({ [mime]: encode(value), 'text/plain': plain(value) }, { ...opts, raw: true });
}

const label = (kind: string) => () => `<${kind}>`;
const same = <T>(x: T) => x;

/** `display(x)` shows any value; the members show a value as one MIME type. */
export const display = Object.assign(show, {
  html: typed<string>(StandardMime.html, same, label('HTML')),
  markdown: typed<string>(StandardMime.markdown, same, (s) => s),
  latex: typed<string>(StandardMime.latex, same, (s) => s),
  svg: typed<string>(StandardMime.svg, same, label('SVG image')),
  png: typed<Uint8Array | ArrayBuffer | string>(StandardMime.png, base64, label('PNG image')),
  jpeg: typed<Uint8Array | ArrayBuffer | string>(StandardMime.jpeg, base64, label('JPEG image')),
  gif: typed<Uint8Array | ArrayBuffer | string>(StandardMime.gif, base64, label('GIF image')),
  pdf: typed<Uint8Array | ArrayBuffer | string>(StandardMime.pdf, base64, label('PDF document')),
  json: typed<unknown>(StandardMime.json, same, (v) => JSON.stringify(v, null, 2)),
  javascript: typed<string>(StandardMime.javascript, same, label('JavaScript')),
  text: typed<string>(StandardMime.plain, same, same),
  /** A Plotly figure ({ data, layout }): interactive in Lab and Notebook 7, and in nbconvert HTML through its text/html. */
  plotly: (fig: unknown, opts: PlotlyOptions & DisplayOptions = {}) => show(plotlyBundle(fig, opts), { ...opts, raw: true }),
  /** A Vega-Lite spec: the interactive chart, and a static SVG of it (resolves once shown; the cell waits for it). */
  vegalite: (spec: unknown, opts: DisplayOptions = {}): Promise<DisplayHandle | undefined> => {
    checkVegaliteSpec(spec);
    return showWhenReady(vegaliteBundle(spec), { ...opts, raw: true });
  },
  vega: typed<unknown>(StandardMime.vega, same, label('Vega chart')),
  /** Shows a ready MIME bundle as is. */
  bundle: (bundle: MimeBundle, opts: DisplayOptions = {}) => show(bundle, { ...opts, raw: true }),
  /** A 2-D tensor or nested array as a colour-mapped PNG with its value range. */
  heatmap: (t: unknown, opts: HeatmapOptions & DisplayOptions = {}) => show(heatmap(t, opts), { display_id: opts.display_id, metadata: opts.metadata }),
  /** A batch of images (N×H×W×C, N×H×W, H×W×C or H×W) as a PNG grid, with optional labels. */
  images: (t: unknown, opts: ImagesOptions & DisplayOptions = {}) => show(images(t, opts), { display_id: opts.display_id, metadata: opts.metadata }),
  /**
   * Facets-style Overview of a table or several (train/test): per-feature statistics, charts and red
   * highlights. Also takes a DatasetFeatureStatisticsList (proto3 JSON) from Python's facets or TFDV,
   * or Parquet paths (one dataset each), read in batches whatever their size: then await it.
   */
  overview: (input: OverviewInput, opts: OverviewOptions & DisplayOptions = {}): DisplayHandle | undefined | Promise<DisplayHandle | undefined> => {
    const how = { display_id: opts.display_id, metadata: opts.metadata, raw: true };
    if (!makeOverview) throw new Error("display.overview is not loaded: import 'tsml' (the kernel loads it for cells that mention overview)");
    const bundle = makeOverview(input, opts);
    return bundle instanceof Promise ? showWhenReady(bundle, how) : show(bundle, how);
  },
  /**
   * Missing values of a table: missing % per column with a drop threshold, nullity matrix, missingno's
   * correlation heatmap and dendrogram, values that probably mean missing, duplicates, imputation
   * previews. Returns a view whose `plan` holds the steps added from the panel.
   */
  missing: (table: unknown, opts: Record<string, unknown> & DisplayOptions = {}) => showPanel('missing', table, opts),
  /**
   * Outliers per numeric column (IQR fences, |z|, modified z) with box plots, and multivariate scores
   * (Isolation Forest, kNN) with a threshold to drag. Returns a view: `view.rows()` are the flagged rows.
   */
  outliers: (table: unknown, opts: Record<string, unknown> & DisplayOptions = {}) => showPanel('outliers', table, opts),
  /**
   * Facets-style Dive: every row as a point, faceted by `row`/`column`, stacked (sorted by `sort`) or
   * scattered (`x`, `y`), coloured by `color`; zoom, click a point for its row, box/lasso select.
   * Returns a handle: `selection()` / `selected()` read the panel's selection, `highlight(rows)` marks rows.
   */
  dive: (table: unknown, opts: DiveOptions & DisplayOptions = {}) => showPanel('dive', table, { ...opts }) as Dive,
});

/** Clears the cell's output; with `wait`, the clear happens when the next output arrives (no flicker). */
export function clearOutput(opts: { wait?: boolean } = {}): void {
  if (target) target.send('clear_output', { wait: Boolean(opts.wait) });
}
