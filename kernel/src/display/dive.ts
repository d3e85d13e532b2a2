/**
 * `display.dive(table, opts)`: every row as a point, faceted, coloured and
 * selectable, in the Dive panel; a PNG snapshot and a text summary for
 * readers without the panel. Returns a handle whose `selection()` and
 * `selected()` read what was selected in the panel, and whose `highlight()`
 * marks rows in it.
 */
import type { ColumnTable } from 'arquero';
import { tsmlBundle, TsmlMime, type DiveEmbeddedColumn, type DivePayload, type DiveView, type MimeBundle } from '../mime/index.js';
import { fromDanfo, isDanfo } from '../data/danfo.js';
import { DataError } from '../data/errors.js';
import { diveLayout, LayoutCache, type DiveLayout } from '../dive/layout.js';
import { resolveView, viewColumns } from '../dive/view.js';
import { fitCamera, worldBounds, type Viewport } from '../dive/camera.js';
import { marginsFor } from '../dive/labels.js';
import { rasterize } from '../dive/raster.js';
import { diveHtml, diveText } from '../dive/static.js';
import type { DiveColumn } from '../dive/columns.js';
import { encodePng } from './png.js';
import { DiveSource } from './dive-source.js';

export interface DiveOptions extends Partial<DiveView> {
  /** Most rows drawn; above it a seeded sample of this many is shown (default 1,000,000). */
  cap?: number;
  /** Seed of the sample and of the draw order (default 0). */
  seed?: number;
  /** Embed the first view's columns in the output (so it re-renders without a kernel) up to this many bytes (default 256 KiB; 0 never). */
  embedBytes?: number;
  /** Size of the static snapshot in pixels (default 760 × 440). */
  width?: number;
  height?: number;
  title?: string;
}

export const DEFAULT_CAP = 1_000_000;
export const DEFAULT_EMBED_BYTES = 256 << 10;

const isTable = (v: unknown): v is ColumnTable => typeof (v as ColumnTable | null)?.columnNames === 'function' && typeof (v as ColumnTable).numRows === 'function';

function asTable(v: unknown): ColumnTable {
  if (isTable(v)) return v;
  if (isDanfo(v)) return fromDanfo(v);
  throw new DataError(`display.dive: expected a table (arquero, e.g. from readCsv, or a danfo DataFrame), got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}. Wrap arrays of records with aq.from(records)`);
}

function positiveInt(name: string, v: number | undefined, fallback: number, min = 1): number {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v < min) throw new DataError(`display.dive: ${name} must be a whole number ≥ ${min}, got ${v}`);
  return v;
}

export interface DiveBuild {
  bundle: MimeBundle;
  source: DiveSource;
  view: DiveView;
  layout: DiveLayout;
}

/** The payload, snapshot and summary of a Dive of `input`. */
export function buildDive(input: unknown, opts: DiveOptions = {}, channel?: string): DiveBuild {
  const table = asTable(input);
  if (table.numCols() === 0) throw new DataError('display.dive: the table has no columns');
  if (table.numRows() === 0) throw new DataError('display.dive: the table has no rows; nothing to show. Check the filter or loader that produced it');
  const cap = positiveInt('cap', opts.cap, DEFAULT_CAP);
  const seed = positiveInt('seed', opts.seed, 0, 0);
  const source = new DiveSource(table, cap, seed);
  const view = resolveView(source.columns, opts);
  const used = new Map<string, DiveColumn>(viewColumns(view).map((name) => [name, source.column(name)]));
  const payload: DivePayload = {
    version: 1,
    rows: source.rows,
    sample: source.shown ? { of: source.total, seed } : null,
    columns: source.columns,
    view,
    ...(channel ? { channel } : {}),
    ...(opts.title ? { title: opts.title } : {}),
  };
  const embedBytes = opts.embedBytes ?? DEFAULT_EMBED_BYTES;
  const bytes = [...used.values()].reduce((s, c) => s + c.data.byteLength, 0);
  if (bytes <= embedBytes) payload.data = Object.fromEntries([...used].map(([name, c]) => [name, embedded(c)]));

  const width = positiveInt('width', opts.width, 760, 100), height = positiveInt('height', opts.height, 440, 100);
  // Margins depend on the facet labels only: a first pass finds them, the second (sharing its work) fits the rest.
  const cache = new LayoutCache();
  const margin = marginsFor(diveLayout({ n: source.rows, columns: used, view, aspect: 1, seed }, cache));
  const aspect = (width - margin.left - margin.right) / (height - margin.top - margin.bottom);
  const layout = diveLayout({ n: source.rows, columns: used, view, aspect, seed }, cache);
  const vp: Viewport = { width, height, margin: marginsFor(layout) };
  const camera = fitCamera(worldBounds(layout), vp);
  const pixels = new Uint8Array(width * height * 4);
  rasterize(layout, camera, vp, pixels);
  const png = Buffer.from(encodePng({ width, height, channels: 4, data: pixels })).toString('base64');
  const bundle = tsmlBundle(TsmlMime.dive, payload, { html: diveHtml(payload, layout, { png, camera, viewport: vp }), text: diveText(payload, layout) });
  return { bundle, source, view, layout };
}

function embedded(c: DiveColumn): DiveEmbeddedColumn {
  return { info: c.info, base64: Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength).toString('base64') };
}
