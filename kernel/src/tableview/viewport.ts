/**
 * Virtual scrolling over any number of rows: the scroll area is as tall as
 * the rows would be, up to what browsers can lay out; beyond that, scrolling
 * maps proportionally onto rows, so the last row stays reachable at 100 M rows.
 */

/** Browsers stop growing an element at ~17.9 M px (Firefox) to ~33.5 M px (Chrome); stay well below. */
export const MAX_SCROLL_PX = 8_000_000;

export interface Geometry {
  total: number;
  rowHeight: number;
  /** Rows the viewport shows at once. */
  viewportRows: number;
  /** Height of the scrollable body in px. */
  height: number;
}

export function geometry(total: number, rowHeight: number, viewportRows: number): Geometry {
  const rows = Math.max(0, Math.floor(total));
  return { total: rows, rowHeight, viewportRows, height: Math.min(rows * rowHeight, MAX_SCROLL_PX) };
}

const lastFirstRow = (g: Geometry) => Math.max(0, g.total - g.viewportRows);
const scrollRange = (g: Geometry) => Math.max(0, g.height - g.viewportRows * g.rowHeight);
const exact = (g: Geometry) => g.total * g.rowHeight <= MAX_SCROLL_PX;

/** The first row to draw when the body is scrolled to `scrollTop`. */
export function firstRowAt(g: Geometry, scrollTop: number): number {
  const top = Math.max(0, scrollTop);
  const row = exact(g) ? Math.floor(top / g.rowHeight) : Math.round((Math.min(top, scrollRange(g)) / (scrollRange(g) || 1)) * lastFirstRow(g));
  return Math.min(row, lastFirstRow(g));
}

/** The scrollTop that shows `row` first. */
export function scrollTopFor(g: Geometry, row: number): number {
  const r = Math.min(Math.max(0, Math.floor(row)), lastFirstRow(g));
  return exact(g) ? r * g.rowHeight : Math.round((r / (lastFirstRow(g) || 1)) * scrollRange(g));
}
