/**
 * Exact counts of the distinct values of an Arrow UTF-8 column, keyed by
 * their bytes across every batch, and each row's value as a small integer
 * id. Nothing is decoded until asked for: the top values, or the few short
 * values that could be sentinels, become JavaScript strings; a column of a
 * million distinct names costs typed arrays, never a million strings. The
 * ids are a collision-free hash of the column for duplicate detection, and
 * the rows holding a value are a scan of them.
 */
import type { ColumnTable } from 'arquero';
import { arrowColumnOf } from './access.js';
import { bytesHash, decoder } from './stream/utf8.js';

interface Utf8Batch {
  length: number;
  bytes: Uint8Array;
  offsets: Int32Array;
  validity?: Uint8Array;
}

export interface CountedValue {
  value: string;
  count: number;
  /** The value's id in `ids`. */
  id: number;
}

export class Utf8Counts {
  /** Per row, its value's id, or −1 where missing. */
  readonly ids: Int32Array;
  /** Rows with a value. */
  present = 0;
  private size = 0;
  private batchOf = new Int32Array(1024);
  private startOf = new Int32Array(1024);
  private endOf = new Int32Array(1024);
  private hashOf = new Int32Array(1024);
  private countOf = new Float64Array(1024);
  private slots = new Int32Array(4096);

  private constructor(private readonly batches: Utf8Batch[], rows: number) {
    this.ids = new Int32Array(rows);
    let row = 0;
    batches.forEach((b, k) => {
      for (let i = 0; i < b.length; i++, row++) {
        if (b.validity && ((b.validity[i >> 3] >> (i & 7)) & 1) === 0) this.ids[row] = -1;
        else {
          this.ids[row] = this.idOf(k, b.offsets[i], b.offsets[i + 1]);
          this.present++;
        }
      }
    });
  }

  /** Counts of an Arrow UTF-8 column in stored order (undefined for other columns: plain arrays, dictionaries, 64-bit offsets). */
  static of(table: ColumnTable, name: string): Utf8Counts | undefined {
    const col = arrowColumnOf(table, name);
    if (!col) return undefined;
    const batches: Utf8Batch[] = [];
    for (const b of col.data) {
      if (!(b.offsets instanceof Int32Array && b.values instanceof Uint8Array)) return undefined;
      const nulls = b.nullCount > 0 && b.validity !== undefined && b.validity.length > 0;
      batches.push({ length: b.length, bytes: b.values, offsets: b.offsets, validity: nulls ? b.validity : undefined });
    }
    return new Utf8Counts(batches, table.numRows());
  }

  /** Distinct values. */
  get distinct(): number {
    return this.size;
  }

  private idOf(batch: number, s: number, e: number): number {
    const bytes = this.batches[batch].bytes;
    const h = bytesHash(bytes, s, e);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot];
      if (at === 0) return this.insert(batch, s, e, h, slot);
      const d = at - 1;
      if (this.hashOf[d] === h && this.equal(d, bytes, s, e)) {
        this.countOf[d]++;
        return d;
      }
    }
  }

  private equal(d: number, bytes: Uint8Array, s: number, e: number): boolean {
    const other = this.batches[this.batchOf[d]].bytes;
    const o = this.startOf[d];
    if (this.endOf[d] - o !== e - s) return false;
    for (let i = 0; i < e - s; i++) if (other[o + i] !== bytes[s + i]) return false;
    return true;
  }

  private insert(batch: number, s: number, e: number, h: number, slot: number): number {
    const d = this.size++;
    if (d === this.batchOf.length) this.grow();
    this.batchOf[d] = batch;
    this.startOf[d] = s;
    this.endOf[d] = e;
    this.hashOf[d] = h;
    this.countOf[d] = 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.slots[slot] = d + 1;
    return d;
  }

  private grow(): void {
    const more = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a as never);
      return b;
    };
    this.batchOf = more(this.batchOf);
    this.startOf = more(this.startOf);
    this.endOf = more(this.endOf);
    this.hashOf = more(this.hashOf);
    this.countOf = more(this.countOf);
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let d = 0; d < this.size; d++) {
      let slot = this.hashOf[d] & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = d + 1;
    }
  }

  /** Bytes of value `d`. */
  private bytesOf(d: number): Uint8Array {
    return this.batches[this.batchOf[d]].bytes.subarray(this.startOf[d], this.endOf[d]);
  }

  /** Value `d` as a string. */
  text(d: number): string {
    return decoder.decode(this.bytesOf(d));
  }

  /** UTF-8 length of value `d`. */
  byteLength(d: number): number {
    return this.endOf[d] - this.startOf[d];
  }

  /** First byte of value `d` (undefined when empty). */
  firstByte(d: number): number | undefined {
    return this.endOf[d] > this.startOf[d] ? this.batches[this.batchOf[d]].bytes[this.startOf[d]] : undefined;
  }

  count(d: number): number {
    return this.countOf[d];
  }

  /**
   * The `k` most frequent values, ties by value (compared as UTF-8 bytes,
   * which is code point order), so only those `k` are decoded.
   */
  top(k: number): CountedValue[] {
    // A min-heap of the best k ids so far, worst at the root.
    const heap: number[] = [];
    const worse = (a: number, b: number) => this.countOf[a] < this.countOf[b] || (this.countOf[a] === this.countOf[b] && compareBytes(this.bytesOf(a), this.bytesOf(b)) > 0);
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l], heap[m])) m = l;
        if (r < heap.length && worse(heap[r], heap[m])) m = r;
        if (m === i) return;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    };
    for (let d = 0; d < this.size && k > 0; d++) {
      if (heap.length < k) {
        heap.push(d);
        for (let i = heap.length - 1; i > 0 && worse(heap[i], heap[(i - 1) >> 1]); i = (i - 1) >> 1) [heap[i], heap[(i - 1) >> 1]] = [heap[(i - 1) >> 1], heap[i]];
      } else if (worse(heap[0], d)) {
        heap[0] = d;
        down(0);
      }
    }
    return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0)).map((id) => ({ value: this.text(id), count: this.countOf[id], id }));
  }

  /** The first `max` rows holding value `d`. */
  rowsOf(d: number, max: number): number[] {
    const rows: number[] = [];
    for (let i = 0; i < this.ids.length && rows.length < max; i++) if (this.ids[i] === d) rows.push(i);
    return rows;
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
