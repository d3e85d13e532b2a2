/**
 * The Dive's pure side, shared by the kernel (encoding, first view, static
 * fallback) and the JupyterLab panel (layout in a Web Worker, camera,
 * picking, selection): browser-safe, no Node imports.
 */
export * from './columns.js';
export { encodeColumn, encodeNumbers, encodeCategories, valueKind, MAX_DICTIONARY, type ValueKind } from './encode.js';
export { sampleRows, permutation, positionOf, seededRandom } from './sample.js';
export { bucketsOf, numberBuckets, categoryBuckets, singleBucket, formatValue, MAX_BUCKETS, type Buckets, type BucketOptions } from './bins.js';
export { sortOrder, countingOrder, radixOrder, floatKeys, groupByCell, identityOrder } from './order.js';
export { colorsOf, paletteColor, CATEGORY_COLORS, DEFAULT_COLOR, OTHER_COLOR, MISSING_COLOR, MAX_COLORS, type Coloring, type Legend, type LegendEntry } from './color.js';
export { niceTicks } from './ticks.js';
export { DEFAULT_VIEW, FEATURE_OPTIONS, resolveView, viewColumns, DiveOptionError, type FeatureOption } from './view.js';
export { diveLayout, stackPositions, sizeCodes, sizeFactor, pointPixels, cellOrigin, scatterPointSize, LayoutCache, type DiveLayout, type FacetAxis, type LayoutInput } from './layout.js';
export { scatterAxis, jitter, type AxisSpec, type Tick } from './scatter.js';
export { fitCamera, toScreen, toWorld, zoomAt, panBy, zoomLimits, visibleWorld, worldBounds, type Camera, type Viewport } from './camera.js';
export { buildTiles, forEachNear, worldOf, type TileIndex } from './tiles.js';
export { pickRow, rowsInRect, rowsInPolygon, rowsInView, polygonMask } from './select.js';
export { encodeRows, decodeRows, type EncodedRows } from './codec.js';
export { rasterize, LIGHT_RASTER, type RasterTheme, type RasterOptions } from './raster.js';
export { frameLabels, marginsFor, fit, CHAR_PX, type TextItem } from './labels.js';
export { diveHtml, diveText, describeView, legendText, type StaticImage } from './static.js';
