/**
 * The `tsml` package as cells and scripts import it: `import { display } from 'tsml'`.
 * Inside the kernel these are the same objects as the cell globals.
 */
import { provideOverview, providePanel } from './display/display.js';
import { overviewFor } from './display/overview.js';
import { registerCleaningPanels } from './display/cleaning-panels.js';
import { makeDive } from './display/dive-wiring.js';

provideOverview(overviewFor);
registerCleaningPanels();
providePanel('dive', (input, opts) => {
  const { bundle, handle } = makeDive(input, opts);
  return { bundle, view: handle };
});
export { display, clearOutput, DisplayHandle, type DisplayOptions } from './display/display.js';
export { overviewFor, type OverviewInput, type OverviewOptions } from './display/overview.js';
export { buildDive, type DiveOptions } from './display/dive.js';
export { Dive } from './display/dive-handle.js';
export { formatValue, inspectValue } from './display/format.js';
export { Comm, CommManager, type CommMessage } from './comm/manager.js';
export * from './mime/index.js';
export { VERSION as version } from './info.js';
export * from './data/index.js';
export * from './stats/index.js';
export { statisticsFromParquet, type StreamStatisticsOptions } from './stats/stream/index.js';
export { seed } from './random/index.js';
export * as random from './random/namespace.js';
export * from './models/index.js';
export * as chart from './charts/svg.js';
export * as clean from './clean/index.js';
export { loadTf, loadedTf, device, tableToTensor, tensorToTable, type DeviceReport } from './tensor/index.js';
export * as datasets from '@tsml/datasets';
export { openChannel, findChannel, Channel, type ChannelView } from './channel/index.js';
export * as widgets from './widgets/index.js';
export { interact, widget } from './widgets/index.js';
export { fit, fitLoop, lastHistory, History, LiveChart, fileHandler, loadModel, saveModel, TrainingInterrupted, callbacks, schedules, lrFinder, bucketBy, data, partition, mapReduce, Partitions, type FitOptions, type FitLoopOptions } from './train/index.js';
