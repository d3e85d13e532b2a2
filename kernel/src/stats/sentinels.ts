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
import { rowNumbers, valueKind } from './access.js';
import { Utf8Counts } from './utf8-counts.js';
import { quantilesInPlace } from '../data/select.js';
import { profileNumbers, type NumericProfile } from './numeric-profile.js';

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

const MAX_ROWS = 1000;

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(4).replace(/\.?0+$/, ''));

/**
 * Zeros, negatives and codes in a numeric column that probably stand for
 * missing, from its profile (computed when not given); `median`, the median
 * of the finite values, saves a selection when the caller has it.
 */
export function numericSentinels(column: string, x: Float64Array, p: NumericProfile = profileNumbers(x), median?: number): Sentinel[] {
  const out: Sentinel[] = [];
  const rowsWhere = (test: (v: number) => boolean, count: number) => {
    const rows: number[] = [];
    for (let i = 0; i < x.length && rows.length < MAX_ROWS; i++) if (test(x[i])) rows.push(i);
    return { rows, count };
  };
  const finite = p.values.length;
  if (!finite) return out;
  const { zeros, negatives, lowestPositive } = p;
  const codeLike = p.fewDistinct; // A handful of values is a code (sex, ca): 0 and -1 may be real categories there.
  const positives = finite - zeros - negatives;
  const medianOf = (keep: (v: number) => boolean) => {
    const buf = new Float64Array(finite);
    let k = 0;
    for (let i = 0; i < x.length; i++) if (x[i] - x[i] === 0 && keep(x[i])) buf[k++] = x[i];
    return quantilesInPlace(buf.subarray(0, k), [0.5])[0];
  };
  if (!codeLike && zeros > 0 && zeros < finite / 2 && negatives === 0 && positives > 0) {
    const positiveMedian = medianOf((v) => v > 0);
    if (lowestPositive >= 0.25 * positiveMedian) {
      out.push({ column, kind: 'zero', value: 0, rows: p.zeroRows, count: zeros, reason: `0 where every other value is at least ${fmt(lowestPositive)} (median ${fmt(positiveMedian)}): probably not measured` });
    }
  }
  if (negatives && negatives <= 0.05 * finite && !codeLike && p.negativeCodes < negatives && (median ?? medianOf(() => true)) > 0) {
    out.push({ column, kind: 'negative', value: '< 0', rows: p.negativeRows, count: negatives, reason: `${negatives} negative value${negatives === 1 ? '' : 's'} in a measure that is otherwise ≥ 0 (${((100 * negatives) / finite).toFixed(1)} % of values)` });
  }
  for (const [code, count] of p.codes) {
    if (!count || count === finite) continue;
    // The range of the other values: the column's own unless the code is its extreme.
    let othersMin = p.min, othersMax = p.max;
    if (code === p.min || code === p.max) {
      othersMin = Infinity;
      othersMax = -Infinity;
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        if (v - v !== 0 || v === code) continue;
        if (v < othersMin) othersMin = v;
        if (v > othersMax) othersMax = v;
      }
    }
    const beyond = code < 0 ? othersMin >= 0 : code > 1.2 * othersMax && othersMax > 0;
    if (!beyond) continue;
    const where = code < 0 ? 'every other value is ≥ 0' : `the other values stop at ${fmt(othersMax)}`;
    out.push({ column, kind: 'code', value: code, ...rowsWhere((v) => v === code, count), reason: `${code} looks like a "not recorded" code: ${where}` });
  }
  return out;
}

export function textSentinels(column: string, values: ArrayLike<unknown>): Sentinel[] {
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
    reason: reasonFor(value),
  }));
}

const reasonFor = (value: string) => (value.trim() === '' ? (value === '' ? 'empty string' : 'blank string') : `'${value}' is a common way to write "missing"`);

/** First bytes a sentinel text can start with: those of MISSING_TEXTS, ASCII whitespace, and the lead bytes of Unicode spaces. */
const LEADS = new Set([...[...MISSING_TEXTS].filter((t) => t).map((t) => t.charCodeAt(0)), 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xc2, 0xe1, 0xe2, 0xe3, 0xef]);

/** Text sentinels of an Arrow string column from its distinct values: only short values with a plausible first byte are decoded. */
export function utf8Sentinels(column: string, counts: Utf8Counts): Sentinel[] {
  const out: Sentinel[] = [];
  for (let d = 0; d < counts.distinct; d++) {
    // At most 9 characters, of at most 3 bytes each (the spaces trim removes).
    const len = counts.byteLength(d);
    if (len > 27 || (len > 0 && !LEADS.has(counts.firstByte(d)!))) continue;
    const value = counts.text(d);
    if (value.length > 9 || !(MISSING_TEXTS.has(value) || value.trim() === '')) continue;
    out.push({ column, kind: 'text', value, count: counts.count(d), rows: counts.rowsOf(d, MAX_ROWS), reason: reasonFor(value) });
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
    else if (kind === 'text') {
      const counts = Utf8Counts.of(table, name);
      out.push(...(counts ? utf8Sentinels(name, counts) : textSentinels(name, columnOf(table, name))));
    }
  }
  return out;
}
