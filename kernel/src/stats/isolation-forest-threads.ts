/**
 * Isolation Forest scoring across worker threads. The rows and the forest
 * sit in SharedArrayBuffers; the calling thread and the workers take blocks
 * of rows from one atomic counter until none are left (a thread slowed by
 * other work on a shared machine just takes fewer), each row's path lengths
 * added tree by tree in the same order whoever walks it, so the scores are
 * the same bit for bit for any number of threads. The caller blocks on
 * Atomics.wait until every block is done, so scoring stays synchronous.
 * Workers (work-pool.ts) run from the walk's source text, so the same code
 * runs from the built package and from TypeScript sources.
 */
import { setParallelWalk, walkForest, type CompleteForest, type Matrix } from './isolation-forest.js';
import { helperCount, serveTasks, WorkPool, type PoolJob, type PoolSplit } from './work-pool.js';
import { toShared } from '../util/shared-memory.js';

/** Rows per block taken from the counter: small enough to balance two busy cores, large enough to amortise the atomics. */
const BLOCK = 8192;

export interface WalkJob extends PoolJob {
  forest: CompleteForest;
  x: Matrix;
  d: number;
  n: number;
  acc: Float64Array;
}


/** Block b of the rows, walked through every tree (the same code on the caller and, from its source text, in the workers). */
function walkBlock(walk: typeof walkForest, job: Omit<WalkJob, keyof PoolJob>, b: number, block: number): void {
  const { forest: f, x, d, n, acc } = job;
  walk(f.features, f.thresholds, f.leaves, f.depth, f.trees, x, d, b * block, Math.min(n, (b + 1) * block), acc);
}

const SOURCE = [
  `const walkForest = ${walkForest.toString()};`,
  `const walkBlock = ${walkBlock.toString()};`,
  `(${serveTasks.toString()})(require('node:worker_threads'), (job, b) => walkBlock(walkForest, job, b, ${BLOCK}));`,
].join('\n');
const pool = new WorkPool('isolationForest', () => ({ source: SOURCE }));

/** The split of the last scoring that used worker threads (tasks: blocks of rows), undefined before any. */
export const lastScoringSplit = (): PoolSplit | undefined => pool.lastSplit;

/** A Float64Array in shared memory, for callers that build a matrix to score (no copy when it is handed over). */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

/** `threads` as asked (at most 8), or when not given (Infinity) the cores, at most 4; the caller is one of them. */
function parallel(f: CompleteForest, x: Matrix, d: number, threads: number): Float64Array | undefined {
  const helpers = helperCount(threads);
  if (helpers < 1) return undefined;
  const n = x.length / d;
  const blocks = Math.ceil(n / BLOCK);
  const forest: CompleteForest = { depth: f.depth, trees: f.trees, features: toShared(f.features), thresholds: toShared(f.thresholds), leaves: toShared(f.leaves) };
  const job = { forest, x: toShared(x), d, n, acc: new Float64Array(new SharedArrayBuffer(n * 8)) };
  pool.run<WalkJob>({ job, tasks: blocks, helpers, task: (b) => walkBlock(walkForest, job, b, BLOCK) });
  return job.acc;
}

setParallelWalk(parallel);
