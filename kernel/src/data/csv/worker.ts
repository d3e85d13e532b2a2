/**
 * The worker thread of a two-thread CSV read (parallel.ts): reads bytes
 * [from, to) of a file with a CsvReader and posts what it read, its column
 * arrays transferred rather than copied. How far it has got is kept in
 * memory shared with the other thread, which may read the same bytes itself
 * when this thread gets too little CPU.
 */
import { parentPort } from 'node:worker_threads';
import { readChunks, type ChunkSink } from '../source.js';
import { CsvReader, type ReaderOptions, type ReaderPart } from './reader.js';

export interface Job {
  path: string;
  from: number;
  to: number;
  chunk?: number;
  opts: ReaderOptions;
  /** Two int32s shared with the other thread: KiB read so far, and 1 once done. */
  progress: SharedArrayBuffer;
}

export type Outcome = { part: ReaderPart } | { error: string };

export const KIB_READ = 0;
export const FINISHED = 1;

/** A sink feeding `reader`: it publishes how much it has read, stops when `stop` says so, and knows whether it saw the end. */
export function watched(reader: CsvReader, progress?: Int32Array, stop = () => false): ChunkSink & { ended: boolean } {
  let read = 0;
  return {
    ended: false,
    size: (total) => reader.size(total),
    push(bytes, final) {
      const used = reader.push(bytes, final);
      read += used;
      if (progress) Atomics.store(progress, KIB_READ, Math.floor(read / 1024));
      this.ended ||= final;
      return used;
    },
    get done() {
      return reader.done || stop();
    },
  };
}

function buffers(p: ReaderPart): ArrayBuffer[] {
  const arrays = p.columns.map((c) => (c?.kind === 'number' ? c.values : c && 'ids' in c ? c.ids : undefined));
  return [...new Set([p.lines, ...arrays].filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer))];
}

parentPort?.on('message', async (job: Job) => {
  const progress = new Int32Array(job.progress);
  let outcome: Outcome;
  try {
    const reader = new CsvReader(job.opts);
    await readChunks(job.path, watched(reader, progress), job.chunk, { from: job.from, to: job.to });
    outcome = { part: reader.part() };
  } catch (e) {
    outcome = { error: (e as Error).message ?? String(e) };
  }
  Atomics.store(progress, FINISHED, 1);
  parentPort!.postMessage(outcome, 'part' in outcome ? buffers(outcome.part) : []);
});
