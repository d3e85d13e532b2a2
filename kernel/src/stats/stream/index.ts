/**
 * Statistics of files that need not fit in memory (Parquet), read in
 * batches: `statisticsFromParquet`, and for `display.overview(path)` the
 * pair `isStatisticsFile` / `statisticsFromFile`.
 */
import { basename } from 'node:path';
import type { DatasetFeatureStatisticsList } from '../../mime/index.js';
import { statisticsFromParquet, type StreamStatisticsOptions } from './statistics.js';

export { statisticsFromParquet, type StreamStatisticsOptions } from './statistics.js';

const PARQUET = /\.parquet$/i;

/** True for a path (or several: train/test) that `statisticsFromFile` reads: a string ending in .parquet, any case. JSON statistics text never is one. */
export function isStatisticsFile(input: unknown): input is string | string[] {
  const one = (v: unknown) => typeof v === 'string' && PARQUET.test(v.trim());
  return one(input) || (Array.isArray(input) && input.length > 0 && input.every(one));
}

/** Facets statistics of one file or several (one dataset each), read in batches: memory stays bounded whatever the row count. */
export function statisticsFromFile(paths: string | string[], options: StreamStatisticsOptions = {}): Promise<DatasetFeatureStatisticsList> {
  const list = (Array.isArray(paths) ? paths : [paths]).map((p) => p.trim());
  const other = list.find((p) => !PARQUET.test(p));
  if (other !== undefined) return Promise.reject(new TypeError(`statisticsFromFile: ${other} is not a .parquet file (only Parquet is read in batches; load a CSV with readCsv and pass the table)`));
  // Named after their files (display.overview(['train.parquet', 'test.parquet']) shows train and test), not 'dataset 1'.
  const names = options.names ?? list.map((p) => basename(p).replace(PARQUET, ''));
  return statisticsFromParquet(list, { ...options, names });
}
