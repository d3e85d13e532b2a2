/**
 * Payload of `TsmlMime.dive` and the Dive messages on the panel <-> kernel channel.
 *
 * The output itself stays small: what each column is (name, kind, encoding,
 * dictionary, range) and the view the cell asked for. The columns travel as
 * binary — comm buffers when a kernel is connected, or base64 in `data` for the
 * columns of the first view of a small table, so a saved notebook re-renders
 * live without a kernel. Encodings keep the wire at 1–2 bytes per point for
 * categories and small integers, 4 for other numbers.
 */
import type { ChannelMessage, ChannelRef } from './channel.js';

/** How a column's values are stored on the wire, one element per shown row. */
export type DiveDtype = 'uint8' | 'uint16' | 'uint32' | 'float32';

/**
 * Numbers: `value = offset + stored`. Integer columns are sent as the smallest
 * of uint8/uint16/uint32 their range fits, the top code (255, 65535, 2^32 - 1)
 * meaning missing; other columns as float32 of `value - offset` (NaN missing,
 * ±Infinity kept; exact to about range / 2^24).
 */
export interface DiveNumberColumn {
  name: string;
  kind: 'number';
  dtype: DiveDtype;
  offset: number;
  /** Finite range of the shown rows; null when no value is finite. */
  min: number | null;
  max: number | null;
  /** Every finite value is an integer. */
  integer: boolean;
  /** Values were Dates (milliseconds since the epoch). */
  temporal?: boolean;
  /** Null, undefined or NaN. */
  missing: number;
  posInf: number;
  negInf: number;
}

/**
 * Categories (strings, booleans, anything not numeric): codes into `values`,
 * most frequent first. The two top codes are reserved: 255/65535 missing,
 * 254/65534 any value beyond the dictionary ("other").
 */
export interface DiveCategoryColumn {
  name: string;
  kind: 'category';
  dtype: 'uint8' | 'uint16';
  values: string[];
  /** Rows per dictionary value, same order. */
  counts: number[];
  /** Rows whose value is beyond the dictionary (the long tail). */
  other: number;
  missing: number;
  /** Distinct present values (exact). */
  unique: number;
}

export type DiveColumnInfo = DiveNumberColumn | DiveCategoryColumn;

export type DiveLayoutMode = 'stack' | 'scatter';

/** What is drawn; every field is also a control in the panel. Column names or null for none. */
export interface DiveView {
  /** Facet rows by this column. */
  row: string | null;
  /** Facet columns by this column. */
  column: string | null;
  layout: DiveLayoutMode;
  /** Scatter axes. */
  x: string | null;
  y: string | null;
  /** Stacked grid order inside a facet (null: row order). */
  sort: string | null;
  color: string | null;
  /** Text drawn on each point once zoomed in far enough to read it. */
  label: string | null;
  /** Point size by a numeric column (null: all the same). */
  size: string | null;
  /** Equal-width bins for numeric facets. */
  bins: number;
  /** Most frequent values kept as their own facet for categorical facets; the rest are "other". */
  facetValues: number;
  /** Most frequent values with their own colour; the rest are grey. */
  colorValues: number;
  /** Point size multiplier. */
  pointScale: number;
}

export interface DiveSample {
  /** Rows in the table. */
  of: number;
  seed: number;
  /** The rows shown are `sampleRows(of, shown, seed)` (tsml/dive), sorted. */
}

/** A column of the table as the payload lists it; its encoding comes with its data. */
export interface DiveColumnSummary {
  name: string;
  kind: 'number' | 'category';
}

/** A column's description and its bytes (base64 of the stored array), embedded in the payload. */
export interface DiveEmbeddedColumn {
  info: DiveColumnInfo;
  base64: string;
}

/** Payload of `TsmlMime.dive`. */
export interface DivePayload extends ChannelRef {
  version: 1;
  /** Rows shown (after sampling). */
  rows: number;
  /** Set when the table had more rows than the cap: a seeded sample is shown. */
  sample: DiveSample | null;
  columns: DiveColumnSummary[];
  view: DiveView;
  /** The columns of the first view, for small tables, so a saved notebook re-renders without a kernel. */
  data?: Record<string, DiveEmbeddedColumn>;
  title?: string;
}

// ---- Channel messages (see ChannelMessage) ----

/** Panel → kernel: send these columns. */
export interface DiveColumnsRequest extends ChannelMessage {
  type: 'columns';
  names: string[];
}

/**
 * Kernel → panel: rows [start, start + length) of a column, in buffer 0. Chunks
 * stay well under the server's 10 MB message limit; `info` describes the whole column.
 */
export interface DiveColumnChunk extends ChannelMessage {
  type: 'column';
  info: DiveColumnInfo;
  start: number;
  length: number;
  rows: number;
}

/** Panel → kernel: the full row for a card; kernel → panel: its values (JSON-safe: NaN/±Infinity as strings). */
export interface DiveRowRequest extends ChannelMessage {
  type: 'row';
  id: number;
  /** Row number in the table. */
  row: number;
  values?: Record<string, unknown>;
}

/** How a set of row numbers travels: the smallest of a sorted index list, [start, end) ranges, or a bitset. */
export type DiveIndexEncoding = 'indices' | 'ranges' | 'bitset';

/** Panel → kernel (selection) or kernel → panel (highlight): row numbers of the table, in buffer 0. */
export interface DiveRowsMessage extends ChannelMessage {
  type: 'selection' | 'highlight';
  encoding: DiveIndexEncoding;
  count: number;
  /** Rows in the table (the bitset's length). */
  rows: number;
}

/** Kernel → panel: a column request could not be served. */
export interface DiveErrorMessage extends ChannelMessage {
  type: 'error';
  message: string;
}
