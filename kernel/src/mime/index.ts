/**
 * The MIME contract shared by the kernel (which produces bundles) and the
 * JupyterLab extension (which renders them). It has no runtime dependencies so
 * the extension can bundle it without pulling in Node code.
 */
import type { ChannelRef } from './channel.js';

/** Standard MIME types the display system emits. */
export const StandardMime = {
  plain: 'text/plain',
  html: 'text/html',
  markdown: 'text/markdown',
  latex: 'text/latex',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  pdf: 'application/pdf',
  json: 'application/json',
  javascript: 'application/javascript',
  plotly: 'application/vnd.plotly.v1+json',
  vegalite: 'application/vnd.vegalite.v5+json',
  vega: 'application/vnd.vega.v5+json',
} as const;

/** tsml's own MIME types, one per panel or rich value; versioned so old notebooks keep rendering. */
export const TsmlMime = {
  table: 'application/vnd.tsml.table.v1+json',
  tensor: 'application/vnd.tsml.tensor.v1+json',
  overview: 'application/vnd.tsml.overview.v1+json',
  dive: 'application/vnd.tsml.dive.v1+json',
  missing: 'application/vnd.tsml.missing.v1+json',
  outliers: 'application/vnd.tsml.outliers.v1+json',
  loss: 'application/vnd.tsml.loss.v1+json',
} as const;

export type StandardMimeType = (typeof StandardMime)[keyof typeof StandardMime];
export type TsmlMimeType = (typeof TsmlMime)[keyof typeof TsmlMime];

/**
 * Payload of `TsmlMime.table`: a bounded view of a table (never all of its rows).
 * `channel` (a kernel rendered it) lets the live view page and sort all rows (table.ts).
 */
export interface TablePayload extends ChannelRef {
  shape: [rows: number, columns: number];
  columns: { name: string; dtype: string; missing: number }[];
  /** Row numbers and JSON-safe cell values (NaN → null, dates → ISO strings) of the rows shown. */
  head: { row: number; cells: unknown[] }[];
  tail: { row: number; cells: unknown[] }[];
  /** Rows between head and tail are hidden. */
  truncated: boolean;
  /** Columns beyond those listed are hidden. */
  columnsTruncated: boolean;
}

/** A Jupyter MIME bundle: MIME type to data (strings for text and base64 images, JSON otherwise). */
export interface MimeBundle {
  'text/plain'?: string;
  'text/html'?: string;
  'text/markdown'?: string;
  'text/latex'?: string;
  'image/svg+xml'?: string;
  'image/png'?: string;
  'image/jpeg'?: string;
  'application/json'?: unknown;
  [mime: string]: unknown;
}

/** Per-MIME metadata, e.g. `{ 'image/png': { width: 200 } }`. */
export type MimeMetadata = Record<string, unknown>;

/**
 * Every bundle that carries a tsml MIME type also carries static fallbacks so a
 * notebook reads in plain Jupyter, nbviewer, GitHub and after a headless run.
 */
export type TsmlBundle<M extends TsmlMimeType, P> = MimeBundle & {
  [K in M]: P;
} & {
  'text/html': string;
  'text/plain': string;
};

/** Builds a tsml bundle; the fallbacks are required by the type, not just by convention. */
export function tsmlBundle<M extends TsmlMimeType, P>(
  mime: M,
  payload: P,
  fallback: { html: string; text: string },
): TsmlBundle<M, P> {
  return { [mime]: payload, 'text/html': fallback.html, 'text/plain': fallback.text } as TsmlBundle<M, P>;
}

/** True when a MIME type is one of tsml's own. */
export function isTsmlMime(mime: string): mime is TsmlMimeType {
  return (Object.values(TsmlMime) as string[]).includes(mime);
}

/**
 * Deno's display protocol: an object with this method renders itself. tsml uses
 * the same symbol so values from Deno-style libraries render unchanged.
 */
export const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');

export interface SelfDisplaying {
  [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle>;
}

/** One axis of a tensor preview: positions [0, head) and [length - tail, length) are shown. */
export interface TensorAxisView {
  length: number;
  head: number;
  tail: number;
}

/**
 * Payload of `TsmlMime.tensor`: what a tensor is (shape, dtype, backend, bytes)
 * and a bounded preview of its values — never all of them.
 */
export interface TensorPayload {
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'complex64' | 'string' | (string & {});
  /** The tfjs backend holding the values ('wasm', 'cpu', 'tensorflow', 'webgpu'); null when unknown. */
  backend: string | null;
  size: number;
  /** Bytes the values take in the backend; null when unknown (strings of another tfjs copy). */
  bytes: number | null;
  /**
   * The shown positions of each axis and their values, row-major. Non-finite
   * numbers travel as the strings 'NaN', 'Infinity', '-Infinity'; complex
   * values as [re, im]. Null when values cannot be shown (see `note`).
   */
  preview: { axes: TensorAxisView[]; values: (number | boolean | string | [number, number])[]; truncated: boolean } | null;
  /** Why there is no preview, e.g. 'disposed'. */
  note?: string;
  /** Tensors and bytes the backend held when this was rendered, to spot leaks. */
  memory?: { tensors: number; bytes: number };
}

/**
 * Payload of `TsmlMime.overview`: Facets' `DatasetFeatureStatisticsList`
 * (featureStatistics package, feature_statistics.proto) in its proto3 JSON
 * mapping, so statistics from Python's facets generator or TFDV render too.
 * Readers must accept what any proto3 JSON writer emits: uint64 fields as
 * numbers or decimal strings, non-finite doubles as 'NaN' / 'Infinity' /
 * '-Infinity', and fields left out when they hold their default (0, '', []).
 * `protoNumber` reads either form.
 */
export type ProtoDouble = number | 'NaN' | 'Infinity' | '-Infinity';
export type ProtoUint64 = number | string;

/** A proto3 JSON number (double or uint64, number or string form) as a JS number; absent is 0. */
export function protoNumber(v: ProtoDouble | ProtoUint64 | undefined | null): number {
  return v === undefined || v === null ? 0 : typeof v === 'number' ? v : Number(v);
}

export interface HistogramBucket {
  lowValue?: ProtoDouble;
  highValue?: ProtoDouble;
  sampleCount?: ProtoDouble;
}

export interface Histogram {
  numNan?: ProtoUint64;
  numUndefined?: ProtoUint64;
  buckets?: HistogramBucket[];
  /** Absent means 'STANDARD' (the enum's default). */
  type?: 'STANDARD' | 'QUANTILES';
  name?: string;
}

export interface RankHistogramBucket {
  lowRank?: ProtoUint64;
  highRank?: ProtoUint64;
  label?: string;
  sampleCount?: ProtoDouble;
}

export interface RankHistogram {
  buckets?: RankHistogramBucket[];
  name?: string;
}

export interface WeightedCommonStatistics {
  numNonMissing?: ProtoDouble;
  numMissing?: ProtoDouble;
  avgNumValues?: ProtoDouble;
  totNumValues?: ProtoDouble;
}

export interface CommonStatistics {
  numNonMissing?: ProtoUint64;
  numMissing?: ProtoUint64;
  minNumValues?: ProtoUint64;
  maxNumValues?: ProtoUint64;
  avgNumValues?: ProtoDouble;
  totNumValues?: ProtoUint64;
  numValuesHistogram?: Histogram;
  weightedCommonStats?: WeightedCommonStatistics;
  featureListLengthHistogram?: Histogram;
}

export interface NumericStatistics {
  commonStats?: CommonStatistics;
  mean?: ProtoDouble;
  stdDev?: ProtoDouble;
  numZeros?: ProtoUint64;
  min?: ProtoDouble;
  median?: ProtoDouble;
  max?: ProtoDouble;
  /** Facets puts the equal-width ('STANDARD') histogram first, then the 'QUANTILES' one. */
  histograms?: Histogram[];
  weightedNumericStats?: { mean?: ProtoDouble; stdDev?: ProtoDouble; median?: ProtoDouble; histograms?: Histogram[] };
}

export interface FreqAndValue {
  value?: string;
  frequency?: ProtoDouble;
}

export interface StringStatistics {
  commonStats?: CommonStatistics;
  unique?: ProtoUint64;
  topValues?: FreqAndValue[];
  avgLength?: ProtoDouble;
  rankHistogram?: RankHistogram;
  weightedStringStats?: { topValues?: FreqAndValue[]; rankHistogram?: RankHistogram };
}

export interface CustomStatistic {
  name?: string;
  num?: ProtoDouble;
  str?: string;
  histogram?: Histogram;
  rankHistogram?: RankHistogram;
}

export interface FeatureNameStatistics {
  name?: string;
  path?: { step?: string[] };
  /** Absent means 'INT' (the enum's default). */
  type?: 'INT' | 'FLOAT' | 'STRING' | 'BYTES' | 'STRUCT';
  numStats?: NumericStatistics;
  stringStats?: StringStatistics;
  bytesStats?: { commonStats?: CommonStatistics; unique?: ProtoUint64; avgNumBytes?: ProtoDouble; minNumBytes?: ProtoDouble; maxNumBytes?: ProtoDouble };
  structStats?: { commonStats?: CommonStatistics };
  customStats?: CustomStatistic[];
}

export interface DatasetFeatureStatistics {
  name?: string;
  numExamples?: ProtoUint64;
  weightedNumExamples?: ProtoDouble;
  features?: FeatureNameStatistics[];
}

export interface DatasetFeatureStatisticsList {
  datasets?: DatasetFeatureStatistics[];
}

/** Payload of `TsmlMime.overview`. */
export type OverviewPayload = DatasetFeatureStatisticsList;
export * from './channel.js';
export * from './dive.js';
export * from './table.js';
export * from './loss.js';
export * from './missing.js';
export * from './outliers.js';
