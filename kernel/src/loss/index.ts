/**
 * The live loss chart's pure side, shared by the kernel (decimation, static
 * fallback) and the JupyterLab panel (smoothing, ranges, geometry, read-out).
 * Browser-safe: no Node imports.
 */
export { Decimator, mergeBuckets, encodeBuckets, decodeBuckets, type Bucket } from './decimate.js';
export { debiasedEma } from './ema.js';
export { robustRange, quantileSorted, type RobustRange } from './range.js';
export { scale, linearTicks, logTicks, niceStep, formatValue, type Scale } from './scale.js';
export { lossModel, legendEntries, baseMetric, LossPayloadError, PALETTE, type LossModel, type LossChart, type ChartLine } from './model.js';
export { chartGeometry, nearest, MARGIN, type ChartGeometry, type LineGeometry, type DrawOptions, type Box } from './geometry.js';
export { lossHtml, chartSvg, thin, CHART_BOX, esc } from './svg.js';
export { lossText, runLine, formatDuration } from './text.js';
