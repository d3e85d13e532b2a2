/**
 * Starts the I/O thread. This is the first thing `tsml kernel` does: the kernel's
 * CommonJS entry (bin/tsml.cjs -> dist/cli/kernel-start.cjs, a bundle) runs this
 * before any of the engine's ES modules load, so the thread boots, binds the
 * sockets and answers kernel_info while the engine loads on the main thread.
 * What the thread says before the engine's Bridge listens is kept, in order.
 *
 * The thread runs dist/protocol/io-thread.cjs, a CommonJS bundle of io-thread.ts
 * made by `npm run build`: a worker boots ~5 ms sooner from one CommonJS file than
 * from an ES module graph.
 */
import { Worker } from 'node:worker_threads';
import type { ConnectionInfo } from './messages.js';
import type { IoThreadData, ToEngine } from './thread-messages.js';
import { log } from '../util/log.js';

export interface IoThread {
  readonly worker: Worker;
  /** The shared flags (thread-messages.ts `Flag`). */
  readonly flags: Int32Array;
  /** Resolves with the bound endpoints; rejects if the thread fails or exits first. */
  readonly started: Promise<Record<string, string>>;
  /** Delivers every message of the thread but `ready`/`fatal`, those said before this call first. */
  listen(fn: (m: ToEngine) => void): void;
}

export function startIoThread(connection: ConnectionInfo): IoThread {
  const flags = new Int32Array(new SharedArrayBuffer(16));
  const workerData: IoThreadData = {
    connection,
    flags: flags.buffer as SharedArrayBuffer,
    interruptGraceMs: Number(process.env.TSML_INTERRUPT_GRACE_MS ?? 400),
  };
  // The thread's own stdout/stderr (a library's warning) are diagnostics: to fd 2, never into a cell's
  // output as process.stdout would take them once the engine runs. (Not piping them to process.stdout
  // also spares creating that stream here, ~1.5 ms before the thread starts.)
  const worker = new Worker(new URL('./io-thread.cjs', import.meta.url), { workerData, stdout: true, stderr: true });
  for (const s of [worker.stdout, worker.stderr]) s.on('data', (d: Buffer) => log(`I/O thread: ${String(d).trimEnd()}`));
  const held: ToEngine[] = [];
  let listener: ((m: ToEngine) => void) | undefined;
  const started = new Promise<Record<string, string>>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`I/O thread exited (${code}) before binding its sockets`)));
    worker.on('message', (m: ToEngine) => {
      if (m.type === 'ready') resolve(m.endpoints);
      else if (m.type === 'fatal') reject(new Error(m.error));
      else if (listener) listener(m);
      else held.push(m);
    });
  });
  started.catch(() => undefined); // reported by whoever awaits it (Kernel.start), not as an unhandled rejection
  return {
    worker,
    flags,
    started,
    listen(fn) {
      listener = fn;
      for (const m of held.splice(0)) fn(m);
    },
  };
}

