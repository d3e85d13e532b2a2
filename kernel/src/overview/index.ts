/**
 * The Overview's pure side, shared by the kernel (static fallback) and the
 * JupyterLab extension (live panel): read statistics into a model, measure,
 * sort, and draw tables and charts as strings. Browser-safe: no Node imports.
 */
export { overviewModel, parseStatistics, OverviewInputError, type OverviewModel, type Feature, type FeatureStats, type FeatureKind, type Bucket, type RankBucket } from './model.js';
export { flagsOf, finiteRange, featureDistance, featureNonUniformity, featureMissingOrZero, nonUniformityOf, chiSquareDistance, rebin, MISSING_RED, ZEROS_RED, SHIFT_RED, type Flag } from './measures.js';
export { DEFAULT_VIEW, SORT_MODES, SORT_LABELS, CUMULATIVE_ABOVE, sortModes, visibleFeatures, matcher, type ViewOptions, type SortMode, type NumericChart, type CategoricalChart } from './view.js';
export { formatNumber, formatCount, formatPercent } from './format.js';
export { sectionTable, featureChart, CHART_SIZE, CHART_SIZE_EXPANDED } from './table.js';
export { overviewHtml, overviewText, rows } from './static.js';
export { PALETTE, seriesColor, seriesClass } from './marks/svg.js';
