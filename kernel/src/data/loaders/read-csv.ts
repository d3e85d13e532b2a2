/**
 * readCsv / readTsv: pandas-like options over a tokenizer that reports bad
 * rows and values precisely; columns become arquero table columns.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { readText, type Encoding } from '../source.js';
import { tokenize, type TokenizeOptions } from '../csv/tokenize.js';
import { DEFAULT_NA, naContext, typeColumn, type ParseSpec } from '../csv/infer.js';
import { assertColumns } from '../errors.js';

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

/** Parses CSV text (for data already in memory). */
export function parseCsv(text: string, opts: CsvOptions & { source?: string } = {}): ColumnTable {
  const tok = tokenize(text, opts);
  const na = naContext(new Set([...(opts.keepDefaultNa === false ? [] : DEFAULT_NA), ...(opts.naValues ?? [])]));
  if (opts.parse) assertColumns(tok.names, Object.keys(opts.parse), 'column in parse');
  const wanted = opts.columns ?? tok.names;
  assertColumns(tok.names, wanted);
  const data: Record<string, unknown> = {};
  for (const name of wanted) {
    const idx = tok.names.indexOf(name);
    data[name] = typeColumn(tok, tok.columns[idx], opts.parse?.[name], { name, ...na, source: opts.source });
  }
  return aq.table(data as Record<string, unknown[]>, wanted);
}

/** Reads a CSV file (path relative to the notebook) or URL into a table. */
export async function readCsv(source: string | URL, opts: CsvOptions = {}): Promise<ColumnTable> {
  return parseCsv(await readText(source, opts.encoding), { ...opts, source: String(source) });
}

/** readCsv with a tab delimiter. */
export function readTsv(source: string | URL, opts: CsvOptions = {}): Promise<ColumnTable> {
  return readCsv(source, { delimiter: '\t', ...opts });
}
