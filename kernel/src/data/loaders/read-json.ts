/**
 * readJson: an array of records (`[{a: 1}, …]`), column arrays (`{a: [1, …]}`),
 * or JSON lines (`lines: true`), like pandas' read_json orients.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { readText, type Encoding } from '../source.js';
import { DataError } from '../errors.js';

export interface JsonOptions {
  /** One JSON record per line (NDJSON). */
  lines?: boolean;
  encoding?: Encoding;
  /** Only these columns, in this order. */
  columns?: string[];
}

/**
 * Parses JSON text into a table: an array of records, an object of columns, or JSON lines (`lines:
 * true`).
 */
export function parseJson(text: string, opts: JsonOptions & { source?: string } = {}): ColumnTable {
  const where = opts.source ? ` in ${opts.source}` : '';
  let value: unknown;
  try {
    value = opts.lines
      ? text.split('\n').filter((l) => l.trim()).map((l, i) => {
          try {
            return JSON.parse(l);
          } catch (e) {
            throw new DataError(`line ${i + 1}${where} is not valid JSON: ${(e as Error).message}`);
          }
        })
      : JSON.parse(text);
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`not valid JSON${where}: ${(e as Error).message}. For one record per line pass { lines: true }.`);
  }
  let t: ColumnTable;
  if (Array.isArray(value)) t = aq.from(value as object[]);
  else if (value && typeof value === 'object' && Object.values(value).every(Array.isArray)) t = aq.table(value as Record<string, unknown[]>);
  else throw new DataError(`JSON${where} must be an array of records or an object of column arrays`);
  return opts.columns ? t.select(opts.columns) : t;
}

/**
 * Reads a JSON file (path relative to the notebook) or URL into a table: an array of records, an
 * object of columns, or JSON lines (`lines: true`).
 */
export async function readJson(source: string | URL, opts: JsonOptions = {}): Promise<ColumnTable> {
  return parseJson(await readText(source, opts.encoding), { ...opts, source: String(source) });
}
