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
import { checkOptions, DataError } from '../data/errors.js';
import { diveLayout, LayoutCache, type DiveLayout } from '../dive/layout.js';
import { DiveOptionError, resolveView, viewColumns } from '../dive/view.js';
import { fitCamera, worldBounds, type Viewport } from '../dive/camera.js';
import { marginsFor } from '../dive/labels.js';
import { rasterize } from '../dive/raster.js';
import { diveHtml, diveText, type StaticImage } from '../dive/static.js';
import { subsetColumn, type DiveColumn } from '../dive/columns.js';
import { sampleRows } from '../dive/sample.js';
import { encodePng } from './png.js';
import { DiveSource } from './dive-source.js';

export interface DiveOptions extends Partial<DiveView> {
  /** Most rows drawn; above it a seeded sample of this many is shown (default 1,000,000). */
  cap?: number;
  /** Seed of the sample and of the draw order (default 0). */
  seed?: number;
  /** Embed the first view's columns in the output (so it re-renders without a kernel) up to this many bytes (default 256 KiB; 0 never). */
  embedBytes?: number;
  /** Height of the panel's drawing area and of the snapshot, pixels (default 480). */
  height?: number;
  /** Width of the snapshot, pixels (default 760; the panel fills the output's width). */
  width?: number;
  title?: string;
}

export const DEFAULT_CAP = 1_000_000;
const DIVE_OPTIONS = ['row', 'column', 'layout', 'x', 'y', 'sort', 'color', 'label', 'size', 'bins', 'facetValues', 'colorValues', 'pointScale',
  'cap', 'seed', 'embedBytes', 'height', 'width', 'title', 'display_id', 'metadata'];
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
  // `colour: 'income'` or `x_axis` would otherwise draw an uncoloured stack without a word.
  checkOptions('display.dive', opts, DIVE_OPTIONS, DiveOptionError);
  if (table.numCols() === 0) throw new DataError('display.dive: the table has no columns');
  if (table.numRows() === 0) throw new DataError('display.dive: the table has no rows; nothing to show. Check the filter or loader that produced it');
  const cap = positiveInt('cap', opts.cap, DEFAULT_CAP);
  const seed = positiveInt('seed', opts.seed, 0, 0);
  const source = new DiveSource(table, cap, seed);
  const view = resolveView(source.columns, opts);
  const used = new Map<string, DiveColumn>(viewColumns(view).map((name) => [name, source.column(name)]));
  const height = positiveInt('height', opts.height, 480, 100);
  const payload: DivePayload = {
    version: 1,
    height,
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

  const snap = snapshot(used, source.rows, view, seed, positiveInt('width', opts.width, 760, 100), height);
  const bundle = tsmlBundle(TsmlMime.dive, payload, { html: diveHtml(payload, snap.layout, snap.image), text: diveText(payload, snap.layout) });
  return { bundle, source, view, layout: snap.layout };
}

/** Above this many shown rows the snapshot is drawn from a seeded sample of them (a 760-pixel image shows no more). */
export const SNAPSHOT_ROWS = 200_000;

/** The first view as a PNG, laid out for the image's shape. */
function snapshot(columns: Map<string, DiveColumn>, rows: number, view: DiveView, seed: number, width: number, height: number): { layout: DiveLayout; image: StaticImage } {
  let n = rows, used = columns, sampled: number | undefined;
  if (rows > SNAPSHOT_ROWS) {
    const positions = sampleRows(rows, SNAPSHOT_ROWS, seed);
    used = new Map([...columns].map(([name, c]) => [name, subsetColumn(c, positions)]));
    n = SNAPSHOT_ROWS;
    sampled = rows;
  }
  // Margins depend on the facet labels only: a first pass finds them, the second (sharing its work) fits the rest.
  const cache = new LayoutCache();
  const margin = marginsFor(diveLayout({ n, columns: used, view, aspect: 1, seed }, cache));
  const aspect = (width - margin.left - margin.right) / (height - margin.top - margin.bottom);
  const layout = diveLayout({ n, columns: used, view, aspect, seed }, cache);
  const viewport: Viewport = { width, height, margin: marginsFor(layout) };
  const camera = fitCamera(worldBounds(layout), viewport);
  const pixels = new Uint8Array(width * height * 4);
  rasterize(layout, camera, viewport, pixels);
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < pixels.length; i += 4, j += 3) { rgb[j] = pixels[i]; rgb[j + 1] = pixels[i + 1]; rgb[j + 2] = pixels[i + 2]; }
  const png = Buffer.from(encodePng({ width, height, channels: 3, data: rgb })).toString('base64');
  return { layout, image: { png, camera, viewport, sampledFrom: sampled } };
}

function embedded(c: DiveColumn): DiveEmbeddedColumn {
  return { info: c.info, base64: Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength).toString('base64') };
}
