/** `tsml.callbacks`: composable training callbacks (see types.ts for the hooks). */
export { liveLoss, LiveLoss, type LiveLossOptions } from './live-loss.js';
export { progress, Progress, type ProgressOptions } from './progress.js';
export { earlyStopping, EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
export { lrScheduler, LrScheduler, type LrSchedulerOptions } from './lr-scheduler.js';
export { checkpoint, Checkpoint, type CheckpointOptions } from './checkpoint.js';
export { csvLogger, CsvLogger } from './csv-logger.js';
export { CallbackError, type Callback, type TrainContext } from './types.js';
