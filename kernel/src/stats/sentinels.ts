/**
 * Values that probably stand for "missing" although they are not null:
 * zeros where a measure never comes near zero (cholesterol 0 among values
 * from 85 up), rare negatives in a measure that is otherwise non-negative,
 * numeric codes beyond the real range (-1 among counts, 999 among ages), and
 * texts such as '?', 'NA', 'null', '' or blanks. Heuristics, stated with each
 * finding as its reason; nothing is changed here (a cleaning plan's
 * treat-as-missing step does that).
 */
import type { ColumnTable } from 'arquero';
import { columnOf } from '../data/columns.js';
import { arrowColumnOf, rowNumbers, valueKind } from './access.js';
import { quantilesInPlace } from '../data/select.js';

export type SentinelKind = 'zero' | 'negative' | 'code' | 'text';

export interface Sentinel {
  column: string;
  kind: SentinelKind;
  /** The value, or for 'negative' the string '< 0'. */
  value: number | string;
  count: number;
  /** Why it looks like a stand-in for missing. */
  reason: string;
  /** The first rows (0-based) holding it, at most 1,000. */
  rows: number[];
}

/** Texts read as missing (pandas' default na_values, plus '?', '-', '--', '.', 'missing', and blanks). */
export const MISSING_TEXTS = new Set(['', '?', '-', '--', '.', 'NA', 'N/A', 'n/a', 'na', 'NaN', 'nan', '-NaN', '-nan', 'null', 'NULL', 'Null', 'None', 'none', '#N/A', '#N/A N/A', '#NA', '<NA>', 'missing', 'MISSING', '1.#IND', '1.#QNAN', '-1.#IND', '-1.#QNAN']);

const CODES = [-1, -9, -99, -999, -9999, 99, 999, 9999, 99999, 999999];
const MAX_ROWS = 1000;

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(4).replace(/\.?0+$/, ''));

function numericSentinels(column: string, x: Float64Array): Sentinel[] {
  const out: Sentinel[] = [];
  const rowsWhere = (test: (v: number) => boolean, count: number) => {
    const rows: number[] = [];
    for (let i = 0; i < x.length && rows.length < MAX_ROWS; i++) if (test(x[i])) rows.push(i);
    return { rows, count };
  };
  // One pass: counts of zeros, negatives and each code, the smallest positive, and up to 11 distinct values.
  let finite = 0, zeros = 0, negatives = 0, negCodes = 0, lowestPositive = Infinity;
  const distinct = new Set<number>();
  const codeCount = new Map<number, number>(CODES.map((c) => [c, 0]));
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v - v !== 0) continue;
    finite++;
    if (distinct.size <= 10) distinct.add(v);
    if (v === 0) zeros++;
    else if (v < 0) {
      negatives++;
      if ((v === -1 || v <= -9) && codeCount.has(v)) negCodes++;
    } else if (v < lowestPositive) lowestPositive = v;
    // Codes are -1, -9…, 99…: skip the lookup for everything else (most values).
    if (v === -1 || v <= -9 || v >= 99) {
      const c = codeCount.get(v);
      if (c !== undefined) codeCount.set(v, c + 1);
    }
  }
  if (!finite) return out;
  const codeLike = distinct.size <= 10; // A handful of values is a code (sex, ca): 0 and -1 may be real categories there.
  const positives = finite - zeros - negatives;
  const medianOf = (keep: (v: number) => boolean) => {
    const buf = new Float64Array(finite);
    let k = 0;
    for (let i = 0; i < x.length; i++) if (x[i] - x[i] === 0 && keep(x[i])) buf[k++] = x[i];
    return quantilesInPlace(buf.subarray(0, k), [0.5])[0];
  };
  if (!codeLike && zeros > 0 && zeros < finite / 2 && negatives === 0 && positives > 0) {
    const median = medianOf((v) => v > 0);
    if (lowestPositive >= 0.25 * median) {
      out.push({ column, kind: 'zero', value: 0, ...rowsWhere((v) => v === 0, zeros), reason: `0 where every other value is at least ${fmt(lowestPositive)} (median ${fmt(median)}): probably not measured` });
    }
  }
  if (negatives && negatives <= 0.05 * finite && !codeLike && negCodes < negatives && medianOf(() => true) > 0) {
    out.push({ column, kind: 'negative', value: '< 0', ...rowsWhere((v) => v < 0, negatives), reason: `${negatives} negative value${negatives === 1 ? '' : 's'} in a measure that is otherwise ≥ 0 (${((100 * negatives) / finite).toFixed(1)} % of values)` });
  }
  for (const [code, count] of codeCount) {
    if (!count || count === finite) continue;
    let othersMin = Infinity, othersMax = -Infinity;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (v - v !== 0 || v === code) continue;
      if (v < othersMin) othersMin = v;
      if (v > othersMax) othersMax = v;
    }
    const beyond = code < 0 ? othersMin >= 0 : code > 1.2 * othersMax && othersMax > 0;
    if (!beyond) continue;
    const where = code < 0 ? 'every other value is ≥ 0' : `the other values stop at ${fmt(othersMax)}`;
    out.push({ column, kind: 'code', value: code, ...rowsWhere((v) => v === code, count), reason: `${code} looks like a "not recorded" code: ${where}` });
  }
  return out;
}

function textSentinels(column: string, values: ArrayLike<unknown>): Sentinel[] {
  const found = new Map<string, { count: number; rows: number[] }>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'string' || v.length > 9) continue;
    const key = MISSING_TEXTS.has(v) ? v : v.trim() === '' ? v : undefined;
    if (key === undefined) continue;
    let e = found.get(key);
    if (!e) found.set(key, (e = { count: 0, rows: [] }));
    e.count++;
    if (e.rows.length < MAX_ROWS) e.rows.push(i);
  }
  return [...found].map(([value, e]) => ({
    column, kind: 'text' as const, value, count: e.count, rows: e.rows,
    reason: value.trim() === '' ? (value === '' ? 'empty string' : 'blank string') : `'${value}' is a common way to write "missing"`,
  }));
}

/** Short texts of an Arrow string column, decoded only when a value is short enough to be a sentinel. */
function shortTexts(table: ColumnTable, name: string): ArrayLike<unknown> | undefined {
  const col = arrowColumnOf(table, name);
  if (!col) return undefined;
  const out: (string | null)[] = new Array(col.length).fill(null);
  let row = 0;
  for (const b of col.data) {
    const offs = b.offsets;
    const bytes = b.values;
    if (offs instanceof Int32Array && bytes instanceof Uint8Array) {
      for (let i = 0; i < b.length; i++) {
        const len = offs[i + 1] - offs[i];
        // Sentinels are at most 9 ASCII characters; longer values are never decoded.
        if (len <= 9 && !(b.nullCount > 0 && b.validity?.length && ((b.validity[i >> 3] >> (i & 7)) & 1) === 0)) {
          out[row + i] = String.fromCharCode(...bytes.subarray(offs[i], offs[i + 1]));
        }
      }
    } else for (let i = 0; i < b.length; i++) {
      const v = b.nullCount > 0 && b.validity?.length && ((b.validity[i >> 3] >> (i & 7)) & 1) === 0 ? null : b.value(i);
      out[row + i] = typeof v === 'string' && v.length <= 9 ? v : null;
    }
    row += b.length;
  }
  return out;
}

export interface SentinelOptions {
  /** Columns to look at (default all). */
  columns?: string[];
}

/** Values that probably stand for missing in each column (zeros, negatives, codes, texts), with counts, rows and the reason. */
export function sentinels(table: ColumnTable, opts: SentinelOptions = {}): Sentinel[] {
  const out: Sentinel[] = [];
  for (const name of opts.columns ?? table.columnNames()) {
    const kind = valueKind(table, name);
    if (kind === 'number') out.push(...numericSentinels(name, rowNumbers(table, name)));
    else if (kind === 'text') out.push(...textSentinels(name, shortTexts(table, name) ?? columnOf(table, name)));
  }
  return out;
}
