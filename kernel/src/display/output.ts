/**
 * Where a cell's outputs go: iopub messages parented to the request that is
 * running (or that ran last). Stream text is batched so a loop printing
 * thousands of lines sends a few messages, and flushed before any other output
 * so the notebook shows everything in the order it happened. Flushing also
 * happens by size and age during a synchronous loop, so long cells show
 * progress while they run.
 */
import type { Header } from '../protocol/messages.js';
import { CAPTURED, currentSink } from './capture.js';

export interface IopubSink {
  publish(
    msgType: string,
    content: unknown,
    parent: Partial<Header>,
    extra?: { metadata?: Record<string, unknown>; buffers?: ArrayBufferView[] },
  ): void;
  /** Sends what is queued now, even while a synchronous loop holds the event loop. */
  flush?(): void;
}

type StreamName = 'stdout' | 'stderr';

const MAX_BUFFERED = 64 * 1024;
const MAX_AGE_MS = 50;

export class Output {
  /** Header of the request whose outputs are being produced. */
  parent: Partial<Header> = {};
  private pending: { name: StreamName; text: string } | undefined;
  private pendingSince = 0;
  private flushedAt = 0;
  private scheduled = false;

  constructor(private readonly sink: IopubSink) {}

  write(name: StreamName, text: string): void {
    if (!text) return;
    const sink = currentSink();
    if (sink) return sink.stream(name, text);
    if (this.pending && this.pending.name !== name) this.flush();
    if (!this.pending) {
      this.pending = { name, text: '' };
      this.pendingSince = Date.now();
    }
    this.pending.text += text;
    // Also the first write after a quiet spell goes at once: a synchronous loop that prints
    // and then computes for a while would otherwise show each line only at the next print.
    const now = Date.now();
    if (this.pending.text.length >= MAX_BUFFERED || now - this.pendingSince >= MAX_AGE_MS || now - this.flushedAt >= MAX_AGE_MS) {
      this.flush();
      this.sink.flush?.();
    } else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    this.flushedAt = Date.now();
    this.sink.publish('stream', { name: p.name, text: p.text }, this.parent);
  }

  /** Publishes any iopub message after the streams written before it. */
  send(msgType: string, content: unknown, extra?: { metadata?: Record<string, unknown>; buffers?: ArrayBufferView[] }, parent = this.parent): void {
    const sink = CAPTURED.has(msgType) ? currentSink() : undefined;
    if (sink) return sink.output(msgType, content as Record<string, unknown>);
    this.flush();
    this.sink.publish(msgType, content, parent, extra);
  }
}
