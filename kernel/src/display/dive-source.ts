/**
 * The kernel side of a Dive's data: the table, the rows shown (all, or a
 * seeded sample above the cap), and each column encoded once, on first
 * request. Chunks for the channel stay far below the Jupyter server's 10 MB
 * websocket message limit.
 */
import type { ColumnTable } from 'arquero';
import type { DiveColumnChunk, DiveColumnSummary } from '../mime/dive.js';
import { arrowKind } from '../data/arrow.js';
import { columnOf, takeRows } from '../data/columns.js';
import { encodeColumn, valueKind } from '../dive/encode.js';
import { sampleRows } from '../dive/sample.js';
import type { DiveColumn } from '../dive/columns.js';

/** Bytes of column data per channel message: well under the server's 10 MB default. */
export const CHUNK_BYTES = 4 << 20;

export class DiveSource {
  /** Table rows shown, in order; null when every row is shown. */
  readonly shown: Uint32Array | null;
  readonly rows: number;
  readonly columns: DiveColumnSummary[];
  private readonly encoded = new Map<string, DiveColumn>();

  constructor(readonly table: ColumnTable, readonly cap: number, readonly seed: number) {
    const n = table.numRows();
    this.shown = n > cap ? sampleRows(n, cap, seed) : null;
    this.rows = this.shown ? this.shown.length : n;
    const probe = this.shown ? this.shown.subarray(0, Math.min(this.shown.length, 100_000)) : undefined;
    this.columns = table.columnNames().map((name) => ({ name, kind: this.kindOf(name, probe) }));
  }

  /** An Arrow column's kind from its type (no values converted); other columns from their values. */
  private kindOf(name: string, probe?: Uint32Array): 'number' | 'category' {
    const stored = !this.table.isFiltered() && !this.table.isOrdered() ? this.table.column(name) : undefined;
    const arrow = arrowKind(stored);
    if (arrow) return arrow === 'number' ? 'number' : 'category';
    return valueKind(columnOf(this.table, name), probe) === 'category' ? 'category' : 'number';
  }

  get total(): number {
    return this.table.numRows();
  }

  column(name: string): DiveColumn {
    let c = this.encoded.get(name);
    if (!c) {
      if (!this.columns.some((k) => k.name === name)) throw new Error(`unknown column '${name}'`);
      c = encodeColumn(name, columnOf(this.table, name), this.shown ?? undefined);
      // A probe can miss a rare string among numbers; the encoding has the last word on the kind.
      const summary = this.columns.find((k) => k.name === name)!;
      summary.kind = c.info.kind;
      this.encoded.set(name, c);
    }
    return c;
  }

  /** The column as channel messages: its description and its bytes, in chunks. */
  *chunks(name: string): Generator<{ msg: DiveColumnChunk; buffer: Uint8Array }> {
    const col = this.column(name);
    const bytes = new Uint8Array(col.data.buffer, col.data.byteOffset, col.data.byteLength);
    const per = col.data.BYTES_PER_ELEMENT;
    const step = Math.max(1, Math.floor(CHUNK_BYTES / per));
    for (let start = 0; start < this.rows || start === 0; start += step) {
      const length = Math.min(step, this.rows - start);
      yield {
        msg: { type: 'column', info: col.info, start, length, rows: this.rows, buffers: [{ name: 'data', dtype: 'uint8' }] },
        buffer: bytes.subarray(start * per, (start + length) * per),
      };
      if (length <= 0) break;
    }
  }

  /** Table row of a shown position. */
  tableRow(position: number): number {
    return this.shown ? this.shown[position] : position;
  }

  /** Every column of one table row, JSON-safe (NaN and ±Infinity as text, dates as ISO text). */
  rowValues(row: number): Record<string, unknown> {
    if (!Number.isInteger(row) || row < 0 || row >= this.total) throw new RangeError(`row ${row} is not in the table (0–${this.total - 1})`);
    const out: Record<string, unknown> = {};
    for (const { name } of this.columns) out[name] = jsonSafe(columnOf(this.table, name)[row]);
    return out;
  }

  /** Row numbers whose row object passes `test`. */
  rowsWhere(test: (row: Record<string, unknown>, index: number) => boolean): number[] {
    const names = this.columns.map((c) => c.name);
    const cols = names.map((n) => columnOf(this.table, n));
    const out: number[] = [];
    for (let i = 0; i < this.total; i++) {
      const row: Record<string, unknown> = {};
      for (let k = 0; k < names.length; k++) row[names[k]] = cols[k][i];
      if (test(row, i)) out.push(i);
    }
    return out;
  }

  /** The table's rows at these row numbers, in that order. */
  take(rows: ArrayLike<number>): ColumnTable {
    return takeRows(this.table, rows);
  }
}

export function jsonSafe(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  return v;
}
