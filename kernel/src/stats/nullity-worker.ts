/**
 * A worker thread of tsml.nullity: reads the columns it takes from the shared
 * counter with nullity-threads' `maskTask`, the code the calling thread runs,
 * writing masks and counts into shared memory (nothing is posted back).
 */
import * as threads from 'node:worker_threads';
import { serveTasks } from './work-pool.js';
import { maskTask, type MaskJob } from './nullity-threads.js';

serveTasks<MaskJob>(threads, (job, k) => maskTask(job, k));
