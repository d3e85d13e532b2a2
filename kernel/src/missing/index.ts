/**
 * The missing-values panel's pure side, shared by the kernel (static
 * fallback) and the JupyterLab extension (live panel): charts as SVG strings,
 * tables, the text summary and the plan code a step list stands for.
 * Browser-safe: no Node imports.
 */
export { barsSvg, matrixSvg, heatmapSvg, dendrogramSvg, previewSvg, afterCounts, byMissing, type PreviewStrategy } from './charts.js';
export { missingHtml, missingText, summaryLine, sentinelsTable, duplicatesLine, aboveThreshold } from './static.js';
export { builderCode, type StepCall } from './plan-code.js';
export { fromBase64, bitsOf, uint16Of, bitAt, binIndex } from './codec.js';
export { literal } from '../clean/literal.js';
