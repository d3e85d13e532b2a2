/**
 * A large CSV file read on two threads: this one reads the first part while
 * a worker reads the rest, from the first line break after the middle, as if
 * a header-less file began there with this part's column names; then the
 * parts are joined. Whether that line break really ends a row is only known
 * once this part is read: inside a quoted field, this part ends on an
 * unterminated quote. That case, any error, and anything the worker cannot
 * do give up on the split (undefined), and the caller reads the file on one
 * thread, which reports errors with their true line numbers.
 */
import { Worker } from 'node:worker_threads';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readChunks, type ChunkSink } from '../source.js';
import { CsvReader, Restart, type ReaderOptions, type ReaderPart } from './reader.js';
import { FINISHED, KIB_READ, watched, type Job, type Outcome } from './worker.js';

/** Below this size one thread is about as fast (a worker's first start alone takes tens of milliseconds). */
const PARALLEL_BYTES = 16 << 20;

const WORKER = new URL('./worker.js', import.meta.url);
let idle: Worker | undefined;

/** The idle worker, or a new one; undefined when running from TypeScript sources (tests), which have no worker.js. */
function takeWorker(): Worker | undefined {
  if (idle) {
    const w = idle;
    idle = undefined;
    return w;
  }
  return existsSync(fileURLToPath(WORKER)) ? new Worker(WORKER) : undefined;
}

/** Keeps one worker for the next read; another (two reads at once) ends. */
function release(worker: Worker): void {
  if (idle) void worker.terminate();
  else idle = worker;
}

/** Runs a job; the worker holds the process open only while it works. */
function run(worker: Worker, job: Job): Promise<Outcome> {
  worker.ref();
  return new Promise<Outcome>((resolve) => {
    const done = (outcome: Outcome, healthy: boolean) => {
      worker.off('message', onMessage).off('error', onError);
      worker.unref();
      if (healthy) release(worker);
      else void worker.terminate();
      resolve(outcome);
    };
    const onMessage = (outcome: Outcome) => done(outcome, true);
    const onError = (e: Error) => done({ error: e.message }, false);
    worker.on('message', onMessage).on('error', onError);
    worker.postMessage(job);
  });
}

/** Where the worker's part starts: after the first line break past the middle (-1 when none is near). */
function splitPoint(path: string, size: number): number {
  const fd = openSync(path, 'r');
  try {
    const probe = new Uint8Array(1 << 16);
    // A little past the middle: the worker starts once the header is read, and its code starts cold.
    const at = Math.floor(size * 0.55);
    const lf = probe.subarray(0, readSync(fd, probe, 0, probe.length, at)).indexOf(10);
    return lf < 0 || at + lf + 1 >= size ? -1 : at + lf + 1;
  } finally {
    closeSync(fd);
  }
}

/** The worker has read less than half its part while this thread read all of its own: it gets little CPU (a busy machine). */
function behind(progress: Int32Array, bytes: number): boolean {
  return Atomics.load(progress, FINISHED) === 0 && Atomics.load(progress, KIB_READ) * 1024 < bytes / 2;
}

/**
 * The worker's part read on this thread too, giving up as soon as the
 * worker finishes: undefined then, or on an error (the worker meets it too).
 */
export async function readHere(job: Job, progress: Int32Array): Promise<ReaderPart | undefined> {
  try {
    const reader = new CsvReader(job.opts);
    const sink = watched(reader, undefined, () => Atomics.load(progress, FINISHED) === 1);
    await readChunks(job.path, sink, job.chunk, { from: job.from, to: job.to });
    return sink.ended ? reader.part() : undefined;
  } catch {
    return undefined;
  }
}

/** Options the worker can take: functions in parse cannot cross threads, and nrows needs the rows in order. */
const splittable = (opts: ReaderOptions) => opts.nrows === undefined && !Object.values(opts.parse ?? {}).some((p) => typeof p === 'function');

/** The file read on two threads (a reader ready to finish), or undefined to read it on one. A Restart is thrown as on one thread. */
export async function readParallel(path: string, opts: ReaderOptions, chunk?: number, minBytes = PARALLEL_BYTES): Promise<CsvReader | undefined> {
  // A file that cannot be read is left to the one-thread reader, which says why.
  const size = existsSync(path) ? statSync(path).size : 0;
  if (size < minBytes || !splittable(opts)) return undefined;
  const mid = splitPoint(path, size);
  const worker = mid > 0 ? takeWorker() : undefined;
  if (!worker) return undefined;
  const reader = new CsvReader(opts);
  const progress = new Int32Array(new SharedArrayBuffer(8));
  let job: Job | undefined;
  let second: Promise<Outcome> | undefined;
  const sink: ChunkSink = {
    // Room in this part's arrays for the whole file: the worker's rows are appended to them.
    size: () => reader.size(size),
    push(bytes, final) {
      const used = reader.push(bytes, final);
      const names = reader.header;
      // Names read from the last bytes before the split might have been cut there: then no worker.
      if (!job && names && !final) {
        job = { path, from: mid, to: size, chunk, opts: { ...opts, header: false, names, skipRows: 0, middle: true }, progress: progress.buffer as SharedArrayBuffer };
        second = run(worker, job);
      }
      return used;
    },
    get done() {
      return reader.done;
    },
  };
  try {
    await readChunks(path, sink, chunk, { from: 0, to: mid });
  } catch (e) {
    await second;
    if (e instanceof Restart) throw e;
    return undefined;
  }
  if (!job || !second) {
    release(worker);
    return undefined;
  }
  // On a busy machine the worker may lag far behind: then this thread reads its part as well, and the first to finish is used.
  const here = behind(progress, size - mid) ? await readHere(job, progress) : undefined;
  if (!here && Atomics.load(progress, FINISHED) === 0) reader.touchRoom();
  const outcome = here ? { part: here } : await second;
  if (!('part' in outcome) || outcome.part.columns.some((c) => c?.kind === 'number' && c.failed)) return undefined;
  reader.append(outcome.part);
  return reader;
}
