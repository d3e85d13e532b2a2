/**
 * Which execute requests to abort after a cell fails with `stop_on_error`:
 * exactly those the client sent before the kernel sent the error reply. A
 * request sent after it may be the user's (or a script's) answer to the error
 * and always runs.
 *
 * Two ways a request is known to predate the reply:
 * - it reached the kernel before the reply was sent (it was queued);
 * - its header date says so. Client clocks are not the kernel's (a browser on
 *   another machine, or Node's `performance.timeOrigin` drifting from the wall
 *   clock), so dates are moved onto the kernel's clock by the offset
 *   min(arrival - date) over the client's session. Every message took at least
 *   zero time to arrive, so `date + offset` is never earlier than the moment
 *   the request was really sent (the excess is the session's quickest trip):
 *   a request judged sent before the reply really was.
 *
 * JupyterLab's Run All creates a request per cell in one loop, a few ms apart
 * (1-15 ms, once 74 ms, while the browser renders), and cannot read the error
 * reply before the loop ends; when the first cell fails at once, later ones
 * would arrive after the reply and run. So the kernel holds the error reply
 * (the error output itself goes out at once) until no execute request has
 * arrived for HOLD_MS: a batch still arriving is then queued behind it. A
 * client waiting for the reply sends nothing meanwhile, so it is never
 * aborted; it waits HOLD_MS longer for the reply of a failed cell.
 */
import type { Message } from '../protocol/messages.js';
import { preciseNow } from '../protocol/wire.js';

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

/** How long the error reply waits for the rest of a batch: longer than the gaps seen between Run All's requests. */
export const HOLD_MS = 100;
/** The longest a reply is held while a batch keeps arriving. */
export const MAX_HOLD_MS = 3000;

export class StopOnError {
  /** Per client session: the least arrival − date seen, in ms (client clock → kernel clock, plus its quickest trip). */
  private readonly offsets = new Map<string, number>();
  private lastExecute = -Infinity;
  /** When the last error reply was sent (kernel clock), while no cell has run since. */
  private replied: number | null = null;

  /** Called for every request as it is handed to the engine, in arrival order. */
  observe(msg: Message, arrival: number): void {
    if (msg.header.msg_type === 'execute_request') this.lastExecute = Math.max(this.lastExecute, arrival);
    const date = clientTime(msg.header.date);
    if (!date) return;
    const offset = arrival - date.ms;
    const session = String(msg.header.session ?? '');
    const known = this.offsets.get(session);
    if (known === undefined || offset < known) this.offsets.set(session, offset);
  }

  /**
   * Waits until no execute request has arrived for HOLD_MS (at most
   * MAX_HOLD_MS after `failedAt`); requests that arrive meanwhile are queued
   * behind the failed cell.
   */
  async hold(failedAt: number, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<void> {
    const deadline = failedAt + MAX_HOLD_MS;
    for (;;) {
      const now = preciseNow();
      const wait = Math.min(Math.max(failedAt, this.lastExecute) + HOLD_MS, deadline) - now;
      if (wait <= 0) return;
      await sleep(wait);
    }
  }

  /** The error reply of a failed cell is being sent now (kernel clock). */
  failed(replyAt: number): void {
    this.replied = replyAt;
  }

  /** A cell ran: later requests are judged against the next failure only. */
  ran(): void {
    this.replied = null;
  }

  shouldAbort(msg: Message, arrival: number): boolean {
    if (this.replied === null) return false;
    if (arrival < this.replied) return true;
    const sent = this.latestSend(msg);
    return sent !== null && sent < this.replied;
  }

  /** The latest the request can have been sent, on the kernel's clock; null when its date is unreadable. */
  latestSend(msg: Message): number | null {
    const date = clientTime(msg.header.date);
    const offset = this.offsets.get(String(msg.header.session ?? ''));
    if (!date || offset === undefined) return null;
    // A millisecond date was truncated: the request was created up to 1 ms after it says.
    return date.ms + offset + (date.fine ? 0 : 1);
  }
}
