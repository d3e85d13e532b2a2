/**
 * What `display.dive` returns: the cell-side view of one Dive output. The
 * panel reports its selection over the channel as it changes, so the next
 * cell reads it with `selection()` / `selected()`; `highlight()` goes the
 * other way and marks rows in every open view of this output.
 */
import type { ColumnTable } from 'arquero';
import type { DiveIndexEncoding, DiveView } from '../mime/dive.js';
import { decodeRows, encodeRows, type EncodedRows } from '../dive/codec.js';
import { NO_OUTPUT } from './format.js';
import type { DiveSource } from './dive-source.js';

/** What a handle sends to its views; set once the output's channel exists. */
export type DiveSend = (msg: { type: 'highlight' | 'selection'; encoding: DiveIndexEncoding; count: number; rows: number }, buffer: Uint8Array) => void;

/**
 * The handle `display.dive(table, opts)` returns: `selection()` / `selected()` read what is selected in
 * the panel (or by `select()`), `select(rows | test)` selects from code, `highlight(rows)` rings rows in
 * every open view of this Dive.
 */
export class Dive {
  readonly [NO_OUTPUT] = true;
  private selectedRows: Uint32Array = new Uint32Array(0);
  private highlighted: EncodedRows | null = null;
  private send: DiveSend | null = null;

  constructor(private readonly source: DiveSource, readonly view: DiveView, readonly channel: string | null) {}

  /** Rows in the table (not only the shown sample). */
  get rows(): number {
    return this.source.total;
  }

  /** Row numbers (0-based, in the table) selected in the panel, ascending. Empty until something is selected. */
  selection(): number[] {
    return Array.from(this.selectedRows);
  }

  /** The selected rows as a table (same columns, selection order). */
  selected(): ColumnTable {
    return this.source.take(this.selectedRows);
  }

  /**
   * Selects rows from code, as a Shift+drag in the panel would: row numbers, or a test on each row
   * object (`d.select((r) => r.age > 60)`). Open views show it; `selection()` returns it.
   */
  select(rows: ArrayLike<number> | ((row: Record<string, unknown>, index: number) => boolean)): number[] {
    const picked = typeof rows === 'function' ? this.source.rowsWhere(rows) : rows;
    this.selectedRows = this.checkedRows(picked, 'select');
    const e = encodeRows(this.selectedRows, this.source.total);
    this.send?.({ type: 'selection', encoding: e.encoding, count: e.count, rows: this.source.total }, e.bytes);
    return this.selection();
  }

  /** Marks these table rows in every open view of this Dive (`[]` or null clears). Rows outside a sample are counted, not drawn. */
  highlight(rows: ArrayLike<number> | null): void {
    this.highlighted = encodeRows(this.checkedRows(rows ?? [], 'highlight'), this.source.total);
    this.flushHighlight();
  }

  /** Sorted, distinct row numbers, each checked to be a row of the table. */
  private checkedRows(rows: ArrayLike<number>, what: string): Uint32Array {
    const sorted = Uint32Array.from(rows, (r) => {
      if (!Number.isInteger(r) || r < 0 || r >= this.source.total) throw new RangeError(`${what}: ${r} is not a row of the table (0–${this.source.total - 1})`);
      return r;
    }).sort();
    return sorted.filter((r, i) => i === 0 || r !== sorted[i - 1]);
  }

  /** Called by the channel wiring: where highlights go (every connected view). */
  connect(send: DiveSend): void {
    this.send = send;
  }

  /** Sends the current highlight and selection to one view (one that just connected). */
  resend(send: DiveSend): void {
    const h = this.highlighted;
    if (h) send(this.highlightMessage(h), h.bytes);
    if (this.selectedRows.length) {
      const e = encodeRows(this.selectedRows, this.source.total);
      send({ type: 'selection', encoding: e.encoding, count: e.count, rows: this.source.total }, e.bytes);
    }
  }

  private highlightMessage(h: EncodedRows) {
    return { type: 'highlight' as const, encoding: h.encoding, count: h.count, rows: this.source.total };
  }

  /** Called by the channel wiring when a view reports its selection. */
  receiveSelection(encoding: DiveIndexEncoding, bytes: Uint8Array): void {
    this.selectedRows = decodeRows(encoding, bytes, this.source.total);
  }

  private flushHighlight(): void {
    const h = this.highlighted;
    if (h && this.send) this.send(this.highlightMessage(h), h.bytes);
  }

  toString(): string {
    const n = this.selectedRows.length;
    return `Dive(${this.source.total.toLocaleString('en-US')} rows, ${n.toLocaleString('en-US')} selected)`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
