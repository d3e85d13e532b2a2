/**
 * The streaming core of readCsv. Bytes arrive in chunks; complete rows are
 * scanned a block at a time, and each block is turned into column values
 * before the chunk's buffer is reused. Memory then holds the columns being
 * built, not the file nor an offset per field: on large files that saves
 * more time (first touches of fresh memory) than it costs. A column is read
 * as numbers, parsed during the scan, until a field says otherwise: the
 * block is then scanned again with the column as text, or, when earlier
 * blocks (whose bytes are gone) held numbers, the reader throws Restart and
 * the caller reads again with that column as text from the start.
 */
import { DataError, assertColumns } from '../errors.js';
import { FieldText } from './fields.js';
import { INCOMPLETE, NUMBER, SKIP, STORE, scanRow, skipLine, type Scan, type TokenizeOptions } from './tokenize.js';
import { NumberColumn, finishText, naContext, type Column, type NumberPart, type ParseSpec, type TypeContext } from './infer.js';
import { TextColumn, nullPart, type TextPart } from './texts.js';

/** Rows per block: their offsets stay in cache while the block's columns are built. */
const BLOCK = 2048;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

export interface Block {
  /** Field k of block row r spans bytes [starts[r * stride + k], ends[r * stride + k]) of the chunk. */
  starts: Int32Array;
  ends: Int32Array;
  /** Slots per row: the column count (at least 1). */
  stride: number;
  /** Rows the block holds at most, and holds now. */
  capacity: number;
  count: number;
  /** By slot: unescaped text of fields that contained doubled quotes. */
  escapes: Map<number, string>;
  /** Values of the fields the scanner parsed as numbers: column k's from k · capacity on. */
  values: Float64Array;
  /** 1-based physical line where each row starts (for error messages). */
  lines: Int32Array;
  /** Where the block's first row starts in the chunk, on which line, and how many bad rows were skipped before it. */
  from: number;
  fromLine: number;
  skipped: number;
}

export interface ReaderOptions extends TokenizeOptions {
  /** Strings read as missing. */
  na: Set<string>;
  parse?: Record<string, ParseSpec>;
  /** Only these columns, in this order. */
  columns?: string[];
  /** WHATWG label of the bytes' encoding ('utf-8' drops a leading BOM). */
  label: string;
  /** Columns already known to be text (from a Restart). */
  text?: Set<string>;
  /** The bytes start in the middle of a file (at a row): no BOM to drop. */
  middle?: boolean;
}

/** What one reader read, for another to append (a worker thread's share of a file); lines count from 1 where its bytes start. */
export interface ReaderPart {
  rows: number;
  lines: Int32Array;
  skipped: { line: number; fields: number }[];
  columns: (NumberPart | TextPart | null)[];
}

function grownLines(lines: Int32Array, size: number): Int32Array {
  const next = new Int32Array(size);
  next.set(lines);
  return next;
}

/** A column read as numbers met text after its earlier rows were gone: read again with it as text. */
export class Restart extends Error {
  constructor(readonly column: string) {
    super(`column '${column}' holds text after numbers`);
  }
}

export class CsvReader {
  private readonly text: FieldText;
  private readonly s: Scan;
  private readonly comment: number;
  private readonly maxRows: number;
  private readonly na: Pick<TypeContext, 'na' | 'numericNa'>;
  private toSkip: number;
  private started = false;
  private names?: string[];
  private block!: Block;
  private builders: (NumberColumn | TextColumn | undefined)[] = [];
  private contexts: TypeContext[] = [];
  private rows = 0;
  private rowLines: Int32Array = new Int32Array(BLOCK);
  private total?: number;
  private readonly skipped: { line: number; fields: number }[] = [];

  constructor(private readonly opts: ReaderOptions) {
    const delimiter = opts.delimiter ?? ',';
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127) throw new DataError(`delimiter must be one ASCII character, got '${delimiter}'`);
    this.text = new FieldText(opts.label);
    this.s = {
      text: this.text, final: false, delim: delimiter.charCodeAt(0), i: 0, line: 1, kinds: new Uint8Array(0), stride: 1, starts: new Int32Array(0), ends: new Int32Array(0),
      values: new Float64Array(0), rowsPerColumn: BLOCK, pending: new Int32Array(64), npending: 0, escapes: new Map(), blank: false, where: opts.source ? ` in ${opts.source}` : '',
    };
    this.comment = opts.comment ? opts.comment.charCodeAt(0) : -1;
    this.maxRows = opts.nrows ?? Infinity;
    this.na = naContext(opts.na);
    this.toSkip = opts.skipRows ?? 0;
    if (opts.header === false && opts.names) this.setup(opts.names);
  }

  /** The whole input's size, when known: numeric columns are then allocated once. */
  size(total: number): void {
    this.total = total;
  }

  /** The column names, once the header is read. */
  get header(): string[] | undefined {
    return this.names;
  }

  /** nrows rows have been read. */
  get done(): boolean {
    return this.names !== undefined && this.rows >= this.maxRows;
  }

  /** Reads the complete rows in `bytes`; returns how many bytes it used (the rest must be pushed again, with what follows). */
  push(bytes: Uint8Array, final: boolean): number {
    const s = this.s;
    this.text.reset(bytes);
    s.final = final;
    s.i = 0;
    if (!this.started) {
      if (bytes.length < 3 && !final) return 0;
      if (this.opts.label === 'utf-8' && !this.opts.middle && UTF8_BOM.every((b, k) => bytes[k] === b)) s.i = 3;
      this.started = true;
    }
    if (this.skipLines() && (this.names || this.readHeader())) this.readRows(bytes.length);
    return s.i;
  }

  private skipLines(): boolean {
    const s = this.s;
    for (; this.toSkip > 0 && s.i < s.text.bytes.length; this.toSkip--) {
      if (!skipLine(s)) {
        s.i = s.text.bytes.length; // the skipped line goes on in the next chunk
        return false;
      }
    }
    return this.toSkip === 0 || s.final;
  }

  /** Names from the first non-blank, non-comment row (which stays to be read as data when header is false). */
  private readHeader(): boolean {
    const s = this.s;
    while (s.i < s.text.bytes.length) {
      if (s.text.bytes[s.i] === this.comment) {
        if (!skipLine(s)) return false;
        continue;
      }
      const { i, line } = s;
      if (s.kinds.length < 64) this.storeAll(64);
      const count = scanRow(s, 0);
      const stored = count !== INCOMPLETE && count <= s.kinds.length;
      const fields = stored && !s.blank ? Array.from({ length: count }, (_, k) => s.escapes.get(k) ?? s.text.decode(s.starts[k], s.ends[k])) : undefined;
      s.escapes.clear();
      // Read the row again: when it did not fit, and when it is data (no header).
      if (!stored || (fields && this.opts.header === false)) [s.i, s.line] = [i, line];
      if (count === INCOMPLETE) return false;
      if (!stored) this.storeAll(count);
      if (!fields) continue;
      this.setup(this.opts.header === false ? fields.map((_, k) => `col${k + 1}`) : fields.map((f, k) => f || `Unnamed: ${k}`));
      return true;
    }
    if (!s.final) return false;
    this.setup(this.opts.names ?? []);
    return true;
  }

  /** Offsets of every field for the first `n` fields of a row (for the header). */
  private storeAll(n: number): void {
    [this.s.kinds, this.s.starts, this.s.ends] = [new Uint8Array(n).fill(STORE), new Int32Array(n), new Int32Array(n)];
  }

  private setup(names: string[]): void {
    this.names = names;
    const stride = Math.max(names.length, 1);
    this.block = { starts: new Int32Array(BLOCK * stride), ends: new Int32Array(BLOCK * stride), values: new Float64Array(BLOCK * stride), stride, capacity: BLOCK, count: 0, escapes: new Map(), lines: new Int32Array(BLOCK), from: 0, fromLine: 0, skipped: 0 };
    const wanted = new Set(this.opts.columns ?? names);
    this.contexts = names.map((name) => ({ name, ...this.na, source: this.opts.source }));
    // Like a lookup by name, a repeated name reads its first column.
    this.builders = names.map((name, k) => (wanted.has(name) && names.indexOf(name) === k ? this.builder(k) : undefined));
    const s = this.s;
    [s.starts, s.ends, s.values, s.escapes, s.stride] = [this.block.starts, this.block.ends, this.block.values, this.block.escapes, stride];
    s.kinds = new Uint8Array(names.length);
    this.builders.forEach((c, k) => this.setKind(k, c));
  }

  private builder(col: number): NumberColumn | TextColumn {
    const ctx = this.contexts[col];
    const spec = this.opts.parse?.[ctx.name];
    if (spec === 'number' || spec === 'int') return new NumberColumn(ctx, spec);
    if (spec === undefined && !this.opts.text?.has(ctx.name)) return new NumberColumn(ctx, false);
    return new TextColumn(ctx.na);
  }

  /** Speculative numeric columns are parsed by the scanner (unless NA strings look like numbers); the others keep offsets. */
  private setKind(col: number, c: NumberColumn | TextColumn | undefined): void {
    this.s.kinds[col] = !c ? SKIP : c instanceof NumberColumn && c.strict === false && this.na.numericNa.size === 0 ? NUMBER : STORE;
  }

  /** Scans rows until byte `end` (or the chunk's last complete row), a block at a time. */
  private readRows(end: number): void {
    const s = this.s;
    const b = this.block;
    const width = this.names!.length;
    const bytes = s.text.bytes;
    while (s.i < end && this.rows + b.count < this.maxRows) {
      if (bytes[s.i] === this.comment) {
        if (!skipLine(s)) break;
        continue;
      }
      if (b.count === BLOCK) this.flush();
      if (b.count === 0) [b.from, b.fromLine, b.skipped] = [s.i, s.line, this.skipped.length];
      const { i, line } = s;
      const base = b.count * b.stride;
      const pending = s.npending;
      const count = scanRow(s, b.count);
      if (count === INCOMPLETE) {
        [s.i, s.line, s.npending] = [i, line, pending];
        for (let k = 0; k < b.stride; k++) b.escapes.delete(base + k);
        break;
      }
      if (!s.blank && count === width) {
        b.lines[b.count++] = line;
        continue;
      }
      s.npending = pending;
      for (let k = 0; k < b.stride; k++) b.escapes.delete(base + k);
      if (!s.blank) this.badRow(line, count);
    }
    this.flush();
  }

  private badRow(line: number, count: number): void {
    if ((this.opts.onBadLines ?? 'error') === 'error') {
      const width = this.names!.length;
      throw new DataError(
        `line ${line}${this.s.where} has ${count} field${count === 1 ? '' : 's'} but the header has ${width}. ` +
          `Fix the file, or pass { onBadLines: 'skip' } to drop such rows (or 'warn' to drop and list them).`,
      );
    }
    this.skipped.push({ line, fields: count });
  }

  /** Turns the block into column values (the chunk's bytes are still there). */
  private flush(): void {
    const b = this.block;
    const s = this.s;
    if (!b.count) return;
    if (this.settle()) return;
    for (let col = 0; col < this.builders.length; col++) {
      const c = this.builders[col];
      if (c instanceof NumberColumn && s.kinds[col] === STORE && c.add(b, col, this.text) >= 0) this.builders[col] = this.asText(col, c);
      const t = this.builders[col];
      if (t instanceof TextColumn) t.add(b, col, this.text);
    }
    for (const c of this.builders) if (c instanceof NumberColumn) c.commit(b.count);
    if (this.rows === 0 && this.total) this.reserve(Math.ceil(((this.total * b.count) / Math.max(s.i - b.from, 1)) * 1.05) + BLOCK);
    if (this.rows + b.count > this.rowLines.length) this.rowLines = grownLines(this.rowLines, Math.max(this.rowLines.length * 2, this.rows + b.count));
    this.rowLines.set(b.lines.subarray(0, b.count), this.rows);
    this.rows += b.count;
    b.count = 0;
    b.escapes.clear();
    s.npending = 0;
  }

  /**
   * Reads the fields the scanner left to the numeric columns. A column that
   * meets text becomes a text column, and the block is scanned again (with
   * its rows flushed by that scan): true then.
   */
  private settle(): boolean {
    const { s, block: b } = this;
    let again = false;
    for (let col = 0; col < this.builders.length; col++) {
      const c = this.builders[col];
      if (s.kinds[col] !== NUMBER || !(c instanceof NumberColumn)) continue;
      if (c.settle(b, col, s.pending, s.npending, this.text) < 0) continue;
      this.builders[col] = this.asText(col, c);
      this.setKind(col, this.builders[col]);
      again = true;
    }
    if (!again) return false;
    const end = s.i;
    [s.i, s.line, s.npending, b.count] = [b.from, b.fromLine, 0, 0];
    b.escapes.clear();
    this.skipped.length = b.skipped;
    this.readRows(end);
    return true;
  }

  /** A numeric column that met text becomes a text column, if its earlier rows are known: all missing (or none). */
  private asText(col: number, c: NumberColumn): TextColumn {
    if (c.seen) throw new Restart(this.contexts[col].name);
    return new TextColumn(this.na.na, this.rows);
  }

  private reserve(rows: number): void {
    for (const c of this.builders) c?.reserve(Math.min(rows, this.maxRows));
  }

  /** What was read, once the last bytes are pushed (column arrays are shared, not copied). */
  part(): ReaderPart {
    return { rows: this.rows, lines: this.rowLines.subarray(0, this.rows), skipped: this.skipped, columns: this.builders.map((c) => c?.part() ?? null) };
  }

  /**
   * Gets the column arrays' reserved room ready (a page fault per 4 KiB of
   * fresh memory): worth doing while a worker still reads the rows that
   * will be appended there.
   */
  touchRoom(): void {
    for (const c of this.builders) c?.touch();
  }

  /** Appends what another reader read from the bytes that follow this one's last, as if this one had read them. */
  append(p: ReaderPart): void {
    const lines = this.s.line - 1;
    this.builders.forEach((c, col) => {
      const theirs = p.columns[col];
      if (!c || !theirs) return;
      if (theirs.kind === 'number' && c instanceof NumberColumn) c.append(theirs);
      else if (theirs.kind === 'text' && c instanceof TextColumn) c.append(theirs);
      else if (c instanceof TextColumn) c.append(this.asNulls(col, theirs as NumberPart));
      else (this.builders[col] = this.asText(col, c)).append(theirs as TextPart);
    });
    if (this.rows + p.rows > this.rowLines.length) this.rowLines = grownLines(this.rowLines, this.rows + p.rows);
    for (let r = 0; r < p.rows; r++) this.rowLines[this.rows + r] = p.lines[r] + lines;
    this.rows += p.rows;
    for (const k of p.skipped) this.skipped.push({ line: k.line + lines, fields: k.fields });
  }

  /** Numbers read elsewhere for a column that is text here: fine if all were missing. */
  private asNulls(col: number, p: NumberPart): TextPart {
    if (p.seen) throw new Restart(this.contexts[col].name);
    return nullPart(p.values.length);
  }

  /** The table's columns, by name, in the order asked for. */
  finish(): { names: string[]; columns: Record<string, Column> } {
    const names = this.names!;
    if (this.opts.onBadLines === 'warn' && this.skipped.length) {
      const list = this.skipped.slice(0, 10).map((k) => `line ${k.line} (${k.fields} fields)`).join(', ');
      process.stderr.write(`skipped ${this.skipped.length} bad line(s)${this.s.where}: ${list}${this.skipped.length > 10 ? ', …' : ''}\n`);
    }
    if (this.opts.parse) assertColumns(names, Object.keys(this.opts.parse), 'column in parse');
    const wanted = this.opts.columns ?? names;
    assertColumns(names, wanted);
    const lineOf = (r: number) => (r < this.rows ? this.rowLines[r] : -1);
    const columns: Record<string, Column> = {};
    for (const name of wanted) {
      const col = names.indexOf(name);
      const c = this.builders[col]!;
      const spec = this.opts.parse?.[name];
      columns[name] = c instanceof NumberColumn ? c.finish() : finishText(c, spec === 'number' || spec === 'int' ? undefined : spec, this.contexts[col], lineOf);
    }
    return { names: wanted, columns };
  }
}
