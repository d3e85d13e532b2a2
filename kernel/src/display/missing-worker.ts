/**
 * A worker thread of display.missing: scans the numeric columns it takes from
 * the shared counter with missing-columns' `numericScan`, the same code the
 * calling thread runs, and posts each scan back.
 */
import * as threads from 'node:worker_threads';
import { serveTasks } from '../stats/work-pool.js';
import { numericScan } from './missing-columns.js';
import type { ColumnJob } from './missing-threads.js';

let finite = new Float64Array(0);

serveTasks<ColumnJob>(threads, ({ xs, names }, j) => {
  if (finite.length < xs[j].length) finite = new Float64Array(xs[j].length);
  return numericScan(names[j], xs[j], finite);
});
