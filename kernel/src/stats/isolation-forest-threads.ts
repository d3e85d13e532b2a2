/**
 * Isolation Forest scoring across worker threads. The rows and the forest
 * sit in SharedArrayBuffers; the calling thread and the workers take blocks
 * of rows from one atomic counter until none are left (a thread slowed by
 * other work on a shared machine just takes fewer), each row's path lengths
 * added tree by tree in the same order whoever walks it, so the scores are
 * the same bit for bit for any number of threads. The caller blocks on
 * Atomics.wait until every block is done, so scoring stays synchronous.
 * Workers are started once, from the walk's source text (so the same code
 * runs from the built package and from TypeScript sources), and unref'd.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { setParallelWalk, walkForest, type CompleteForest, type Matrix } from './isolation-forest.js';

/** Rows per block taken from the counter: small enough to balance two busy cores, large enough to amortise the atomics. */
const BLOCK = 8192;
/** Counters: [next block, blocks done, workers failed, then blocks walked by the caller and by each worker]. */
const NEXT = 0, DONE = 1, FAILED = 2, BY = 3;

export interface WalkJob {
  forest: CompleteForest;
  x: Matrix;
  d: number;
  n: number;
  acc: Float64Array;
  counters: Int32Array;
  /** This worker's slot in `counters`. */
  slot: number;
}

/** How the last threaded scoring was split: blocks of rows in all, and how many the caller and each worker walked. */
export interface ScoringSplit {
  blocks: number;
  byThread: number[];
}
let lastSplit: ScoringSplit | undefined;

/** The split of the last scoring that used worker threads (undefined before any). */
export function lastScoringSplit(): ScoringSplit | undefined {
  return lastSplit;
}

/** The body of a worker: walks blocks until the counter runs out. Runs from its source text, so it refers to nothing outside itself. */
function workerMain(walk: typeof walkForest): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  parentPort!.on('message', (job: WalkJob & { block: number }) => {
    const { forest: f, x, d, n, acc, counters, block, slot } = job;
    const blocks = Math.ceil(n / block);
    try {
      for (let b = Atomics.add(counters, 0, 1); b < blocks; b = Atomics.add(counters, 0, 1)) {
        walk(f.features, f.thresholds, f.leaves, f.depth, f.trees, x, d, b * block, Math.min(n, (b + 1) * block), acc);
        Atomics.add(counters, slot, 1);
        Atomics.add(counters, 1, 1);
        Atomics.notify(counters, 1);
      }
    } catch {
      Atomics.add(counters, 2, 1);
      Atomics.notify(counters, 1);
    }
  });
}

const SOURCE = `const walkForest = ${walkForest.toString()};\n(${workerMain.toString()})(walkForest);`;
const pool: Worker[] = [];

function workers(count: number): Worker[] {
  while (pool.length < count) {
    const w = new Worker(SOURCE, { eval: true });
    w.unref();
    pool.push(w);
  }
  return pool.slice(0, count);
}

function shared<T extends Matrix | Int32Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  copy.set(a as never);
  return copy;
}

/** A Float64Array in shared memory, for callers that build a matrix to score (no copy when it is handed over). */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

/** `threads` as asked (at most 8), or when not given (Infinity) the cores, at most 4; the caller is one of them. */
function parallel(f: CompleteForest, x: Matrix, d: number, threads: number): Float64Array | undefined {
  const count = (Number.isFinite(threads) ? Math.min(threads, 8) : Math.min(availableParallelism(), 4)) - 1;
  if (count < 1) return undefined;
  const n = x.length / d;
  const blocks = Math.ceil(n / BLOCK);
  const forest: CompleteForest = { depth: f.depth, trees: f.trees, features: shared(f.features), thresholds: shared(f.thresholds), leaves: shared(f.leaves) };
  const job: WalkJob = { forest, x: shared(x), d, n, acc: new Float64Array(new SharedArrayBuffer(n * 8)), counters: new Int32Array(new SharedArrayBuffer(4 * (BY + 1 + count))), slot: BY };
  const { counters } = job;
  workers(count).forEach((w, k) => w.postMessage({ ...job, block: BLOCK, slot: BY + 1 + k }));
  for (let b = Atomics.add(counters, NEXT, 1); b < blocks; b = Atomics.add(counters, NEXT, 1)) {
    walkForest(forest.features, forest.thresholds, forest.leaves, f.depth, f.trees, job.x, d, b * BLOCK, Math.min(n, (b + 1) * BLOCK), job.acc);
    Atomics.add(counters, BY, 1);
    Atomics.add(counters, DONE, 1);
  }
  // Every block is taken; wait for the ones still being walked.
  for (let done = Atomics.load(counters, DONE); done < blocks; done = Atomics.load(counters, DONE)) {
    if (Atomics.load(counters, FAILED) > 0) throw new Error('isolationForest: a scoring thread failed; rerun with { threads: 1 }');
    if (Atomics.wait(counters, DONE, done, 120_000) === 'timed-out' && Atomics.load(counters, DONE) === done) {
      throw new Error('isolationForest: a scoring thread stopped responding for 2 minutes; rerun with { threads: 1 }');
    }
  }
  lastSplit = { blocks, byThread: Array.from(counters.subarray(BY)) };
  return job.acc;
}

setParallelWalk(parallel);
