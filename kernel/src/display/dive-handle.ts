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
export type DiveSend = (msg: { type: 'highlight'; encoding: DiveIndexEncoding; count: number; rows: number }, buffer: Uint8Array) => void;

/** What `display.dive` returns: the selection made in the panel (`selection()`, `selected()`), and `highlight()` of rows in every open view. */
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

  /** Marks these table rows in every open view of this Dive (`[]` or null clears). Rows outside a sample are counted, not drawn. */
  highlight(rows: ArrayLike<number> | null): void {
    const sorted = Uint32Array.from(rows ?? [], (r) => {
      if (!Number.isInteger(r) || r < 0 || r >= this.source.total) throw new RangeError(`highlight: ${r} is not a row of the table (0–${this.source.total - 1})`);
      return r;
    }).sort();
    const distinct = sorted.filter((r, i) => i === 0 || r !== sorted[i - 1]);
    this.highlighted = encodeRows(distinct, this.source.total);
    this.flushHighlight();
  }

  /** Called by the channel wiring: where highlights go, and (re)sends the current one to a view that connects. */
  connect(send: DiveSend): void {
    this.send = send;
    this.flushHighlight();
  }

  /** Called by the channel wiring when a view reports its selection. */
  receiveSelection(encoding: DiveIndexEncoding, bytes: Uint8Array): void {
    this.selectedRows = decodeRows(encoding, bytes, this.source.total);
  }

  private flushHighlight(): void {
    const h = this.highlighted;
    if (h && this.send) this.send({ type: 'highlight', encoding: h.encoding, count: h.count, rows: this.source.total }, h.bytes);
  }

  toString(): string {
    const n = this.selectedRows.length;
    return `Dive(${this.source.total.toLocaleString('en-US')} rows, ${n.toLocaleString('en-US')} selected)`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
