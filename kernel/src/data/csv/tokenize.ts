/**
 * RFC 4180 tokenizer (quoted fields, doubled quotes, embedded newlines, CRLF).
 * It records each field as offsets into the text instead of creating a string
 * per field: numeric columns are then parsed straight from the characters, and
 * only string columns pay for strings. It checks every row's field count, so a
 * ragged row is reported by its line number instead of silently shifting
 * values into the wrong columns.
 */
import { DataError } from '../errors.js';

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

/** One column's fields as [start, end) offsets into the text. */
export interface FieldColumn {
  starts: Int32Array;
  ends: Int32Array;
  /** Unescaped text of fields that contained doubled quotes, by row. */
  escaped: Map<number, string>;
}

export interface Tokenized {
  text: string;
  names: string[];
  columns: FieldColumn[];
  rows: number;
  /** 1-based physical line where a data row starts (for error messages). */
  lineOf: (row: number) => number;
  skipped: { line: number; fields: number }[];
}

/** The text of one field. */
export function fieldText(t: Tokenized, col: FieldColumn, row: number): string {
  return col.escaped.get(row) ?? t.text.slice(col.starts[row], col.ends[row]);
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

class Growable {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

export function tokenize(text: string, opts: TokenizeOptions = {}): Tokenized {
  const delimiter = opts.delimiter ?? ',';
  if (delimiter.length !== 1) throw new DataError(`delimiter must be one character, got '${delimiter}'`);
  const delim = delimiter.charCodeAt(0);
  const comment = opts.comment?.charCodeAt(0) ?? -1;
  const maxRows = opts.nrows ?? Infinity;
  const onBad = opts.onBadLines ?? 'error';
  const where = opts.source ? ` in ${opts.source}` : '';
  const n = text.length;
  let i = 0;
  let line = 1;
  for (let s = opts.skipRows ?? 0; s > 0 && i < n; i++) if (text.charCodeAt(i) === LF) (s--, line++);

  let names: string[] | undefined = opts.header === false ? opts.names : undefined;
  let starts: Growable[] = [];
  let ends: Growable[] = [];
  let escaped: Map<number, string>[] = [];
  const rowLines = new Growable();
  const skipped: { line: number; fields: number }[] = [];
  // The current row's fields, kept as offsets until the row is known to be well formed.
  const fs: number[] = [];
  const fe: number[] = [];
  const fx: (string | undefined)[] = [];
  let rows = 0;

  const setNames = (list: string[]) => {
    names = list;
    starts = list.map(() => new Growable());
    ends = list.map(() => new Growable());
    escaped = list.map(() => new Map());
  };
  if (names) setNames(names);

  const endRow = (startLine: number, count: number) => {
    if (count === 1 && fs[0] === fe[0] && fx[0] === undefined) return; // blank line
    if (!names) {
      const first = Array.from({ length: count }, (_, k) => fx[k] ?? text.slice(fs[k], fe[k]));
      setNames(opts.header === false ? first.map((_, k) => `col${k + 1}`) : first.map((f, k) => f || `Unnamed: ${k}`));
      if (opts.header !== false) return;
    }
    if (count !== names!.length) {
      if (onBad === 'error') {
        throw new DataError(
          `line ${startLine}${where} has ${count} field${count === 1 ? '' : 's'} but the header has ${names!.length}. ` +
            `Fix the file, or pass { onBadLines: 'skip' } to drop such rows (or 'warn' to drop and list them).`,
        );
      }
      skipped.push({ line: startLine, fields: count });
      return;
    }
    for (let k = 0; k < count; k++) {
      starts[k].push(fs[k]);
      ends[k].push(fe[k]);
      if (fx[k] !== undefined) escaped[k].set(rows, fx[k]!);
    }
    rowLines.push(startLine);
    rows++;
  };

  while (i < n && rows < maxRows) {
    const rowStart = line;
    if (text.charCodeAt(i) === comment) {
      while (i < n && text.charCodeAt(i) !== LF) i++;
      i++;
      line++;
      continue;
    }
    let count = 0;
    for (;;) {
      let s: number;
      let e: number;
      let x: string | undefined;
      if (text.charCodeAt(i) === QUOTE) {
        s = ++i;
        let j = i;
        let out: string | undefined;
        for (;;) {
          if (j >= n) throw new DataError(`unterminated quoted field starting on line ${rowStart}${where}: a closing " is missing`);
          const c = text.charCodeAt(j);
          if (c === QUOTE) {
            if (text.charCodeAt(j + 1) === QUOTE) {
              out = (out ?? '') + text.slice(i, j + 1);
              i = j += 2;
              continue;
            }
            break;
          }
          if (c === LF) line++;
          j++;
        }
        if (out !== undefined) x = out + text.slice(i, j);
        e = j;
        i = j + 1;
        while (i < n && text.charCodeAt(i) === 32) i++; // spaces between a closing quote and the delimiter
      } else {
        s = i;
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        e = j;
        i = j;
      }
      fs[count] = s;
      fe[count] = e;
      fx[count] = x;
      count++;
      const c = i < n ? text.charCodeAt(i) : LF;
      if (c === delim) {
        i++;
        continue;
      }
      if (c === CR) i++;
      if (i < n && text.charCodeAt(i) === LF) i++;
      else if (c !== CR && i < n) throw new DataError(`unexpected character after a quoted field on line ${line}${where}`);
      line++;
      break;
    }
    endRow(rowStart, count);
  }
  if (!names) setNames(opts.names ?? []);
  if (onBad === 'warn' && skipped.length) {
    const list = skipped.slice(0, 10).map((s) => `line ${s.line} (${s.fields} fields)`).join(', ');
    process.stderr.write(`skipped ${skipped.length} bad line(s)${where}: ${list}${skipped.length > 10 ? ', …' : ''}\n`);
  }
  const lines = rowLines.done();
  return {
    text,
    names: names!,
    columns: names!.map((_, k) => ({ starts: starts[k].done(), ends: ends[k].done(), escaped: escaped[k] })),
    rows,
    lineOf: (r) => lines[r] ?? -1,
    skipped,
  };
}
