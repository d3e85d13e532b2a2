/**
 * The MIME contract shared by the kernel (which produces bundles) and the
 * JupyterLab extension (which renders them). It has no runtime dependencies so
 * the extension can bundle it without pulling in Node code.
 */

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

/** Payload of `TsmlMime.table`: a bounded view of a table (never all of its rows). */
export interface TablePayload {
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
