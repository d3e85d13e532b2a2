/**
 * Isolation Forest scoring across threads: the rows (in a SharedArrayBuffer)
 * are split between the calling thread and up to three workers, which add
 * path lengths into one shared result; the caller blocks with Atomics.wait
 * until they finish, so scoring stays synchronous. Without the compiled
 * worker file (tests run from source) or with one core, scoring stays on the
 * calling thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { setParallelWalk, walk, type Matrix, type Tree } from './isolation-forest.js';

const WORKER = new URL('./isolation-forest-worker.js', import.meta.url);

export interface WalkJob {
  trees: Tree[];
  x: Matrix;
  d: number;
  start: number;
  end: number;
  acc: Float64Array;
  done: Int32Array;
}

function shared<T extends Matrix | Float64Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  copy.set(a as never);
  return copy;
}

function parallel(trees: Tree[], x: Matrix, d: number): Float64Array | undefined {
  const threads = Math.min(4, availableParallelism());
  if (threads < 2 || !existsSync(fileURLToPath(WORKER))) return undefined;
  const n = x.length / d;
  const xs = shared(x);
  const acc = new Float64Array(new SharedArrayBuffer(n * 8));
  const done = new Int32Array(new SharedArrayBuffer(4));
  const per = Math.ceil(n / threads);
  const workers: Worker[] = [];
  for (let w = 1; w < threads; w++) {
    const job: WalkJob = { trees, x: xs, d, start: w * per, end: Math.min(n, (w + 1) * per), acc, done };
    workers.push(new Worker(WORKER, { workerData: job }));
  }
  walk(trees, xs, d, 0, Math.min(n, per), acc);
  for (;;) {
    const finished = Atomics.load(done, 0);
    if (finished >= workers.length) break;
    Atomics.wait(done, 0, finished, 60_000);
  }
  for (const w of workers) void w.terminate();
  return acc;
}

setParallelWalk(parallel);
