/**
 * danfo.js interop. danfo is never a dependency of tsml (its npm package points
 * at a tarball outside the registry); when a notebook has it installed, its
 * DataFrames and Series render as tsml tables and convert both ways.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DataError } from './errors.js';

interface DanfoLike {
  $isSeries: boolean;
  columns: string[];
  values: unknown[] | unknown[][];
  column?: (name: string) => { values: unknown[] };
}

/** Whether a value is a danfo.js DataFrame or Series. */
export function isDanfo(v: unknown): v is DanfoLike {
  const o = v as Partial<DanfoLike> | null;
  return !!o && typeof o === 'object' && typeof o.$isSeries === 'boolean' && Array.isArray(o.columns) && 'values' in o;
}

/** A danfo DataFrame or Series as an arquero table (a Series becomes one column). */
export function fromDanfo(df: unknown): ColumnTable {
  if (!isDanfo(df)) throw new DataError('fromDanfo expects a danfo.js DataFrame or Series');
  if (df.$isSeries) return aq.table({ [df.columns[0] ?? 'value']: [...(df.values as unknown[])] });
  const rows = df.values as unknown[][];
  const data: Record<string, unknown[]> = {};
  df.columns.forEach((c, j) => (data[c] = rows.map((r) => r[j])));
  return aq.table(data, df.columns);
}

type Danfo = { DataFrame: new (data: Record<string, unknown[]>, opts?: { columns?: string[] }) => unknown };

/** Loads danfo the way a cell's import would: from the notebook's folder, then the kernel's. */
function loadDanfo(): Danfo {
  for (const base of [join(process.cwd(), 'x.js'), import.meta.url]) {
    const req = createRequire(base);
    for (const name of ['danfojs-node', 'danfojs']) {
      try {
        return req(name) as Danfo;
      } catch {
        // try the next
      }
    }
  }
  throw new DataError('toDanfo needs danfo.js: install danfojs-node or danfojs next to the notebook, or pass the module as toDanfo(table, dfd)');
}

/** An arquero table as a danfo DataFrame (missing numbers stay NaN, other missing values null). */
export function toDanfo(table: ColumnTable, dfd: Danfo = loadDanfo()): unknown {
  const data: Record<string, unknown[]> = {};
  for (const c of table.columnNames()) data[c] = Array.from(table.array(c) as ArrayLike<unknown>, (v) => (v === undefined ? null : v));
  return new dfd.DataFrame(data, { columns: table.columnNames() });
}
