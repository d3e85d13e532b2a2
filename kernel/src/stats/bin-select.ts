/**
 * Order statistics of finite values whose range is known (a pass that found
 * the min and max has already been made): one pass counts the values into
 * equal-width cells, the counts say which cell holds each wanted rank, a
 * second pass gathers those few cells, and selection inside them is cheap.
 * A cell index is a multiply and a truncation, so both passes are a few
 * nanoseconds a value with no branch to mispredict; values are not moved.
 * Heavy tails only make the gathered cells larger (selection stays exact).
 */
import { select } from '../data/select.js';
import { linearFrom, linearRanks, orderStatistics } from './order-statistics.js';

/** The cell of v among `cells` equal cells from lo to lo + span (truncation is floor: the index is clamped at 0), exactly as a bin position. */
export function cellIndex(v: number, lo: number, span: number, cells: number): number {
  const c = (((v - lo) / span) * cells) | 0;
  return c < cells ? (c > 0 ? c : 0) : cells - 1;
}

/**
 * The cell of v with `scale` = cells / span precomputed: a multiply where
 * cellIndex divides (half the cost of a pass). It is monotone in v, which is
 * all an order statistic needs, and counts and gathers built with it agree;
 * it may put a value lying on a cell's edge into the neighbouring cell, so a
 * bin position that must be exact takes cellIndex.
 */
export function cellAt(v: number, lo: number, scale: number, cells: number): number {
  const c = ((v - lo) * scale) | 0;
  return c < cells ? (c > 0 ? c : 0) : cells - 1;
}

/** How many of `values` fall in each cell (by cellAt). */
export function cellCounts(values: Float64Array, lo: number, span: number, cells: number): Int32Array {
  const counts = new Int32Array(cells);
  countCells(values, lo, cells / span, counts);
  return counts;
}

// The passes are alone in their functions so V8 keeps them optimised between calls.

function countCells(values: Float64Array, lo: number, scale: number, counts: Int32Array): void {
  const cells = counts.length;
  for (let i = 0; i < values.length; i++) counts[cellAt(values[i], lo, scale, cells)]++;
}

function gather(values: Float64Array, lo: number, scale: number, cells: number, slot: Int16Array, parts: Float64Array[], filled: Int32Array): void {
  for (let i = 0; i < values.length; i++) {
    const s = slot[cellAt(values[i], lo, scale, cells)];
    if (s >= 0) parts[s][filled[s]++] = values[i];
  }
}

/**
 * The values at `ranks` (0-based) of `values`, given their `counts` per cell
 * (cellCounts with the same lo and span). A span that is not a positive
 * finite number (one distinct value, or a range past the doubles) falls back
 * to selection on a copy; a span of 0 means every value is `lo`. The same
 * pass also gathers the values of `extra.cells` into `extra.parts` (in no
 * particular order).
 */
export function valuesAtRanks(values: Float64Array, lo: number, span: number, counts: Int32Array, ranks: number[], extra?: { cells: number[]; parts: Map<number, Float64Array> }): Map<number, number> {
  const out = new Map<number, number>();
  if (!ranks.length) return out;
  const sorted = [...new Set(ranks)].sort((a, b) => a - b);
  if (span === 0) {
    for (const r of sorted) out.set(r, lo);
    return out;
  }
  if (!(span > 0 && span < Infinity)) return orderStatistics(Float64Array.from(values), sorted);
  const cells = counts.length;
  const cellOf: number[] = [], below: number[] = [];
  let c = 0, seen = 0;
  for (const r of sorted) {
    while (seen + counts[c] <= r) seen += counts[c++];
    cellOf.push(c);
    below.push(seen);
  }
  const slot = new Int16Array(cells).fill(-1);
  const parts: Float64Array[] = [];
  for (const cell of [...cellOf, ...(extra?.cells ?? [])]) if (slot[cell] < 0) slot[cell] = parts.push(new Float64Array(counts[cell])) - 1;
  gather(values, lo, cells / span, cells, slot, parts, new Int32Array(parts.length));
  // Before selection reorders them (which extra parts do not mind).
  for (const cell of extra?.cells ?? []) extra!.parts.set(cell, parts[slot[cell]]);
  sorted.forEach((r, k) => {
    const part = parts[slot[cellOf[k]]];
    const at = r - below[k];
    select(part, at, 0, part.length - 1);
    out.set(r, part[at]);
  });
  return out;
}

/** The values at `ranks` of finite `values` within [lo, hi], which are not moved. */
export function valuesByCells(values: Float64Array, lo: number, hi: number, ranks: number[], cells = 1 << 14): Map<number, number> {
  const span = hi - lo;
  return valuesAtRanks(values, lo, span, span > 0 && span < Infinity ? cellCounts(values, lo, span, cells) : new Int32Array(0), ranks);
}

/** pandas' linear quantiles of finite `values` within [lo, hi], which are not moved. */
export function quantilesByCells(values: Float64Array, lo: number, hi: number, ps: number[], cells = 1 << 14): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => NaN);
  const at = valuesByCells(values, lo, hi, linearRanks(n, ps), cells);
  return ps.map((p) => linearFrom(n, p, at));
}
