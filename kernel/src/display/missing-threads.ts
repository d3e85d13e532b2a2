/**
 * display.missing's numeric columns spread over worker threads. Each numeric
 * column is read once into a SharedArrayBuffer (one bulk copy, or the Arrow
 * column's own values copied whole); the caller and the workers take columns
 * from one atomic counter, and every column's scan is the same pure function
 * (`numericScan`) whoever runs it, so the payload is the same bit for bit on
 * any number of threads. While the workers scan, the caller adds each
 * column's row hashes (duplicates) in column order, as the one-thread path
 * does, then takes columns itself. Workers are started once and unref'd;
 * tables too small for workers to pay take the one-thread path.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ColumnTable } from 'arquero';
import { rowNumbers, valueKind } from '../stats/access.js';
import { numericScan, type ColumnScan, type MissingScanner } from './missing-columns.js';

/** Below this many rows (when the thread count is not given) one thread is faster than handing columns out. */
export const THREADED_ROWS = 100_000;
/** Counters: [next column, columns done, workers failed, then columns scanned by the caller and by each worker]. */
const NEXT = 0, DONE = 1, FAILED = 2, BY = 3;

export interface ColumnJob {
  xs: Float64Array[];
  names: string[];
  counters: Int32Array;
  slot: number;
}

/** How the last threaded scan was split: numeric columns in all, and how many the caller and each worker scanned. */
export interface ColumnSplit {
  columns: number;
  byThread: number[];
}
let lastSplit: ColumnSplit | undefined;

/** The split of the last display.missing that used worker threads (undefined before any). */
export function lastMissingSplit(): ColumnSplit | undefined {
  return lastSplit;
}

/** The built worker: next to this module, or in dist/ when this module runs from TypeScript sources (tests). */
function workerFile(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const dir = here.endsWith('.ts') ? here.slice(0, here.lastIndexOf('/src/')) + '/dist/display' : here.slice(0, here.lastIndexOf('/'));
  const file = `${dir}/missing-worker.js`;
  return existsSync(file) ? file : undefined;
}

const pool: { worker: Worker; port: MessagePort }[] = [];

function workers(count: number, file: string) {
  while (pool.length < count) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(file, { workerData: { port: port2 }, transferList: [port2] });
    worker.unref();
    port1.unref();
    pool.push({ worker, port: port1 });
  }
  return pool.slice(0, count);
}

/**
 * Shared column buffers, kept for a few seconds after a scan: a panel is often
 * redrawn on the same table, and 20 fresh 8 MB shared buffers cost more to
 * fault in than the copies into them. Released by an unref'd timer.
 */
let kept: Float64Array[] = [];
let release: ReturnType<typeof setTimeout> | undefined;
const KEEP_MS = 10_000;

function sharedColumns(table: ColumnTable, names: string[]): Float64Array[] {
  const rows = table.numRows();
  if (kept.length && kept[0].length !== rows) kept = [];
  while (kept.length < names.length) kept.push(new Float64Array(new SharedArrayBuffer(rows * 8)));
  if (release) clearTimeout(release);
  release = setTimeout(() => (kept = []), KEEP_MS);
  release.unref();
  return names.map((c, j) => {
    const s = kept[j];
    const x = rowNumbers(table, c, s);
    if (x.buffer !== s.buffer) s.set(x);
    return s;
  });
}

/**
 * Every column's scan, in `names` order, or undefined when one thread should
 * do it: `threads` as asked (at most 8), or when not given (Infinity) the
 * cores, at most 4, on tables of THREADED_ROWS rows or more; the caller is one.
 */
export function scanThreaded(table: ColumnTable, names: string[], scanner: MissingScanner, threads: number): ColumnScan[] | undefined {
  const given = Number.isFinite(threads);
  const count = (given ? Math.min(threads, 8) : Math.min(availableParallelism(), 4)) - 1;
  const numeric = names.filter((c) => valueKind(table, c) === 'number');
  if (count < 1 || numeric.length < 2 || (!given && table.numRows() < THREADED_ROWS)) return undefined;
  const file = workerFile();
  if (!file) return undefined;
  const xs = sharedColumns(table, numeric);
  const counters = new Int32Array(new SharedArrayBuffer(4 * (BY + 1 + count)));
  const pooled = workers(Math.min(count, numeric.length - 1), file);
  pooled.forEach(({ worker }, k) => worker.postMessage({ xs, names: numeric, counters, slot: BY + 1 + k } satisfies ColumnJob));
  const scans = new Array<ColumnScan | undefined>(names.length);
  const at = new Map(numeric.map((c, j) => [c, names.indexOf(c)]));
  // Row hashes (and the other columns) in column order, as on one thread.
  let j = 0;
  names.forEach((c, i) => {
    if (valueKind(table, c) === 'number') scanner.hashOnly(xs[j++]);
    else scans[i] = scanner.scan(c);
  });
  const finite = new Float64Array(table.numRows());
  for (let k = Atomics.add(counters, NEXT, 1); k < numeric.length; k = Atomics.add(counters, NEXT, 1)) {
    scans[at.get(numeric[k])!] = numericScan(numeric[k], xs[k], finite);
    Atomics.add(counters, BY, 1);
    Atomics.add(counters, DONE, 1);
  }
  let received = Atomics.load(counters, BY);
  const receive = () => {
    for (const { port } of pooled) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const msg = m.message as { j: number; scan: ColumnScan } | { error: string };
        if ('error' in msg) throw new Error(`display.missing: a worker thread failed (${msg.error}); rerun with { threads: 1 }`);
        scans[at.get(numeric[msg.j])!] = msg.scan;
        received++;
      }
    }
  };
  const deadline = Date.now() + 120_000;
  while (received < numeric.length) {
    receive();
    if (received >= numeric.length) break;
    if (Atomics.load(counters, FAILED) > 0) {
      receive();
      throw new Error('display.missing: a worker thread failed; rerun with { threads: 1 }');
    }
    if (Date.now() > deadline) throw new Error('display.missing: a worker thread stopped responding for 2 minutes; rerun with { threads: 1 }');
    // Every column counted done has its scan posted already; wait for the next one to be done.
    const done = Atomics.load(counters, DONE);
    Atomics.wait(counters, DONE, done, done >= numeric.length ? 1 : 1_000);
  }
  lastSplit = { columns: numeric.length, byThread: Array.from(counters.subarray(BY)) };
  return scans.map((s, i) => (valueKind(table, names[i]) === 'number' ? scanner.withKnn(names[i], s!) : s!));
}
