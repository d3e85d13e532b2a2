/**
 * The `tsml` package as cells and scripts import it: `import { display } from 'tsml'`.
 * Inside the kernel these are the same objects as the cell globals.
 */
import { provideDive, provideOverview } from './display/display.js';
import { overviewFor } from './display/overview.js';
import { makeDive } from './display/dive-wiring.js';

provideOverview(overviewFor);
provideDive(makeDive);
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
export { loadTf, loadedTf, device, tableToTensor, tensorToTable, type DeviceReport } from './tensor/index.js';
export * as datasets from '@tsml/datasets';
export { openChannel, findChannel, Channel, type ChannelView } from './channel/index.js';
