/** What the cleaning panels accept as a table: arquero tables (any loader's) and danfo DataFrames. */
import type { ColumnTable } from 'arquero';
import { fromDanfo, isDanfo } from '../data/danfo.js';

export function asTable(v: unknown, who: string): ColumnTable {
  const t = v as ColumnTable | null;
  if (typeof t?.columnNames === 'function' && typeof t.numRows === 'function') return t;
  if (isDanfo(v)) return fromDanfo(v);
  throw new TypeError(`${who}: expected a table (an arquero table, e.g. from readCsv or a dataset, or a danfo DataFrame), got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`);
}
