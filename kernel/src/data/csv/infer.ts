/**
 * Typing of CSV columns, pandas-style: a column whose non-missing values are
 * all numbers becomes a Float64Array (missing → NaN), all true/false becomes
 * booleans, anything else stays strings (missing → null). An explicit `parse`
 * for a column is applied to every value, and an unparseable value is an
 * error naming the line and column. Columns are built a block of rows at a
 * time; a column is read as numbers until a field says otherwise.
 */
import { DataError } from '../errors.js';
import { numberAt, parseNumber } from './numbers.js';
import { TextColumn } from './texts.js';
import type { FieldText } from './fields.js';
import type { Block } from './reader.js';

/** pandas' default NA strings (read_csv's `na_values` defaults). */
export const DEFAULT_NA = [
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN',
  '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
];

export type ParseSpec = 'number' | 'int' | 'string' | 'boolean' | 'date' | ((value: string) => unknown);

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

export interface TypeContext {
  name: string;
  na: Set<string>;
  /** The NA strings that parse as numbers (e.g. '-999'). */
  numericNa: Set<string>;
  source?: string;
}

export function naContext(na: Set<string>): Pick<TypeContext, 'na' | 'numericNa'> {
  return { na, numericNa: new Set([...na].filter((s) => !Number.isNaN(parseNumber(s)))) };
}

function badValue(ctx: TypeContext, line: number, value: string, expected: string): DataError {
  const where = ctx.source ? ` of ${ctx.source}` : '';
  return new DataError(
    `column '${ctx.name}', line ${line}${where}: '${value}' is not ${expected}. ` +
      `Fix the value, add it to naValues to read it as missing, or change parse for '${ctx.name}'.`,
  );
}

/** The text of the field at `slot` of a block, which spans bytes [s, e) unless it was escaped. */
function fieldAt(b: Block, slot: number, s: number, e: number, text: FieldText): string {
  return b.escapes.get(slot) ?? text.decode(s, e);
}

/** A numeric column as read by one thread; `failed`: a value broke its parse spec. */
export interface NumberPart {
  kind: 'number';
  values: Float64Array;
  seen: boolean;
  failed: boolean;
}

/**
 * A numeric column: strict ('number', 'int') when parse asks for it, where
 * the first bad value is kept to be reported; otherwise speculative, where
 * text ends the column's life as numbers. Its values come either from the
 * scanner (plain decimals, parsed during the scan, then `settle` for the
 * other fields) or from stored offsets (`add`).
 */
export class NumberColumn {
  private out = new Float64Array(16);
  private rows = 0;
  /** A present value was in an earlier block (an all-missing column is not numeric). */
  seen = false;
  /** A present value is in the current block. */
  private seenNow = false;
  private error?: DataError;

  constructor(
    private readonly ctx: TypeContext,
    readonly strict: 'number' | 'int' | false,
  ) {}

  /** Room for `rows` values (an estimate from the input's size, so the array is allocated once). */
  reserve(rows: number): void {
    if (rows > this.out.length) this.resize(rows);
  }

  /** Touches the room reserved beyond the rows read, so its memory is mapped now rather than when rows arrive. */
  touch(): void {
    this.out.fill(0, this.rows);
  }

  private room(count: number): void {
    if (this.rows + count > this.out.length) this.resize(Math.max(this.rows + count, this.out.length * 2));
  }

  private resize(size: number): void {
    const next = new Float64Array(size);
    next.set(this.out.subarray(0, this.rows));
    this.out = next;
  }

  /** What the column holds, to join to the same column read by another thread (its buffer can be transferred). */
  part(): NumberPart {
    return { kind: 'number', values: this.out.subarray(0, this.rows), seen: this.seen, failed: this.error !== undefined };
  }

  /** Appends the part read from the bytes that follow. */
  append(p: NumberPart): void {
    this.room(p.values.length);
    this.out.set(p.values, this.rows);
    this.rows += p.values.length;
    this.seen ||= p.seen;
  }

  /** Stores the block's values once they are all read. */
  commit(count: number): void {
    this.rows += count;
    this.seen ||= this.seenNow;
    this.seenNow = false;
  }

  /** Field `row` of the block, whose number is x (NaN if none); false when it is text, which ends a speculative column. */
  private take(x: number, b: Block, slot: number, s: number, e: number, text: FieldText, row: number): boolean {
    const { ctx, strict } = this;
    if (x === x && !(ctx.numericNa.size && ctx.numericNa.has(fieldAt(b, slot, s, e, text)))) {
      if (strict === 'int' && !Number.isInteger(x)) this.error ??= badValue(ctx, b.lines[row], fieldAt(b, slot, s, e, text), 'an integer');
      this.out[this.rows + row] = x;
      this.seenNow = true;
      return true;
    }
    const v = fieldAt(b, slot, s, e, text);
    if (!ctx.na.has(v)) {
      if (!strict) return false;
      this.error ??= badValue(ctx, b.lines[row], v, strict === 'int' ? 'an integer' : 'a number');
    }
    this.out[this.rows + row] = NaN;
    return true;
  }

  private value(b: Block, slot: number, s: number, e: number, text: FieldText): number {
    const escaped = b.escapes.size ? b.escapes.get(slot) : undefined;
    return escaped !== undefined ? parseNumber(escaped) : s === e ? NaN : numberAt(text, s, e);
  }

  /** Reads a block from stored offsets; returns the block row of the first text field of a speculative column (-1 when none). */
  add(b: Block, col: number, text: FieldText): number {
    const { starts, ends, stride, count } = b;
    this.room(count);
    for (let r = 0, k = col; r < count; r++, k += stride) {
      if (!this.take(this.value(b, k, starts[k], ends[k], text), b, k, starts[k], ends[k], text, r)) return r;
    }
    return -1;
  }

  /**
   * Takes the values the scanner parsed, then reads the fields it left
   * (`pending`: column, slot, start, end); returns the block row of the
   * first text field (-1 when none).
   */
  settle(b: Block, col: number, pending: Int32Array, npending: number, text: FieldText): number {
    const { values, count } = b;
    this.room(count);
    this.out.set(values.subarray(col * b.capacity, col * b.capacity + count), this.rows);
    let left = 0;
    for (let p = 0; p < npending; p += 4) {
      if (pending[p] !== col) continue;
      const [slot, s, e] = [pending[p + 1], pending[p + 2], pending[p + 3]];
      const row = (slot - col) / b.stride;
      if (!this.take(this.value(b, slot, s, e, text), b, slot, s, e, text, row)) return row;
      left++;
    }
    if (left < b.count) this.seenNow = true;
    return -1;
  }

  finish(): Float64Array | (string | null)[] {
    if (this.error) throw this.error;
    if (!this.seen && !this.strict) return new Array<string | null>(this.rows).fill(null);
    // A generous size estimate is kept as a view unless it wastes more than an eighth.
    return this.out.length - this.rows > this.rows / 8 ? this.out.slice(0, this.rows) : this.out.subarray(0, this.rows);
  }
}

/** Booleans when every present value is true/false in one of pandas' spellings; checks the distinct values when known. */
function booleans(values: (string | null)[], distinct: (string | null)[] = values): (boolean | null)[] | undefined {
  let seen = false;
  for (const v of distinct) {
    if (v === null) continue;
    seen = true;
    if (!TRUE.has(v) && !FALSE.has(v)) return undefined;
  }
  return seen ? values.map((v) => (v === null ? null : TRUE.has(v))) : undefined;
}

export type Column = Float64Array | unknown[];

/** A text column's final values: booleans or strings when inferred, else the parse spec applied to each present value. */
export function finishText(col: TextColumn, spec: Exclude<ParseSpec, 'number' | 'int'> | undefined, ctx: TypeContext, lineOf: (row: number) => number): Column {
  const values = col.values();
  if (spec === undefined) return booleans(values, col.distinct()) ?? values;
  if (spec === 'string') return values;
  const fail = (v: string, r: number, expected: string): never => {
    throw badValue(ctx, lineOf(r), v, expected);
  };
  const convert = (v: string, r: number): unknown => {
    if (spec === 'boolean') return TRUE.has(v) ? true : FALSE.has(v) ? false : fail(v, r, 'true or false');
    if (spec === 'date') {
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? fail(v, r, 'a date') : d;
    }
    try {
      return spec(v);
    } catch (e) {
      return fail(v, r, `accepted by the parse function (${(e as Error).message})`);
    }
  };
  return values.map((v, r) => (v === null ? null : convert(v, r)));
}
