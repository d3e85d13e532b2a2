/**
 * Training helpers: `fit` (tfjs-layers models) and `fitLoop` (custom losses
 * over variables) with callbacks, schedules, the LR finder, gradient
 * accumulation, the bucketing loader, and map-reduce over worker threads.
 */
export { fit, type FitOptions } from './fit.js';
export { fitLoop, lastHistory, type FitLoopOptions, type LossFn } from './fit-loop.js';
export { History, type EpochRecord, type Logs, type RunStatus } from './history.js';
export { LiveChart, type LiveChartOptions } from './chart.js';
export { fileHandler, loadModel, saveModel } from './model-io.js';
export { TrainingInterrupted } from './interrupt.js';
export type { Batch, DataInput } from './data.js';
export * as callbacks from './callbacks/index.js';
export * as schedules from './schedules/index.js';
export { lrFinder, suggestLr, type LrFinderOptions, type LrFinderResult } from './lr-finder.js';
export { bucketBy, BucketLoader, quantileBoundaries, type BucketOptions, type PaddingReport } from './bucket.js';
export { partition, mapReduce, Partitions, type MapFn, type CombineFn, type Emit, type MapReduceOptions, type MapReduceResult } from './mapreduce/index.js';
import { bucketBy as bucketByFn } from './bucket.js';
/** `tsml.data`: loaders for training. */
export const data = { bucketBy: bucketByFn };
