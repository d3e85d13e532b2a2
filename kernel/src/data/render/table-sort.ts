/**
 * The row order of a table sorted by one or more columns, as pandas'
 * sort_values orders it: missing values (null, undefined, NaN) last in either
 * direction, equal keys in stored order (stable). Numbers compare as numbers,
 * dates by time, strings by code unit; mixed columns put numbers before strings.
 */
import { isMissing, type Values } from '../columns.js';

interface Key {
  /** Numeric keys (NaN = missing) when every present value is a number, bigint or date; else null. */
  numbers: Float64Array | null;
  values: Values;
  sign: 1 | -1;
}

function numericKeys(values: Values): Float64Array | null {
  if (values instanceof Float64Array) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) out[i] = NaN;
    else if (typeof v === 'number') out[i] = v;
    else if (typeof v === 'bigint') out[i] = Number(v);
    else if (v instanceof Date) out[i] = v.getTime();
    else if (typeof v === 'boolean') out[i] = v ? 1 : 0;
    else return null;
  }
  return out;
}

const rank = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' || v instanceof Date ? 0 : typeof v === 'boolean' ? 1 : typeof v === 'string' ? 2 : 3);

function compareValues(x: unknown, y: unknown): number {
  const rx = rank(x), ry = rank(y);
  if (rx !== ry) return rx - ry;
  if (rx === 0) return Number(x instanceof Date ? x.getTime() : x) - Number(y instanceof Date ? y.getTime() : y);
  const sx = rx === 3 ? JSON.stringify(x) : String(x), sy = ry === 3 ? JSON.stringify(y) : String(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

/** Row positions in sorted order; `keys[i]` sorts by `columns[i]`. */
export function sortOrder(columns: Values[], descending: boolean[], rows: number): Uint32Array {
  const keys: Key[] = columns.map((values, i) => ({ values, numbers: numericKeys(values), sign: descending[i] ? -1 : 1 }));
  const order = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  order.sort((a, b) => {
    for (const k of keys) {
      if (k.numbers) {
        const x = k.numbers[a], y = k.numbers[b];
        const xm = x !== x, ym = y !== y;
        if (xm || ym) {
          if (xm && ym) continue;
          return xm ? 1 : -1;
        }
        if (x !== y) return x < y ? -k.sign : k.sign;
      } else {
        const x = k.values[a], y = k.values[b];
        const xm = isMissing(x), ym = isMissing(y);
        if (xm || ym) {
          if (xm && ym) continue;
          return xm ? 1 : -1;
        }
        const c = compareValues(x, y);
        if (c !== 0) return c * k.sign;
      }
    }
    return a - b;
  });
  return order;
}
