/**
 * Row order by a column, for the stacked grid: stable, missing values last,
 * and linear in the row count (counting sort on codes and small integers, a
 * three-pass radix sort on float32 bit patterns), so re-sorting a million
 * rows takes milliseconds rather than a comparison sort's second.
 */
import type { DiveColumn } from './columns.js';

export function identityOrder(n: number): Uint32Array {
  const o = new Uint32Array(n);
  for (let i = 0; i < n; i++) o[i] = i;
  return o;
}

/** Rows sorted by `col` (ascending; categories by code, i.e. most frequent first; missing last). */
export function sortOrder(col: DiveColumn | null, n: number): Uint32Array {
  if (!col) return identityOrder(n);
  const d = col.data;
  if (d instanceof Float32Array) return radixOrder(floatKeys(d));
  if (d instanceof Uint32Array) return radixOrder(d);
  return countingOrder(d, d instanceof Uint8Array ? 0x100 : 0x10000);
}

/** Stable counting sort of rows by small integer keys. */
export function countingOrder(keys: ArrayLike<number>, k: number): Uint32Array {
  const n = keys.length;
  const start = new Uint32Array(k + 1);
  for (let i = 0; i < n; i++) start[keys[i] + 1]++;
  for (let b = 0; b < k; b++) start[b + 1] += start[b];
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[start[keys[i]]++] = i;
  return order;
}

/** float32 → uint32 keys in the same order (negative below positive), NaN above everything. */
export function floatKeys(x: Float32Array): Uint32Array {
  const bits = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const keys = new Uint32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const b = bits[i];
    keys[i] = x[i] !== x[i] ? 0xffffffff : b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
  }
  return keys;
}

/** Stable LSD radix sort of rows by uint32 keys, 11 bits per pass. */
export function radixOrder(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let order: Uint32Array = identityOrder(n);
  let next: Uint32Array = new Uint32Array(n);
  const count = new Uint32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(keys[i] >>> shift) & 2047]++;
    let sum = 0;
    for (let b = 0; b < 2048; b++) { const c = count[b]; count[b] = sum; sum += c; }
    for (let i = 0; i < n; i++) {
      const r = order[i];
      next[count[(keys[r] >>> shift) & 2047]++] = r;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * Groups `order` by cell, keeping its order inside each cell (a stable counting
 * sort). Returns the grouped rows and where each cell starts (cells + 1 entries).
 */
export function groupByCell(order: Uint32Array, cell: Uint16Array, cells: number): { rows: Uint32Array; start: Uint32Array } {
  const start = new Uint32Array(cells + 1);
  for (let i = 0; i < cell.length; i++) start[cell[i] + 1]++;
  for (let c = 0; c < cells; c++) start[c + 1] += start[c];
  const fill = start.slice(0, cells);
  const rows = new Uint32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const r = order[k];
    rows[fill[cell[r]]++] = r;
  }
  return { rows, start };
}
