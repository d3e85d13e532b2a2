/**
 * Tensors for cells: TensorFlow.js loaded on first use on the best backend
 * (`loadTf`), the backend report (`device`), table ↔ tensor conversion and
 * tensor pictures. Nothing here loads tfjs until `loadTf()` is called.
 */
export { loadTf, loadedTf, type LoadOptions } from './load.js';
export { device, DeviceReport, type DeviceInfo } from './report.js';
export { BackendError, FORCE_VALUES, type CandidateRecord, type Selection } from './select.js';
export type { BackendId, SkipReason, Tf } from './candidates.js';
export { tensorBundle } from './render.js';
export { heatmap, type HeatmapOptions } from './heatmap.js';
export { images, type ImagesOptions } from './images.js';
export { colormap, COLORMAPS, type ColormapName } from './colormap.js';
export { tableToTensor, tensorToTable, type TableDtype, type TableToTensorOptions } from './table.js';
