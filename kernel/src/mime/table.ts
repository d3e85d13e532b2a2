/**
 * The interactive table view's messages over its channel (see channel.ts).
 * A table output's payload (`TablePayload`) carries `channel` when a kernel
 * rendered it; the panel then asks for rows a page at a time, in any order.
 */
import type { ChannelMessage } from './channel.js';

/** One sort key; several sort by the first, then the next among equal values. */
export interface TableSortKey {
  column: string;
  descending: boolean;
}

export interface TableColumnInfo {
  name: string;
  dtype: string;
  missing: number;
}

/** Kernel → view, on connect: every column the live view shows (more than the payload's first 40). */
export interface TableSchema extends ChannelMessage {
  type: 'schema';
  rows: number;
  columns: TableColumnInfo[];
  /** Columns beyond `columns` are not shown (very wide tables). */
  columnsTruncated: boolean;
}

/** View → kernel: rows [start, start + count) of the table in `sort` order (empty: stored order). */
export interface TableRowsRequest extends ChannelMessage {
  type: 'rows';
  /** Echoed in the reply, so a view can drop replies to requests it no longer needs. */
  seq: number;
  start: number;
  count: number;
  sort: TableSortKey[];
}

/** Kernel → the view that asked. `row` is the row's position in the table as stored (pandas' index). */
export interface TableRowsReply extends ChannelMessage {
  type: 'rows';
  seq: number;
  start: number;
  sort: TableSortKey[];
  total: number;
  /** JSON-safe cells, as in `TablePayload.head` (NaN → null, ±Infinity → strings, dates → ISO strings). */
  rows: { row: number; cells: unknown[] }[];
}

/** At most this many rows per request; the kernel answers fewer when asked for more. */
export const TABLE_PAGE_MAX = 1000;
/** The live view shows at most this many columns. */
export const TABLE_LIVE_COLUMNS_MAX = 500;
