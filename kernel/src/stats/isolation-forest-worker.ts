/** A worker of isolation-forest-threads.ts: walks its rows through every tree, then counts itself done. */
import { workerData } from 'node:worker_threads';
import { walk } from './isolation-forest.js';
import type { WalkJob } from './isolation-forest-threads.js';

const job = workerData as WalkJob;
walk(job.trees, job.x, job.d, job.start, job.end, job.acc);
Atomics.add(job.done, 0, 1);
Atomics.notify(job.done, 0);
