/**
 * The columns a Dive panel holds: decoded from the payload (small tables) or
 * assembled from the kernel's chunks, plus the mapping between shown
 * positions and table rows (a seeded sample is recomputed from its seed).
 */
import { arrayFor, columnFromBytes, fromBase64, positionOf, sampleRows, valueAt, type DiveColumn } from 'tsml/dive';
import type { DiveColumnChunk, DivePayload } from 'tsml/mime';

export class DiveData {
  readonly columns = new Map<string, DiveColumn>();
  private readonly partial = new Map<string, { col: DiveColumn; received: number }>();
  private sampled: Uint32Array | null | undefined;
  /** Bytes of column data received (embedded or over the channel), for the status line and the benchmark. */
  bytes = 0;

  constructor(readonly payload: DivePayload) {
    for (const [name, e] of Object.entries(payload.data ?? {})) {
      const bytes = fromBase64(e.base64);
      this.columns.set(name, columnFromBytes(e.info, bytes, payload.rows));
      this.bytes += bytes.byteLength;
    }
  }

  get n(): number {
    return this.payload.rows;
  }

  /** Table rows of the shown positions (null: position = row). */
  private get shown(): Uint32Array | null {
    if (this.sampled === undefined) {
      const s = this.payload.sample;
      this.sampled = s ? sampleRows(s.of, this.payload.rows, s.seed) : null;
    }
    return this.sampled;
  }

  tableRow(position: number): number {
    const s = this.shown;
    return s ? s[position] : position;
  }

  /** Shown position of a table row, or -1 when it is not in the sample. */
  position(row: number): number {
    const s = this.shown;
    if (!s) return row >= 0 && row < this.n ? row : -1;
    return positionOf(s, row);
  }

  /** Adds one chunk; returns the column once all of its rows arrived. */
  receive(msg: DiveColumnChunk, buffer: DataView | ArrayBuffer | Uint8Array): DiveColumn | null {
    const name = msg.info.name;
    let p = this.partial.get(name);
    if (!p) {
      p = { col: { info: msg.info, data: arrayFor(msg.info.dtype, msg.rows) }, received: 0 };
      this.partial.set(name, p);
    }
    const raw = buffer instanceof Uint8Array ? buffer : buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const chunk = columnFromBytes(msg.info, raw, msg.length);
    p.col.data.set(chunk.data as never, msg.start);
    p.received += msg.length;
    this.bytes += raw.byteLength;
    if (p.received < msg.rows) return null;
    this.partial.delete(name);
    this.columns.set(name, p.col);
    return p.col;
  }

  /** The row's values among the loaded columns (the kernel has the others). */
  localValues(position: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, col] of this.columns) out[name] = valueAt(col, position);
    return out;
  }
}
