/**
 * String columns, built a block of rows at a time. Most string columns in
 * data sets are categorical (a few distinct values repeated), so each
 * distinct byte string is decoded, and checked against the NA strings, once:
 * fields are looked up by a hash of their bytes, as pandas' parser does with
 * its string table. A column with too many distinct values stops looking
 * them up and slices every field instead.
 */
import type { FieldText } from './fields.js';
import type { Block } from './reader.js';

/** Beyond this many distinct values a column is treated as free text. */
const MAX_DISTINCT = 1 << 16;

/** Masks keeping the first 0–4 bytes of a little-endian 32-bit load. */
const SHORT = [0, 0xff, 0xffff, 0xffffff, -1];

/**
 * A field of up to four bytes as one integer (its bytes, read at once), or 0
 * for a longer one. With the length, it identifies a short field exactly:
 * short values (codes, categories) are looked up without a byte loop.
 */
function shortKey(text: FieldText, s: number, e: number): number {
  const len = e - s;
  if (len > 4) return 0;
  if (s + 4 <= text.bytes.length) return text.view.getInt32(s, true) & SHORT[len];
  let key = 0;
  for (let i = e - 1; i >= s; i--) key = (key << 8) | text.bytes[i];
  return key;
}

/** FNV-1a over the field's bytes, or a mix of its short key. */
function hashOf(b: Uint8Array, s: number, e: number, key: number): number {
  if (e - s <= 4) {
    const h = Math.imul(key ^ (e - s), 0x9e3779b1);
    return h ^ (h >>> 15);
  }
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h;
}

/**
 * Open-addressing table from byte strings to ids. Keys are copied into
 * `arena`, since the chunk they were read from is reused.
 */
class Distinct {
  private slots = new Int32Array(1 << 10).fill(-1);
  private arena = new Uint8Array(1 << 12);
  private used = 0;
  private bounds = new Int32Array(1 << 10);
  private hashes = new Int32Array(1 << 9);
  private keys = new Int32Array(1 << 9);
  private ids = new Int32Array(1 << 9);
  size = 0;

  /** The id of bytes[s, e) (`key`: its shortKey), or -1 - (the free slot for it). */
  find(b: Uint8Array, s: number, e: number, h: number, key: number): number {
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const k = this.slots[slot];
      if (k < 0) return -1 - slot;
      if (this.hashes[k] === h && this.keys[k] === key && this.equals(k, b, s, e)) return this.ids[k];
    }
  }

  private equals(k: number, b: Uint8Array, s: number, e: number): boolean {
    const from = this.bounds[k];
    if (this.bounds[k + 1] - from !== e - s) return false;
    if (e - s <= 4) return true; // the short key said it all
    const arena = this.arena;
    for (let i = s, j = from; i < e; i++, j++) if (b[i] !== arena[j]) return false;
    return true;
  }

  /** Adds bytes[s, e) with its id, at the free slot find gave. */
  add(slot: number, b: Uint8Array, s: number, e: number, h: number, key: number, id: number): void {
    const k = this.size++;
    if (this.used + e - s > this.arena.length) this.arena = grown(this.arena, Math.max(this.arena.length * 2, this.used + e - s));
    if (k + 2 > this.bounds.length) this.bounds = grown(this.bounds, this.bounds.length * 2);
    if (k + 1 > this.hashes.length) [this.hashes, this.keys, this.ids] = [this.hashes, this.keys, this.ids].map((a) => grown(a, a.length * 2));
    this.keys[k] = key;
    this.arena.set(b.subarray(s, e), this.used);
    this.bounds[k] = this.used;
    this.used += e - s;
    this.bounds[k + 1] = this.used;
    this.hashes[k] = h;
    this.ids[k] = id;
    this.slots[slot] = k;
    // At most a quarter full: a probe that goes on is a mispredicted branch.
    if (this.size * 4 > this.slots.length) this.rehash();
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let k = 0; k < this.size; k++) {
      let slot = this.hashes[k] & mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = k;
    }
  }
}

function grown<T extends Int32Array | Uint8Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}

/** A text column as read by one thread: ids into its texts, or every row's text once there were too many. */
export type TextPart = { kind: 'text'; rows: number } & ({ ids: Int32Array; texts: (string | null)[] } | { values: (string | null)[] });

/** A part of `rows` missing values. */
export const nullPart = (rows: number): TextPart => ({ kind: 'text', rows, ids: new Int32Array(rows), texts: [null] });

/**
 * A text column: rows hold ids of distinct texts while the column looks
 * like a categorical one (no string per row is made until the end), then
 * texts row by row.
 */
export class TextColumn {
  private ids = new Int32Array(16);
  private rows = 0;
  /** Text by id, null for NA strings. */
  private readonly texts: (string | null)[] = [];
  private table: Distinct | undefined = new Distinct();
  /** Ids of escaped fields (and missing rows), which bypass the table since no bytes hold their text. */
  private readonly byText = new Map<string | null, number>();
  /** Every row's text, once the column has too many distinct values for ids. */
  private free?: (string | null)[];

  /** `nulls`: rows before this column was known to be text, all of which were missing. */
  constructor(
    private readonly na: Set<string>,
    nulls = 0,
  ) {
    if (nulls) this.ids = new Int32Array(nulls).fill(this.idOf(null));
    this.rows = nulls;
  }

  private idOf(text: string | null): number {
    let id = this.byText.get(text);
    if (id === undefined) this.byText.set(text, (id = this.texts.push(text) - 1));
    return id;
  }

  /** Room for `rows` values (an estimate from the input's size, so the ids are allocated once). */
  reserve(rows: number): void {
    if (rows > this.ids.length) this.ids = grown(this.ids, rows);
  }

  /** Touches the room reserved beyond the rows read, so its memory is mapped now rather than when rows arrive. */
  touch(): void {
    this.ids.fill(0, this.rows);
  }

  add(b: Block, col: number, text: FieldText): void {
    if (this.table && this.table.size >= MAX_DISTINCT) this.free = this.values();
    if (this.free) return this.addFree(b, col, text);
    if (this.rows + b.count > this.ids.length) this.ids = grown(this.ids, Math.max(this.rows + b.count, this.ids.length * 2));
    const { starts, ends, stride, count, escapes } = b;
    const bytes = text.bytes;
    const { ids, texts, na } = this;
    const table = this.table!;
    const anyEscaped = escapes.size > 0;
    for (let r = 0, k = col, at = this.rows; r < count; r++, k += stride) {
      const x = anyEscaped ? escapes.get(k) : undefined;
      if (x !== undefined) {
        ids[at + r] = this.idOf(na.has(x) ? null : x);
        continue;
      }
      const s = starts[k];
      const e = ends[k];
      const key = shortKey(text, s, e);
      const h = hashOf(bytes, s, e, key);
      const found = table.find(bytes, s, e, h, key);
      if (found >= 0) {
        ids[at + r] = found;
        continue;
      }
      const v = text.decode(s, e);
      const id = texts.push(na.has(v) ? null : v) - 1;
      table.add(-1 - found, bytes, s, e, h, key, id);
      ids[at + r] = id;
    }
    this.rows += count;
  }

  private addFree(b: Block, col: number, text: FieldText): void {
    const { starts, ends, stride, count, escapes } = b;
    const { free, na } = this;
    for (let r = 0, k = col; r < count; r++, k += stride) {
      const v = escapes.get(k) ?? text.slice(starts[k], ends[k]);
      free!.push(na.has(v) ? null : v);
    }
    this.rows += count;
  }

  /** What the column holds, to join to the same column read by another thread (ids can be transferred; texts are few). */
  part(): TextPart {
    return this.free ? { kind: 'text', rows: this.rows, values: this.free } : { kind: 'text', rows: this.rows, ids: this.ids.subarray(0, this.rows), texts: this.texts };
  }

  /** Appends the part read from the bytes that follow; nothing is added after it (its texts have no bytes to look up). */
  append(p: TextPart): void {
    if (this.free || 'values' in p) {
      this.free = this.values().concat('values' in p ? p.values : Array.from(p.ids, (id) => p.texts[id]));
      this.rows += p.rows;
      return;
    }
    const known = new Map<string | null, number>();
    this.texts.forEach((t, id) => known.has(t) || known.set(t, id));
    const idOf = Int32Array.from(p.texts, (t) => known.get(t) ?? (known.set(t, this.texts.length), this.texts.push(t) - 1));
    if (this.rows + p.rows > this.ids.length) this.ids = grown(this.ids, this.rows + p.rows);
    for (let r = 0; r < p.rows; r++) this.ids[this.rows + r] = idOf[p.ids[r]];
    this.rows += p.rows;
  }

  /** Each row's text, null where it is an NA string. */
  values(): (string | null)[] {
    if (this.free) return this.free;
    const { ids, texts } = this;
    const out = new Array<string | null>(this.rows);
    for (let r = 0; r < this.rows; r++) out[r] = texts[ids[r]];
    return out;
  }

  /** The distinct values, when every row has an id (undefined for free text). */
  distinct(): (string | null)[] | undefined {
    return this.free ? undefined : [...new Set(this.texts)];
  }
}
