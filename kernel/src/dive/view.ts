/**
 * The Dive's view options: defaults, and checks against the table's columns
 * that name what was wrong and what to pass instead.
 */
import type { DiveColumnSummary, DiveLayoutMode, DiveView } from '../mime/dive.js';
import { MAX_BUCKETS } from './bins.js';
import { MAX_COLORS } from './color.js';

export const DEFAULT_VIEW: DiveView = {
  row: null, column: null, layout: 'stack', x: null, y: null, sort: null, color: null, label: null, size: null,
  bins: 10, facetValues: 10, colorValues: 10, pointScale: 1,
};

/** Options naming a column. */
export const FEATURE_OPTIONS = ['row', 'column', 'x', 'y', 'sort', 'color', 'label', 'size'] as const;
export type FeatureOption = (typeof FEATURE_OPTIONS)[number];

export class DiveOptionError extends Error {
  override name = 'DiveOptionError';
}

const LAYOUTS: DiveLayoutMode[] = ['stack', 'scatter'];

function list(names: string[]): string {
  return names.length > 20 ? `${names.slice(0, 20).join(', ')}, …` : names.join(', ');
}

function integerIn(name: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    throw new DiveOptionError(`display.dive: ${name} must be a whole number from ${lo} to ${hi}, got ${JSON.stringify(v)}`);
  }
  return v;
}

/**
 * The view for `given` options over these columns: defaults filled in, every
 * column name checked. Naming x or y without a layout means scatter; scatter
 * without axes takes the first numeric columns.
 */
export function resolveView(columns: readonly DiveColumnSummary[], given: Partial<DiveView> = {}): DiveView {
  const names = columns.map((c) => c.name);
  const kind = new Map(columns.map((c) => [c.name, c.kind]));
  const view: DiveView = { ...DEFAULT_VIEW };
  for (const key of FEATURE_OPTIONS) {
    const v = given[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new DiveOptionError(`display.dive: ${key} must be a column name (a string) or null, got ${typeof v}`);
    if (!kind.has(v)) throw new DiveOptionError(`display.dive: unknown column '${v}' for ${key}; the table has: ${list(names)}`);
    view[key] = v;
  }
  if (view.size && kind.get(view.size) !== 'number') {
    throw new DiveOptionError(`display.dive: size needs a numeric column; '${view.size}' holds text. Use it for color, label or a facet instead`);
  }
  const layout = given.layout ?? (view.x || view.y ? 'scatter' : 'stack');
  if (!LAYOUTS.includes(layout)) throw new DiveOptionError(`display.dive: layout must be 'stack' or 'scatter', got ${JSON.stringify(layout)}`);
  view.layout = layout;
  if (layout === 'scatter' && !view.x && !view.y) {
    const numeric = columns.filter((c) => c.kind === 'number').map((c) => c.name);
    view.x = numeric[0] ?? null;
    view.y = numeric[1] ?? null;
  }
  if (given.bins !== undefined) view.bins = integerIn('bins', given.bins, 1, MAX_BUCKETS);
  if (given.facetValues !== undefined) view.facetValues = integerIn('facetValues', given.facetValues, 1, MAX_BUCKETS);
  if (given.colorValues !== undefined) view.colorValues = integerIn('colorValues', given.colorValues, 1, MAX_COLORS);
  if (given.pointScale !== undefined) {
    const s = given.pointScale;
    if (typeof s !== 'number' || !(s > 0 && s <= 20)) throw new DiveOptionError(`display.dive: pointScale must be a number in (0, 20], got ${JSON.stringify(s)}`);
    view.pointScale = s;
  }
  return view;
}

/** The columns a view draws (each once): what the panel needs before its first frame. */
export function viewColumns(view: DiveView): string[] {
  const used = [view.row, view.column, view.color, view.size, view.label, ...(view.layout === 'scatter' ? [view.x, view.y] : [view.sort])];
  return [...new Set(used.filter((c): c is string => !!c))];
}
