/**
 * Typing of CSV columns, pandas-style: a column whose non-missing values are
 * all numbers becomes a Float64Array (missing → NaN), all true/false becomes
 * booleans, anything else stays strings (missing → null). An explicit `parse`
 * for a column is applied to every value, and an unparseable value is an
 * error naming the line and column. Numbers are parsed from the characters
 * (exactly: fast path only where it is exact), without a string per field.
 */
import { DataError } from '../errors.js';
import { fieldText, type FieldColumn, type Tokenized } from './tokenize.js';

/** pandas' default NA strings (read_csv's `na_values` defaults). */
export const DEFAULT_NA = [
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN',
  '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
];

export type ParseSpec = 'number' | 'int' | 'string' | 'boolean' | 'date' | ((value: string) => unknown);

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Number() accepts '', hex and whitespace-only strings; a CSV number is none of those. */
export function parseNumber(s: string): number {
  const v = +s;
  if (v === v) {
    if (s.length > 1 && s.charCodeAt(0) === 48 && /[xXbBoO]/.test(s[1])) return NaN;
    return s.length === 0 || (v === 0 && s.trim() === '') ? NaN : v;
  }
  const t = s.trim().toLowerCase();
  if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  return NaN;
}

/**
 * Decimal numbers with at most 15 significant digits and 22 fraction digits are
 * an exact integer divided by an exact power of ten: one correctly rounded
 * division, the same double as a full parser gives. Anything else takes the
 * full parser.
 */
function numberAt(text: string, s: number, e: number): number {
  let i = s;
  let neg = false;
  const c0 = text.charCodeAt(i);
  if (c0 === 45) (neg = true), i++;
  else if (c0 === 43) i++;
  let mant = 0;
  let sig = 0;
  let frac = 0;
  let digits = 0;
  for (; i < e; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    mant = mant * 10 + d;
    if (mant !== 0) sig++;
    digits++;
  }
  if (i < e && text.charCodeAt(i) === 46) {
    for (i++; i < e; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      mant = mant * 10 + d;
      if (mant !== 0) sig++;
      frac++;
      digits++;
    }
  }
  if (i === e && digits > 0 && sig <= 15 && frac <= 22) {
    const v = frac ? mant / POW10[frac] : mant;
    return neg ? -v : v;
  }
  return parseNumber(text.slice(s, e));
}

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

function fail(t: Tokenized, ctx: TypeContext, row: number, value: string, expected: string): never {
  const where = ctx.source ? ` of ${ctx.source}` : '';
  throw new DataError(
    `column '${ctx.name}', line ${t.lineOf(row)}${where}: '${value}' is not ${expected}. ` +
      `Fix the value, add it to naValues to read it as missing, or change parse for '${ctx.name}'.`,
  );
}

/** Parses a column as numbers; with `strict` false, gives up (undefined) at the first non-number. */
function numbers(t: Tokenized, col: FieldColumn, ctx: TypeContext, strict: 'number' | 'int' | false): Float64Array | undefined {
  const out = new Float64Array(t.rows);
  const { starts, ends, escaped } = col;
  const checkNa = ctx.numericNa.size > 0;
  let seen = false;
  for (let r = 0; r < t.rows; r++) {
    const s = starts[r];
    const e = ends[r];
    const x = escaped.size && escaped.has(r) ? parseNumber(escaped.get(r)!) : s === e ? NaN : numberAt(t.text, s, e);
    if (x === x && !(checkNa && ctx.numericNa.has(t.text.slice(s, e)))) {
      if (strict === 'int' && !Number.isInteger(x)) fail(t, ctx, r, fieldText(t, col, r), 'an integer');
      out[r] = x;
      seen = true;
      continue;
    }
    const v = fieldText(t, col, r);
    if (!ctx.na.has(v)) {
      if (!strict) return undefined;
      fail(t, ctx, r, v, strict === 'int' ? 'an integer' : 'a number');
    }
    out[r] = NaN;
  }
  return seen || strict ? out : undefined;
}

function texts(t: Tokenized, col: FieldColumn, ctx: TypeContext): (string | null)[] {
  const out = new Array<string | null>(t.rows);
  for (let r = 0; r < t.rows; r++) {
    const v = fieldText(t, col, r);
    out[r] = ctx.na.has(v) ? null : v;
  }
  return out;
}

function booleans(values: (string | null)[]): (boolean | null)[] | undefined {
  let seen = false;
  for (const v of values) {
    if (v === null) continue;
    seen = true;
    if (!TRUE.has(v) && !FALSE.has(v)) return undefined;
  }
  return seen ? values.map((v) => (v === null ? null : TRUE.has(v))) : undefined;
}

export type Column = Float64Array | unknown[];

/** Types one column: explicit parse when given, else numbers, then booleans, then strings. */
export function typeColumn(t: Tokenized, col: FieldColumn, spec: ParseSpec | undefined, ctx: TypeContext): Column {
  if (spec === 'number' || spec === 'int') return numbers(t, col, ctx, spec)!;
  if (spec === undefined) {
    const n = numbers(t, col, ctx, false);
    if (n) return n;
  }
  const values = texts(t, col, ctx);
  if (spec === undefined) return booleans(values) ?? values;
  if (spec === 'string') return values;
  const convert = (v: string, r: number): unknown => {
    if (spec === 'boolean') return TRUE.has(v) ? true : FALSE.has(v) ? false : fail(t, ctx, r, v, 'true or false');
    if (spec === 'date') {
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? fail(t, ctx, r, v, 'a date') : d;
    }
    try {
      return spec(v);
    } catch (e) {
      return fail(t, ctx, r, v, `accepted by the parse function (${(e as Error).message})`);
    }
  };
  return values.map((v, r) => (v === null ? null : convert(v, r)));
}
