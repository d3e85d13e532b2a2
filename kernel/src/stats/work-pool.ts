/**
 * Persistent worker threads that share one job with the calling thread. The
 * job's tasks (0 … tasks − 1: columns, blocks of rows) are handed out by an
 * atomic counter in a SharedArrayBuffer; the caller takes tasks too, so a
 * worker slowed by other work on a shared machine just takes fewer, and a
 * worker not started yet takes none. Every task is the same pure function
 * whoever runs it and writes only its own part of the output, so results do
 * not depend on the number of threads. The caller blocks (Atomics.wait)
 * until every task is done, so a threaded computation stays synchronous.
 * Workers start on first use and are unref'd: they never keep the kernel
 * alive.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** Counter slots: next task, tasks done, workers failed, then tasks run by the caller and by each worker. */
const NEXT = 0, DONE = 1, FAILED = 2, BY = 3;

/** What every job message carries besides its own shared arrays. */
export interface PoolJob {
  counters: Int32Array;
  tasks: number;
  /** This worker's slot in `counters`. */
  slot: number;
  /** Which run the job belongs to, so a late result of a failed run is not taken for the next one's. */
  run: number;
}

/** Worker code: a built module file, or self-contained source text (evaluated, so it runs from TypeScript sources too). */
export type WorkerCode = { file: string } | { source: string };

/** `threads` as asked (at most 8), or when not given (Infinity) the cores, at most 4: threads besides the caller. */
export function helperCount(threads: number): number {
  return (Number.isFinite(threads) ? Math.min(threads, 8) : Math.min(availableParallelism(), 4)) - 1;
}

/**
 * The built worker module `name` beside the calling module (`moduleUrl`), or
 * in dist/ when the caller runs from TypeScript sources (tests); undefined
 * when it is not built.
 */
export function builtWorker(moduleUrl: string, name: string): WorkerCode | undefined {
  const here = fileURLToPath(moduleUrl);
  let dir = here.slice(0, here.lastIndexOf('/'));
  if (here.endsWith('.ts')) {
    const src = dir.lastIndexOf('/src/');
    dir = src < 0 ? dir : `${dir.slice(0, src)}/dist/${dir.slice(src + 5)}`;
  }
  const file = `${dir}/${name}`;
  return existsSync(file) ? { file } : undefined;
}

/**
 * The body of every worker: runs tasks from the counter until none are left,
 * posting each task's result (when it returns one) on its own port. It is
 * stringified into evaluated workers, so it refers to nothing outside itself
 * (counter slots are written as numbers: 0 next, 1 done, 2 failed).
 */
export function serveTasks<J extends PoolJob>(threads: typeof import('node:worker_threads'), task: (job: J, k: number) => unknown): void {
  const port = (threads.workerData as { port: MessagePort }).port;
  threads.parentPort!.on('message', (job: J) => {
    const c = job.counters;
    try {
      for (let k = Atomics.add(c, 0, 1); k < job.tasks; k = Atomics.add(c, 0, 1)) {
        const result = task(job, k);
        // Posted before the task counts as done, so a caller that sees it done can read the result.
        if (result !== undefined) port.postMessage({ run: job.run, k, result });
        Atomics.add(c, job.slot, 1);
        Atomics.add(c, 1, 1);
        Atomics.notify(c, 1);
      }
    } catch (e) {
      port.postMessage({ run: job.run, error: e instanceof Error ? e.message : String(e) });
      Atomics.add(c, 2, 1);
      Atomics.notify(c, 1);
    }
  });
}

export interface PoolRun<J> {
  /** The job's shared arrays and settings, sent to every worker (shared memory is not copied). */
  job: Omit<J, keyof PoolJob>;
  tasks: number;
  /** Threads besides the caller (helperCount); at most tasks − 1 are used. */
  helpers: number;
  /** The caller's run of task k. */
  task(k: number): void;
  /** Caller work done while the workers start on the tasks, before the caller takes any. */
  meanwhile?(): void;
  /** A result a worker posted for task k. */
  result?(k: number, value: unknown): void;
}

/** How a run was split: its tasks, and how many of them the caller and each worker ran. */
export interface PoolSplit {
  tasks: number;
  byThread: number[];
}

let runs = 0;

export class WorkPool {
  private readonly threads: { worker: Worker; port: MessagePort }[] = [];
  /** The split of the last run (undefined before any): what tests read to see that workers took tasks. */
  lastSplit: PoolSplit | undefined;

  /** `what` names the computation in errors; `code` finds the worker code (undefined: none, run on one thread). */
  constructor(private readonly what: string, private readonly code: () => WorkerCode | undefined) {}

  private workers(count: number) {
    const code = this.threads.length < count ? this.code() : undefined;
    while (code && this.threads.length < count) {
      const { port1, port2 } = new MessageChannel();
      const options = { workerData: { port: port2 }, transferList: [port2] };
      const worker = 'file' in code ? new Worker(code.file, options) : new Worker(code.source, { ...options, eval: true });
      worker.unref();
      port1.unref();
      const entry = { worker, port: port1 };
      // A worker that fails to start or dies is dropped (a new one starts on the next run); without a
      // listener its 'error' event would be thrown in the kernel's main thread.
      const drop = () => {
        const at = this.threads.indexOf(entry);
        if (at >= 0) this.threads.splice(at, 1);
      };
      worker.on('error', drop);
      worker.on('exit', drop);
      this.threads.push(entry);
    }
    return this.threads.slice(0, count);
  }

  /** True when worker code is there to start (else callers take their one-thread path). */
  available(): boolean {
    return this.threads.length > 0 || this.code() !== undefined;
  }

  /** Runs every task on the caller and up to `helpers` workers. */
  run<J extends PoolJob>(r: PoolRun<J>): void {
    const helpers = Math.max(0, Math.min(r.helpers, r.tasks - 1));
    const pooled = this.workers(helpers);
    const counters = new Int32Array(new SharedArrayBuffer(4 * (BY + 1 + helpers)));
    const run = ++runs;
    pooled.forEach(({ worker }, k) => worker.postMessage({ ...r.job, counters, tasks: r.tasks, slot: BY + 1 + k, run }));
    r.meanwhile?.();
    for (let k = Atomics.add(counters, NEXT, 1); k < r.tasks; k = Atomics.add(counters, NEXT, 1)) {
      r.task(k);
      Atomics.add(counters, BY, 1);
      Atomics.add(counters, DONE, 1);
    }
    const receive = () => {
      for (const { port } of pooled) {
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
          const msg = m.message as { run: number; k: number; result: unknown } | { run: number; error: string };
          if (msg.run !== run) continue;
          if ('error' in msg) throw new Error(`${this.what}: a worker thread failed (${msg.error}); rerun with { threads: 1 }`);
          r.result?.(msg.k, msg.result);
        }
      }
    };
    // Every task is taken; wait for the ones still running, reading results as they come so the ports stay short.
    const deadline = Date.now() + 120_000;
    for (let done = Atomics.load(counters, DONE); done < r.tasks; done = Atomics.load(counters, DONE)) {
      receive();
      if (Atomics.load(counters, FAILED) > 0) {
        receive();
        throw new Error(`${this.what}: a worker thread failed; rerun with { threads: 1 }`);
      }
      if (Date.now() > deadline) throw new Error(`${this.what}: a worker thread stopped responding for 2 minutes; rerun with { threads: 1 }`);
      Atomics.wait(counters, DONE, done, 1_000);
    }
    receive();
    this.lastSplit = { tasks: r.tasks, byThread: Array.from(counters.subarray(BY)) };
  }
}
