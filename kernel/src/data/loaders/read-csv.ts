/**
 * readCsv / readTsv: pandas-like options over a reader that reports bad
 * rows and values precisely; columns become arquero table columns. Files
 * are read a chunk at a time, never decoded whole, and large ones on two
 * threads.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { localFile, readBytes, readChunks, type Encoding } from '../source.js';
import type { TokenizeOptions } from '../csv/tokenize.js';
import { DEFAULT_NA, type ParseSpec } from '../csv/infer.js';
import { byteLabel, toUtf8 } from '../csv/fields.js';
import { CsvReader, Restart, type ReaderOptions } from '../csv/reader.js';
import { readParallel } from '../csv/parallel.js';
import { checkOptions } from '../errors.js';

export interface CsvOptions extends Omit<TokenizeOptions, 'source'> {
  /** Extra strings read as missing (pandas `na_values`), added to pandas' defaults unless keepDefaultNa is false. */
  naValues?: string[];
  keepDefaultNa?: boolean;
  /** Per-column parsing: 'number' | 'int' | 'string' | 'boolean' | 'date' or a function of the text. */
  parse?: Record<string, ParseSpec>;
  /** Only these columns, in this order. */
  columns?: string[];
  encoding?: Encoding;
}

type Options = CsvOptions & { source?: string };

const CSV_OPTIONS = ['delimiter', 'header', 'names', 'skipRows', 'nrows', 'onBadLines', 'comment', 'naValues', 'keepDefaultNa', 'parse', 'columns', 'encoding'];

function readerOptions(opts: Options, label: string, text: Set<string>): ReaderOptions {
  const na = new Set([...(opts.keepDefaultNa === false ? [] : DEFAULT_NA), ...(opts.naValues ?? [])]);
  return { ...opts, na, label, text };
}

function tableOf(r: CsvReader): ColumnTable {
  const { names, columns } = r.finish();
  return aq.table(columns as Record<string, unknown[]>, names);
}

/** A Restart names a column to read as text on the next try; any other error ends the read. */
function retry(e: unknown, text: Set<string>): void {
  if (!(e instanceof Restart)) throw e;
  text.add(e.column);
}

function fromBytes(bytes: Uint8Array, label: string, opts: Options): ColumnTable {
  for (const text = new Set<string>(); ; ) {
    try {
      const r = new CsvReader(readerOptions(opts, label, text));
      r.size(bytes.length);
      r.push(bytes, true);
      return tableOf(r);
    } catch (e) {
      retry(e, text);
    }
  }
}

/** Parses CSV text (for data already in memory). */
export function parseCsv(text: string, opts: Options = {}): ColumnTable {
  return fromBytes(new TextEncoder().encode(text), 'utf-8', opts);
}

/** Reads a CSV file (path relative to the notebook) or URL into a table. */
export async function readCsv(source: string | URL, opts: CsvOptions = {}): Promise<ColumnTable> {
  checkOptions('readCsv', opts, CSV_OPTIONS);
  return readCsvChunked(source, opts);
}

/**
 * readCsv with reads of `chunk` bytes, on two threads from `parallelBytes`
 * on (small values let tests put chunk ends and splits everywhere).
 */
export async function readCsvChunked(source: string | URL, opts: CsvOptions, chunk?: number, parallelBytes?: number): Promise<ColumnTable> {
  const o = { ...opts, source: String(source) };
  const label = byteLabel(opts.encoding);
  if (!label) return fromBytes(toUtf8(await readBytes(source), opts.encoding!), 'utf-8', o);
  const file = localFile(source);
  for (const text = new Set<string>(); ; ) {
    try {
      const options = readerOptions(o, label, text);
      const split = file ? await readParallel(file, options, chunk, parallelBytes) : undefined;
      return tableOf(split ?? (await oneThread(source, options, chunk)));
    } catch (e) {
      retry(e, text);
    }
  }
}

async function oneThread(source: string | URL, opts: ReaderOptions, chunk?: number): Promise<CsvReader> {
  const r = new CsvReader(opts);
  await readChunks(source, r, chunk);
  return r;
}

/** readCsv with a tab delimiter. */
export function readTsv(source: string | URL, opts: CsvOptions = {}): Promise<ColumnTable> {
  return readCsv(source, { delimiter: '\t', ...opts });
}
