/**
 * The live side of a table output: a channel that serves any page of rows,
 * in any sort order, to the table panel. The bundle stays the same bounded
 * head/tail view (the fallback without a kernel) plus the channel's id.
 */
import type { ColumnTable } from 'arquero';
import { channelsLive, openChannel, type Channel } from '../../channel/index.js';
import {
  TABLE_LIVE_COLUMNS_MAX,
  TABLE_PAGE_MAX,
  TsmlMime,
  type MimeBundle,
  type TablePayload,
  type TableRowsReply,
  type TableRowsRequest,
  type TableSchema,
  type TableSortKey,
} from '../../mime/index.js';
import { columnOf, countMissing, type Values } from '../columns.js';
import { dtypeOf } from '../dtype.js';
import { jsonSafe, tableBundle } from './display.js';
import { sortOrder } from './table-sort.js';

/** Live views kept per kernel; older ones close (their panels fall back to the saved rows), so tables shown long ago can be freed. */
export const LIVE_TABLES_MAX = 32;
const live: Channel[] = [];

class LiveTable {
  private readonly names: string[];
  private readonly columns = new Map<string, Values>();
  private sorted: { key: string; order: Uint32Array } | undefined;

  constructor(private readonly table: ColumnTable) {
    this.names = table.columnNames().slice(0, TABLE_LIVE_COLUMNS_MAX);
  }

  private column(name: string): Values {
    let c = this.columns.get(name);
    if (!c) this.columns.set(name, (c = columnOf(this.table, name)));
    return c;
  }

  private schemaMsg: TableSchema | undefined;

  /** Every shown column's dtype and missing count (computed once: each connecting view gets the same). */
  schema(): TableSchema {
    return (this.schemaMsg ??= {
      type: 'schema',
      rows: this.table.numRows(),
      columns: this.names.map((name) => {
        const c = this.column(name);
        return { name, dtype: dtypeOf(c), missing: countMissing(c) };
      }),
      columnsTruncated: this.table.numCols() > this.names.length,
    });
  }

  rows(req: TableRowsRequest): TableRowsReply {
    const total = this.table.numRows();
    const start = Number(req.start), count = Number(req.count);
    if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 0) {
      throw new RangeError(`a 'rows' request needs whole numbers start >= 0 and count >= 0; got start ${req.start}, count ${req.count}`);
    }
    const sort = this.checkSort(req.sort ?? []);
    const order = this.order(sort);
    const end = Math.min(total, start + Math.min(count, TABLE_PAGE_MAX));
    const cols = this.names.map((n) => this.column(n));
    const rows: TableRowsReply['rows'] = [];
    for (let i = start; i < end; i++) {
      const r = order ? order[i] : i;
      rows.push({ row: r, cells: cols.map((c) => jsonSafe(c[r])) });
    }
    return { type: 'rows', seq: req.seq, start, sort, total, rows };
  }

  private checkSort(sort: TableSortKey[]): TableSortKey[] {
    if (!Array.isArray(sort)) throw new TypeError(`'sort' must be a list of { column, descending }; got ${JSON.stringify(sort)}`);
    return sort.map((k) => {
      if (!this.names.includes(k?.column)) {
        throw new RangeError(`cannot sort by unknown column '${k?.column}'; the table has: ${this.names.slice(0, 20).join(', ')}${this.names.length > 20 ? ', …' : ''}`);
      }
      return { column: k.column, descending: Boolean(k.descending) };
    });
  }

  /** The row order for `sort`; the last one is kept, so paging through a sorted table sorts once. */
  private order(sort: TableSortKey[]): Uint32Array | undefined {
    if (sort.length === 0) return undefined;
    const key = JSON.stringify(sort);
    if (this.sorted?.key !== key) {
      const order = sortOrder(sort.map((k) => this.column(k.column)), sort.map((k) => k.descending), this.table.numRows());
      this.sorted = { key, order };
    }
    return this.sorted.order;
  }
}

/** The table's bundle; in a kernel, with a channel that pages and sorts every row for the table panel. */
export function liveTableBundle(table: ColumnTable): MimeBundle {
  const bundle = tableBundle(table);
  if (!channelsLive()) return bundle;
  const view = new LiveTable(table);
  const ch = openChannel();
  ch.onConnect((v) => v.send(view.schema()));
  ch.on('rows', (msg, _buffers, v) => v.send(view.rows(msg as TableRowsRequest)));
  live.push(ch);
  while (live.length > LIVE_TABLES_MAX) live.shift()!.close('this table view was closed to free memory (only the latest 32 stay live); run the cell again to browse it');
  (bundle[TsmlMime.table] as TablePayload).channel = ch.id;
  return bundle;
}
