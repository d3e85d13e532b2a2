/**
 * The outliers panel's pure side, shared by the kernel (static fallback) and
 * the JupyterLab extension (live panel). Browser-safe: no Node imports.
 */
export { boxPlotSvg, scoreSvg, scoreAt } from './charts.js';
export { outliersHtml, outliersText, columnsTable, flaggedTable } from './static.js';
export { defaultSetting, flaggedAt, gridAt, iqrCounts, scoreCount, type OutlierSetting } from './flags.js';
