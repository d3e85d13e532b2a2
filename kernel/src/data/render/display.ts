/** The MIME bundle of a table: tsml's table payload plus static HTML and text fallbacks. */
import type { ColumnTable } from 'arquero';
import { TsmlMime, tsmlBundle, type MimeBundle } from '../../mime/index.js';
import { tableView, type TableView, type ViewOptions } from './table-view.js';
import { tableHtml, tableText } from './table-html.js';

/** A cell as JSON carries it: NaN → null, ±Infinity → strings, bigints → strings, dates → ISO strings. */
export const jsonSafe = (v: unknown): unknown =>
  typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : String(v)) : typeof v === 'bigint' ? String(v) : v instanceof Date ? v.toISOString() : v ?? null;

/**
 * The MIME bundle a table renders as: text, a bounded HTML table (shape, dtypes, missing counts,
 * first and last rows).
 */
export function tableBundle(table: ColumnTable, opts?: ViewOptions): MimeBundle {
  const view = tableView(table, opts);
  const safe = (rows: TableView['head']) => rows.map((r) => ({ row: r.row, cells: r.cells.map(jsonSafe) }));
  const payload = { ...view, head: safe(view.head), tail: safe(view.tail) };
  return tsmlBundle(TsmlMime.table, payload, { html: tableHtml(view), text: tableText(view) });
}
