/**
 * The Dive panel's conversation with the kernel over its channel: columns
 * requested once each (they arrive as binary chunks), full rows for cards,
 * the selection sent as the smallest of indices, ranges or a bitset, and
 * highlights coming back.
 */
import { decodeRows, encodeRows } from 'tsml/dive';
import type { ChannelMessage, DiveColumnChunk, DiveRowRequest, DiveRowsMessage } from 'tsml/mime';
import { panelHost, type Buffers, type PanelChannel } from '../../channel';

export interface LinkHandlers {
  column(msg: DiveColumnChunk, buffer: Uint8Array): void;
  highlight(rows: Uint32Array): void;
  /** The kernel selected rows (`d.select(...)` in a cell). */
  selection(rows: Uint32Array): void;
  /** The kernel no longer has this Dive (restart, another session). */
  gone(reason: string): void;
  error(message: string): void;
}

function bytes(b: Buffers[number] | undefined): Uint8Array {
  if (!b) return new Uint8Array(0);
  return b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

export class KernelLink {
  private readonly requested = new Set<string>();
  private readonly rows = new Map<number, (values: Record<string, unknown> | null) => void>();
  private seq = 0;

  private constructor(private readonly ch: PanelChannel, private readonly total: number, h: LinkHandlers) {
    ch.onMessage((m: ChannelMessage, buffers) => {
      if (m.type === 'column') h.column(m as DiveColumnChunk, bytes(buffers[0]));
      else if (m.type === 'row') {
        const r = m as DiveRowRequest;
        this.rows.get(r.id)?.(r.values ?? null);
        this.rows.delete(r.id);
      } else if (m.type === 'highlight' || m.type === 'selection') {
        const r = m as DiveRowsMessage;
        const rows = decodeRows(r.encoding, bytes(buffers[0]), this.total);
        if (m.type === 'highlight') h.highlight(rows);
        else h.selection(rows);
      } else if (m.type === 'channel-gone') {
        this.failRows();
        h.gone(String(m.reason ?? 'the kernel no longer has this Dive'));
      } else if (m.type === 'channel-error') {
        this.failRows();
        h.error(String(m.evalue ?? 'kernel error'));
      }
    });
  }

  /** A link to the kernel behind `channel`, or null without one (saved notebook, no kernel). */
  static async connect(node: HTMLElement, channel: string, total: number, h: LinkHandlers): Promise<KernelLink | null> {
    const ch = await panelHost().connect(node, channel, { showErrors: true });
    return ch ? new KernelLink(ch, total, h) : null;
  }

  get live(): boolean {
    return this.ch.state === 'open' || this.ch.state === 'connecting';
  }

  /** Asks for columns not asked for before; true when something was asked. */
  requestColumns(names: string[]): boolean {
    const fresh = names.filter((n) => !this.requested.has(n));
    if (!fresh.length) return false;
    fresh.forEach((n) => this.requested.add(n));
    return this.ch.send({ type: 'columns', names: fresh });
  }

  /** Every column of a table row, exact, from the kernel; null when it cannot answer. */
  row(row: number): Promise<Record<string, unknown> | null> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.rows.set(id, resolve);
      if (!this.ch.send({ type: 'row', id, row } satisfies DiveRowRequest)) {
        this.rows.delete(id);
        resolve(null);
      }
    });
  }

  /** Tells the kernel which table rows are selected (sorted). */
  select(rows: Uint32Array): void {
    const e = encodeRows(rows, this.total);
    const msg: DiveRowsMessage = { type: 'selection', encoding: e.encoding, count: e.count, rows: this.total, buffers: [{ name: 'rows', dtype: 'uint8' }] };
    this.ch.send(msg, [e.bytes]);
  }

  private failRows(): void {
    for (const resolve of this.rows.values()) resolve(null);
    this.rows.clear();
  }

  close(): void {
    this.failRows();
    this.ch.close();
  }
}
