/**
 * The worker thread of a two-thread CSV read (parallel.ts): reads bytes
 * [from, to) of a file with a CsvReader and posts what it read, its column
 * arrays transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { readChunks } from '../source.js';
import { CsvReader, type ReaderOptions, type ReaderPart } from './reader.js';

export interface Job {
  path: string;
  from: number;
  to: number;
  chunk?: number;
  opts: ReaderOptions;
}

export type Outcome = { part: ReaderPart } | { error: string };

function buffers(p: ReaderPart): ArrayBuffer[] {
  const arrays = p.columns.map((c) => (c?.kind === 'number' ? c.values : c && 'ids' in c ? c.ids : undefined));
  return [...new Set([p.lines, ...arrays].filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer))];
}

parentPort?.on('message', async (job: Job) => {
  let outcome: Outcome;
  try {
    const reader = new CsvReader(job.opts);
    await readChunks(job.path, reader, job.chunk, { from: job.from, to: job.to });
    outcome = { part: reader.part() };
  } catch (e) {
    outcome = { error: (e as Error).message ?? String(e) };
  }
  parentPort!.postMessage(outcome, 'part' in outcome ? buffers(outcome.part) : []);
});
