/**
 * tsml.nullity across worker threads. A table read by readParquet keeps its
 * Arrow buffers in shared memory, so a worker can read a column's validity
 * bitmaps and float values where they are: no column is copied. Columns are
 * the tasks (work-pool.ts); each writes only its own packed mask and count,
 * the same function on any thread, so the result does not depend on the
 * thread count. Columns whose buffers are not shared (arrays, Arrow bytes
 * from elsewhere) are read by the caller while the workers run, and tables
 * too small for workers to pay take one thread.
 */
import type { ColumnTable } from 'arquero';
import { arrowColumnOf, countBits, missingBits, missingParts, orMissingParts, type MissingPart } from './access.js';
import { builtWorker, helperCount, WorkPool, type PoolJob, type PoolSplit } from './work-pool.js';

/** Below this many rows (when the thread count is not given) one thread is faster than waking a worker. */
export const NULLITY_THREADED_ROWS = 100_000;

export interface MaskJob extends PoolJob {
  /** Per task, its column's parts (views into shared memory). */
  parts: MissingPart[][];
  /** Every task's mask, `words` apart, in one shared buffer. */
  masks: Uint32Array;
  words: number;
  /** Missing rows per task. */
  counts: Int32Array;
}

/** Task k: its column's mask and its count (run by the caller and, as the same code, by the workers). */
export function maskTask(job: Pick<MaskJob, 'parts' | 'masks' | 'words' | 'counts'>, k: number): void {
  const mask = job.masks.subarray(k * job.words, (k + 1) * job.words);
  orMissingParts(mask, job.parts[k]);
  job.counts[k] = countBits(mask);
}


const pool = new WorkPool('tsml.nullity', () => builtWorker(import.meta.url, 'nullity-worker.js'));

/** The split of the last tsml.nullity that used worker threads (tasks: columns read in place), undefined before any. */
export const lastNullitySplit = (): PoolSplit | undefined => pool.lastSplit;

const isShared = (a: ArrayBufferView | undefined) => a === undefined || a.buffer instanceof SharedArrayBuffer;

/**
 * Every column's packed mask and missing count, in `columns` order, or
 * undefined when one thread should do it: `threads` as asked (at most 8), or
 * when not given (Infinity) the cores, at most 4, on tables of
 * NULLITY_THREADED_ROWS rows or more; at least two columns must be readable
 * in place by a worker.
 */
export function masksThreaded(table: ColumnTable, columns: string[], threads: number): { masks: Uint32Array[]; missing: number[] } | undefined {
  const helpers = helperCount(threads);
  if (helpers < 1 || (!Number.isFinite(threads) && table.numRows() < NULLITY_THREADED_ROWS)) return undefined;
  const inPlace: number[] = [];
  const parts: MissingPart[][] = [];
  columns.forEach((c, j) => {
    const arrow = arrowColumnOf(table, c);
    const p = arrow && missingParts(arrow);
    if (p && p.every((q) => isShared(q.validity) && isShared(q.floats))) {
      inPlace.push(j);
      parts.push(p);
    }
  });
  if (inPlace.length < 2 || !pool.available()) return undefined;
  const words = (table.numRows() + 31) >>> 5;
  const job = { parts, words, masks: new Uint32Array(new SharedArrayBuffer(4 * words * inPlace.length)), counts: new Int32Array(new SharedArrayBuffer(4 * inPlace.length)) };
  const masks = new Array<Uint32Array>(columns.length);
  const at = new Map(inPlace.map((j, k) => [j, k]));
  pool.run<MaskJob>({
    job,
    tasks: inPlace.length,
    helpers,
    meanwhile: () =>
      columns.forEach((c, j) => {
        if (!at.has(j)) masks[j] = missingBits(table, c);
      }),
    task: (k) => maskTask(job, k),
  });
  inPlace.forEach((j, k) => (masks[j] = job.masks.subarray(k * words, (k + 1) * words)));
  return { masks, missing: masks.map((m, j) => (at.has(j) ? job.counts[at.get(j)!] : countBits(m))) };
}
