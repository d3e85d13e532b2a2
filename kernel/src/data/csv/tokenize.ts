/**
 * RFC 4180 row scanner (quoted fields, doubled quotes, embedded newlines,
 * CRLF) over a chunk of the file's bytes. No string is made per field: a
 * field of a column read as numbers is parsed on the spot, other fields are
 * kept as [start, end) byte offsets, and only string columns pay for
 * decoding. Working on bytes, a chunk at a time, is what keeps it within
 * reach of pandas' C parser: a large CSV never becomes one huge JavaScript
 * string or one huge array of offsets. The bytes must be ASCII-compatible
 * (UTF-8 or a single-byte encoding), since delimiters, quotes and newlines
 * are found as single bytes.
 */
import { DataError } from '../errors.js';
import type { FieldText } from './fields.js';
import { decimal } from './numbers.js';

export interface TokenizeOptions {
  delimiter?: string;
  /** true: the first row holds column names; false: names are col1, col2, … unless `names` is given. */
  header?: boolean;
  names?: string[];
  /** Physical lines to skip before the header (or the data when there is no header). */
  skipRows?: number;
  /** Read at most this many data rows. */
  nrows?: number;
  /** What to do with a row whose field count differs from the header's: 'error' (default), 'skip' or 'warn'. */
  onBadLines?: 'error' | 'skip' | 'warn';
  /** Lines starting with this character are ignored. */
  comment?: string;
  /** Label used in error messages (the file name). */
  source?: string;
}

/** scanRow's answer when the chunk ends before the row does (more bytes will come). */
export const INCOMPLETE = -1;

/** What the scanner does with a column's fields: nothing, keep their offsets, or parse them as numbers on the spot. */
export const SKIP = 0;
export const STORE = 1;
export const NUMBER = 2;

export const LF = 10;
const QUOTE = 34;
const CR = 13;
const SPACE = 32;

/** Where the scan of a chunk stands, and where the fields of the row being read go. */
export interface Scan {
  text: FieldText;
  /** No more bytes will follow this chunk. */
  final: boolean;
  delim: number;
  i: number;
  /** 1-based physical line at i. */
  line: number;
  /** Per column: SKIP, STORE or NUMBER; fields past its length are skipped. */
  kinds: Uint8Array;
  /** STORE fields: field k of block row r, at slot r · stride + k, spans bytes [starts[slot], ends[slot]). */
  stride: number;
  starts: Int32Array;
  ends: Int32Array;
  /** NUMBER fields: their value, column by column (`rowsPerColumn` each), so a column's block of values is one run. */
  values: Float64Array;
  rowsPerColumn: number;
  /** NUMBER fields that are not plain decimals, for the column to settle: (column, slot, start, end) each. */
  pending: Int32Array;
  npending: number;
  /** By slot: unescaped text of the current row's fields that contained doubled quotes. */
  escapes: Map<number, string>;
  /** The row scanned last was one empty field. */
  blank: boolean;
  /** ' in <file>' for error messages. */
  where: string;
}

function defer(s: Scan, col: number, slot: number, start: number, end: number): void {
  if (s.npending + 4 > s.pending.length) {
    const next = new Int32Array(s.pending.length * 2 + 64);
    next.set(s.pending);
    s.pending = next;
  }
  const p = s.pending;
  const at = s.npending;
  p[at] = col;
  p[at + 1] = slot;
  p[at + 2] = start;
  p[at + 3] = end;
  s.npending = at + 4;
}

/**
 * Reads the quoted field whose opening quote is at i; returns the index of
 * its closing quote, or INCOMPLETE. Doubled quotes inside make an unescaped
 * copy of the text, kept in s.escapes at `slot` (unless the field is skipped).
 */
function quoted(s: Scan, i: number, slot: number, keep: boolean, rowStart: number): number {
  const bytes = s.text.bytes;
  const n = bytes.length;
  let from = i + 1;
  let out: string | undefined;
  for (let j = from; ; j++) {
    if (j >= n) {
      if (!s.final) return INCOMPLETE;
      throw new DataError(`unterminated quoted field starting on line ${rowStart}${s.where}: a closing " is missing`);
    }
    const c = bytes[j];
    if (c === LF) s.line++;
    if (c !== QUOTE) continue;
    if (j + 1 >= n && !s.final) return INCOMPLETE;
    if (bytes[j + 1] !== QUOTE) {
      if (out !== undefined && keep) s.escapes.set(slot, out + s.text.decode(from, j));
      return j;
    }
    out = (out ?? '') + s.text.decode(from, j + 1);
    from = ++j + 1;
  }
}

/**
 * Reads one row from s.i as row `row` of the block, its fields going where
 * s.kinds says; returns the row's field count, or INCOMPLETE, leaving s.i
 * and s.line to be rewound by the caller.
 */
export function scanRow(s: Scan, row: number): number {
  const { delim, starts, ends, kinds, values, rowsPerColumn } = s;
  const base = row * s.stride;
  const bytes = s.text.bytes;
  const n = bytes.length;
  // Bytes above both the delimiter and CR can never end an unquoted field.
  const plain = delim > CR ? delim : CR;
  // A row's end is only known once the byte after it (or the end of the input) is seen.
  const last = s.final ? n + 1 : n - 1;
  const rowStart = s.line;
  let i = s.i;
  let count = 0;
  let fs = i;
  let fe = i;
  for (;; count++) {
    const kind = count < kinds.length ? kinds[count] : SKIP;
    const slot = base + count;
    fs = i;
    if (bytes[i] === QUOTE) {
      fe = quoted(s, i, slot, kind !== SKIP, rowStart);
      if (fe === INCOMPLETE) return INCOMPLETE;
      fs = i + 1;
      i = fe + 1;
      while (i < n && bytes[i] === SPACE) i++; // spaces between a closing quote and the delimiter
      if (kind === NUMBER) defer(s, count, slot, fs, fe);
    } else {
      // A plain decimal is parsed on the way; anything else is scanned to its end and left to the column.
      let end = kind === NUMBER ? decimal(bytes, i, n, values, count * rowsPerColumn + row) : -1;
      const c = end >= 0 && end < n ? bytes[end] : delim;
      if (end < 0 || c > plain || (c !== delim && c !== LF && c !== CR)) {
        for (end = i; end < n; end++) {
          const b = bytes[end];
          if (b <= plain && (b === delim || b === LF || b === CR)) break;
        }
        if (kind === NUMBER) defer(s, count, slot, i, end);
      }
      i = fe = end;
    }
    if (kind === STORE) {
      starts[slot] = fs;
      ends[slot] = fe;
    }
    if (i >= last) return INCOMPLETE;
    const c = i < n ? bytes[i] : LF;
    if (c === delim) {
      i++;
      continue;
    }
    if (c === CR) i++;
    if (i < n && bytes[i] === LF) i++;
    else if (c !== CR && i < n) throw new DataError(`unexpected character after a quoted field on line ${s.line}${s.where}`);
    s.line++;
    s.i = i;
    s.blank = count === 0 && fs === fe;
    return count + 1;
  }
}

/** Moves past the line at s.i; false when the chunk ends first (more bytes will come). */
export function skipLine(s: Scan): boolean {
  const bytes = s.text.bytes;
  const next = bytes.indexOf(LF, s.i);
  if (next < 0 && !s.final) return false;
  s.i = next < 0 ? bytes.length : next + 1;
  s.line++;
  return true;
}
