/**
 * The Dive layout: every shown row gets a facet cell and a position inside it.
 *
 * World units: every cell is 1 wide and `cellH` high, cells sit in a grid with
 * gaps, row 0 at the top. Positions are stored relative to their cell's top-left
 * corner (float32), and the renderer adds the cell's origin relative to the
 * camera in float64: coordinates stay exact at any zoom (no large float32
 * world positions). Stacked: rows sorted by a column fill each cell bottom-up,
 * left to right, in a grid shared by all cells. Scatter: numeric (or category)
 * X/Y on the same axes in every cell.
 *
 * `diveLayout` recomputes only what a view change touches (see LayoutCache):
 * re-faceting reuses the sort order and scatter positions, recolouring reuses
 * everything but the colours.
 */
import type { DiveLayoutMode, DiveView } from '../mime/dive.js';
import { bucketsOf, type Buckets } from './bins.js';
import { colorsOf, type Coloring } from './color.js';
import { mapNumbers, type DiveColumn, type NumberColumn } from './columns.js';
import { groupByCell, sortOrder } from './order.js';
import { permutation } from './sample.js';
import { scatterAxis, type AxisSpec } from './scatter.js';

export interface FacetAxis {
  feature: string | null;
  labels: string[];
  counts: Uint32Array;
}

export interface DiveLayout {
  n: number;
  mode: DiveLayoutMode;
  rows: FacetAxis;
  cols: FacetAxis;
  /** Cell size and gaps, world units (cell width is always 1). */
  cellW: number;
  cellH: number;
  gapX: number;
  gapY: number;
  /** The whole grid, world units. */
  width: number;
  height: number;
  /** Cell of each row: facet row × columns + facet column. */
  cell: Uint16Array;
  /** Position inside the cell, from its top-left corner, world units. */
  x: Float32Array;
  y: Float32Array;
  /** Rows grouped by cell, in a seeded random order inside each: a prefix of any cell is a fair sample. */
  drawOrder: Uint32Array;
  /** Where each cell's rows start in drawOrder (cells + 1 entries). */
  cellStart: Uint32Array;
  /** Point size: world units (stacked; scales with zoom) or CSS pixels (scatter). */
  point: { size: number; unit: 'world' | 'pixel' };
  /** Size code 0–255 per row when sized by a column. */
  sizes: Uint8Array | null;
  colors: Coloring;
  axes: { x: AxisSpec; y: AxisSpec } | null;
  /** Stacked grid: items per row in a cell. */
  perRow: number;
}

export interface LayoutInput {
  n: number;
  columns: ReadonlyMap<string, DiveColumn>;
  view: DiveView;
  /** Width / height of the area the grid should fill. */
  aspect: number;
  /** Seed of the draw order. */
  seed?: number;
}

/** Remembers the last result of each step with the inputs that made it. */
export class LayoutCache {
  private readonly slots = new Map<string, { key: string; value: unknown }>();
  get<T>(slot: string, key: string, make: () => T): T {
    const hit = this.slots.get(slot);
    if (hit && hit.key === key) return hit.value as T;
    const value = make();
    this.slots.set(slot, { key, value });
    return value;
  }
}

const STACK_GAP = 0.06;
const SCATTER_GAP = 0.16;
/** Stacked points fill this much of their slot, so neighbours stay apart. */
const STACK_FILL = 0.82;

function column(input: LayoutInput, name: string | null): DiveColumn | null {
  if (!name) return null;
  const c = input.columns.get(name);
  if (!c) throw new Error(`Dive layout: column '${name}' is not loaded`);
  return c;
}

/** Scatter point size in CSS pixels: smaller for more points, so a million still read as a density. */
export function scatterPointSize(n: number): number {
  return Math.max(1.5, Math.min(7, 9 - 1.25 * Math.log10(Math.max(1, n))));
}

export function diveLayout(input: LayoutInput, cache = new LayoutCache()): DiveLayout {
  const { n, view } = input;
  const seed = input.seed ?? 0;
  const bucketKey = `${view.bins}/${view.facetValues}`;
  const rowB = cache.get<Buckets>('rows', `${view.row}|${bucketKey}`, () => bucketsOf(column(input, view.row), n, { bins: view.bins, values: view.facetValues }));
  const colB = cache.get<Buckets>('cols', `${view.column}|${bucketKey}`, () => bucketsOf(column(input, view.column), n, { bins: view.bins, values: view.facetValues }));
  const R = rowB.labels.length, C = colB.labels.length, cells = R * C;
  const facetKey = `${view.row}|${view.column}|${bucketKey}`;
  const cell = cache.get('cell', facetKey, () => {
    const out = new Uint16Array(n);
    for (let i = 0; i < n; i++) out[i] = rowB.codes[i] * C + colB.codes[i];
    return out;
  });
  const counts = cache.get('counts', facetKey, () => {
    const k = new Uint32Array(cells);
    for (let i = 0; i < n; i++) k[cell[i]]++;
    return k;
  });
  const perm = cache.get('perm', `${n}|${seed}`, () => permutation(n, seed));
  const groups = cache.get('groups', `${facetKey}|${seed}`, () => groupByCell(perm, cell, cells));
  const colors = cache.get('colors', `${view.color}|${view.colorValues}`, () => colorsOf(column(input, view.color), n, view.colorValues));
  const sizes = cache.get('sizes', `${view.size}`, () => sizeCodes(column(input, view.size), n));
  // The grid fills the area: cells get the aspect that makes R × C of them match it.
  const cellAspect = Math.max(0.1, Math.min(10, (input.aspect * R) / C));

  const base = {
    n, rows: { feature: view.row, labels: rowB.labels, counts: rowB.counts }, cols: { feature: view.column, labels: colB.labels, counts: colB.counts },
    cell, drawOrder: groups.rows, cellStart: groups.start, sizes, colors,
  };
  if (view.layout === 'scatter') {
    const cellH = 1 / cellAspect;
    const pos = cache.get('scatter', `${view.x}|${view.y}|${cellH}`, () => {
      const ax = scatterAxis(column(input, view.x), n, 'x');
      const ay = scatterAxis(column(input, view.y), n, 'y');
      const x = new Float32Array(n), y = new Float32Array(n);
      for (let i = 0; i < n; i++) { x[i] = ax.t[i]; y[i] = (1 - ay.t[i]) * cellH; }
      return { x, y, axes: { x: ax.spec, y: ay.spec } };
    });
    const gapX = SCATTER_GAP, gapY = SCATTER_GAP * Math.min(1, cellH);
    return {
      ...base, mode: 'scatter', cellW: 1, cellH, gapX, gapY, width: C + (C - 1) * gapX, height: R * cellH + (R - 1) * gapY,
      x: pos.x, y: pos.y, point: { size: scatterPointSize(n) * view.pointScale, unit: 'pixel' }, axes: pos.axes, perRow: 0,
    };
  }
  const stack = cache.get('stack', `${facetKey}|${view.sort}|${cellAspect}`, () => {
    const order = cache.get('sort', `${view.sort}`, () => sortOrder(column(input, view.sort), n));
    return stackPositions(groupByCell(order, cell, cells), counts, cellAspect);
  });
  const gap = STACK_GAP;
  return {
    ...base, mode: 'stack', cellW: 1, cellH: stack.cellH, gapX: gap, gapY: gap, width: C + (C - 1) * gap, height: R * stack.cellH + (R - 1) * gap,
    x: stack.x, y: stack.y, point: { size: (STACK_FILL / stack.perRow) * view.pointScale, unit: 'world' }, axes: null, perRow: stack.perRow,
  };
}

/**
 * Stacked grid: the fullest cell decides items per row (`perRow`) so its
 * points fill a cell of the wanted aspect; every cell uses the same grid.
 */
export function stackPositions(sorted: { rows: Uint32Array; start: Uint32Array }, counts: Uint32Array, cellAspect: number): { x: Float32Array; y: Float32Array; perRow: number; cellH: number } {
  let most = 1;
  for (const c of counts) if (c > most) most = c;
  const perRow = Math.max(1, Math.ceil(Math.sqrt(most * cellAspect)));
  const item = 1 / perRow;
  const cellH = Math.max(1, Math.ceil(most / perRow)) * item;
  const n = sorted.rows.length;
  const x = new Float32Array(n), y = new Float32Array(n);
  for (let c = 0; c < counts.length; c++) {
    const from = sorted.start[c], to = sorted.start[c + 1];
    for (let k = from; k < to; k++) {
      const rank = k - from;
      const r = sorted.rows[k];
      x[r] = ((rank % perRow) + 0.5) * item;
      y[r] = cellH - (Math.floor(rank / perRow) + 0.5) * item;
    }
  }
  return { x, y, perRow, cellH };
}

/** Size codes: 0 for the column's minimum (and missing), 255 for its maximum. */
export function sizeCodes(col: DiveColumn | null, n: number): Uint8Array | null {
  if (!col || col.info.kind !== 'number') return null;
  const { min, max } = col.info;
  const lo = min ?? 0, span = (max ?? 0) - lo;
  const out = mapNumbers(col as NumberColumn, (x) => (x !== x ? 0 : span <= 0 ? 128 : Math.round(Math.max(0, Math.min(1, (x - lo) / span)) * 255)), new Uint8Array(n));
  return out;
}

/** Origin (top-left) of cell `c`, world units. */
export function cellOrigin(layout: Pick<DiveLayout, 'cols' | 'cellW' | 'cellH' | 'gapX' | 'gapY'>, c: number): [number, number] {
  const C = layout.cols.labels.length;
  const r = Math.floor(c / C), k = c - r * C;
  return [k * (layout.cellW + layout.gapX), r * (layout.cellH + layout.gapY)];
}

/**
 * Point diameter in CSS pixels at a scale: stacked points are world-sized (they
 * grow with zoom); scatter points grow with the square root of the zoom, up to 4×,
 * so zooming into a dense region separates them without turning them into discs.
 */
export function pointPixels(layout: Pick<DiveLayout, 'point'>, scale: number, fitScale: number): number {
  if (layout.point.unit === 'world') return layout.point.size * scale;
  return layout.point.size * Math.min(4, Math.sqrt(Math.max(1, scale / fitScale)));
}

/** Size multiplier of a size code. */
export const sizeFactor = (code: number): number => 0.4 + (1.6 * code) / 255;
