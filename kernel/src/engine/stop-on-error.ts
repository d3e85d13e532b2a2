/**
 * Which execute requests to abort after a cell fails with `stop_on_error`.
 *
 * Requests that reached the kernel before the failure are aborted (they were
 * queued behind it). That alone misses JupyterLab's "Run All": it creates
 * every request at once, but they reach the kernel a few ms apart, so a cell
 * that fails at once can finish before the next one arrives. A request the
 * client created (its header date) sooner after the failed one than the
 * failed cell took to run, plus the one-way trip its request took, could not
 * have been sent in answer to its reply (which needs a trip back): it was
 * sent blind, as part of the same batch, and is aborted too. The trip is
 * read as arrival minus creation date, so it assumes the client's clock is
 * the kernel's; it is capped at MAX_TRIP_MS so a skewed clock cannot make a
 * long window. A client that waits for each reply (nbclient, papermill,
 * jupyter_client) sends after a full round trip, so it is not affected.
 * Once a client is known to be sending a batch, each request it created
 * within BATCH_GAP_MS of the previous aborted one belongs to the same batch
 * (a browser busy rendering spaces them out by a few ms), so a long batch is
 * aborted whole.
 */
import type { Message } from '../protocol/messages.js';

/** A client timestamp in ms, and whether it has sub-millisecond digits (jupyter_client: µs; browsers: ms). */
export function clientTime(date: unknown): { ms: number; fine: boolean } | null {
  if (typeof date !== 'string') return null;
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$/.exec(date);
  if (!m) return null;
  const base = Date.parse(`${m[1]}${m[3] ?? 'Z'}`);
  if (Number.isNaN(base)) return null;
  const frac = m[2] ?? '';
  return { ms: base + (frac ? Number(`0.${frac}`) * 1000 : 0), fine: frac.length > 3 };
}

/** Most time (client clock) between two requests of one Run All batch; gaps were 1–15 ms, once 74 ms. */
export const BATCH_GAP_MS = 100;
export const MAX_TRIP_MS = 100;

export class StopOnError {
  private abortBefore = -Infinity;
  /** The last request of the failed batch (at first the failed one) and the window that still counts as the batch. */
  private failed: { created: { ms: number; fine: boolean }; window: number } | null = null;

  /** Records a failed cell: its request, when it reached the kernel and when it finished (kernel clock). */
  fail(msg: Message, arrival: number, finished: number): void {
    this.abortBefore = finished;
    const created = clientTime(msg.header.date);
    const trip = created ? Math.min(MAX_TRIP_MS, Math.max(0, arrival - created.ms)) : 0;
    this.failed = created ? { created, window: finished - arrival + trip } : null;
  }

  /** A cell ran: later requests are judged against the next failure only. */
  ran(): void {
    this.failed = null;
  }

  shouldAbort(msg: Message, arrival: number): boolean {
    // The usual case, no failure to judge against: no date to parse on every execute.
    if (!this.failed && arrival >= this.abortBefore) return false;
    const created = clientTime(msg.header.date);
    if (arrival >= this.abortBefore && !this.inBatch(created)) return false;
    // This request was part of a batch: the rest of it follows, judged against this one.
    if (created) this.failed = { created, window: BATCH_GAP_MS };
    return true;
  }

  private inBatch(created: { ms: number; fine: boolean } | null): boolean {
    if (!this.failed || !created) return false;
    // Millisecond dates lose up to 1 ms each; sub-millisecond ones are compared as they are.
    const slack = created.fine && this.failed.created.fine ? 0 : 1;
    return created.ms - this.failed.created.ms < this.failed.window + slack;
  }
}
