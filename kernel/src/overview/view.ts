/**
 * The Overview's view state — what the controls change — and the pure steps
 * from model to the rows on screen: search filter, sort, reverse.
 */
import { featureDistance, featureMissingOrZero, featureNonUniformity } from './measures.js';
import type { Feature, FeatureKind, OverviewModel } from './model.js';

export const SORT_MODES = ['order', 'nonuniformity', 'alphabetical', 'missing', 'distance'] as const;
export type SortMode = (typeof SORT_MODES)[number];

export const SORT_LABELS: Record<SortMode, string> = {
  order: 'Feature order',
  nonuniformity: 'Non-uniformity',
  alphabetical: 'Alphabetical',
  missing: 'Amount missing/zero',
  distance: 'Distribution distance',
};

export type NumericChart = 'histogram' | 'quantiles';
/** 'auto' draws bars up to `CUMULATIVE_ABOVE` unique values and a cumulative curve beyond. */
export type CategoricalChart = 'auto' | 'bars' | 'cumulative';
export const CUMULATIVE_ABOVE = 10;

export interface ViewOptions {
  sort: SortMode;
  reverse: boolean;
  search: string;
  numericChart: NumericChart;
  categoricalChart: CategoricalChart;
  log: boolean;
  percent: boolean;
  expand: boolean;
  weighted: boolean;
}

export const DEFAULT_VIEW: ViewOptions = {
  sort: 'order',
  reverse: false,
  search: '',
  numericChart: 'histogram',
  categoricalChart: 'auto',
  log: false,
  percent: false,
  expand: false,
  weighted: false,
};

/** Sort modes that make sense for this model (distance needs two datasets). */
export function sortModes(model: OverviewModel): SortMode[] {
  return SORT_MODES.filter((m) => m !== 'distance' || model.datasets.length > 1);
}

/** Numeric sort keys, highest first; computed once per feature (distance rebins histograms). */
const KEYS: Partial<Record<SortMode, (f: Feature) => number>> = {
  nonuniformity: featureNonUniformity,
  missing: featureMissingOrZero,
  distance: featureDistance,
};

function sortFeatures(features: Feature[], sort: SortMode): Feature[] {
  if (sort === 'order') return features.sort((a, b) => a.index - b.index);
  if (sort === 'alphabetical') return features.sort((a, b) => a.name.localeCompare(b.name) || a.index - b.index);
  const key = new Map(features.map((f) => [f, KEYS[sort]!(f)]));
  return features.sort((a, b) => key.get(b)! - key.get(a)! || a.index - b.index);
}

/** Case-insensitive substring search; a query wrapped in /…/ is a regular expression. */
export function matcher(search: string): (name: string) => boolean {
  const q = search.trim();
  if (!q) return () => true;
  const re = /^\/(.+)\/([a-z]*)$/.exec(q);
  if (re) {
    try {
      const rx = new RegExp(re[1], re[2].includes('i') ? re[2] : re[2] + 'i');
      return (name) => rx.test(name);
    } catch {
      // An unfinished expression while typing matches as plain text.
    }
  }
  const lower = q.toLowerCase();
  return (name) => name.toLowerCase().includes(lower);
}

/** The features of one section, filtered and ordered as the view says. */
export function visibleFeatures(model: OverviewModel, kind: FeatureKind, view: ViewOptions): Feature[] {
  const match = matcher(view.search);
  const sort = view.sort === 'distance' && model.datasets.length < 2 ? 'order' : view.sort;
  const out = sortFeatures(model.features.filter((f) => f.kind === kind && match(f.name)), sort);
  return view.reverse ? out.reverse() : out;
}
