/**
 * The engine's (main thread's) side of the I/O thread (started by io-start.ts):
 * a typed API to reply, publish on iopub and ask for stdin input.
 */
import type { Worker } from 'node:worker_threads';
import type { Header, Message } from './messages.js';
import type { IoThread } from './io-start.js';
import { Flag, RunState, type ToEngine, type ToIo } from './thread-messages.js';

export interface BridgeEvents {
  request(channel: 'shell' | 'control', msg: Message, arrival: number): void;
  inputReply(value: string): void;
  terminated(): void;
  shutdown(restart: boolean): void;
}

export class Bridge {
  readonly flags: Int32Array;
  private readonly worker: Worker;

  constructor(private readonly thread: IoThread) {
    this.flags = thread.flags;
    this.worker = thread.worker;
  }

  /**
   * Connects the engine. The I/O thread starts before the engine's modules
   * load (so kernel_info is answered sooner); requests that arrived meanwhile
   * come first, in order.
   */
  attach(events: BridgeEvents): void {
    this.thread.listen((m) => Bridge.dispatch(events, m));
  }

  private static dispatch(ev: BridgeEvents, m: ToEngine): void {
    switch (m.type) {
      case 'request':
        return ev.request(m.channel, m.msg, m.arrival);
      case 'input_reply':
        return ev.inputReply(m.value);
      case 'terminated':
        return ev.terminated();
      case 'shutdown':
        return ev.shutdown(m.restart);
    }
  }

  private outbox: ToIo[] = [];
  private flushScheduled = false;

  /**
   * Messages to the I/O thread go in one batch per microtask (a cell's busy,
   * input, result, reply and idle cross threads once); `flush()` sends at once,
   * for output written while a synchronous loop holds the event loop.
   */
  private batchSince = 0;

  private post(m: ToIo): void {
    if (!this.outbox.length) this.batchSince = Date.now();
    this.outbox.push(m);
    // A synchronous loop never yields to the microtask: keep its outputs flowing every 50 ms.
    if (Date.now() - this.batchSince > 50) return this.flush();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  flush(): void {
    this.flushScheduled = false;
    if (!this.outbox.length) return;
    const batch = this.outbox;
    this.outbox = [];
    this.worker.postMessage(batch.length === 1 ? batch[0] : { type: 'batch', items: batch });
  }

  reply(channel: 'shell' | 'control', req: Message, msgType: string, content: unknown, metadata?: Record<string, unknown>): void {
    this.post({ type: 'send', out: { channel, msgType, content, parent: req.header, idents: req.idents, metadata } });
  }

  publish(
    msgType: string,
    content: unknown,
    parent: Partial<Header>,
    extra?: { metadata?: Record<string, unknown>; buffers?: ArrayBufferView[] },
  ): void {
    this.post({ type: 'send', out: { channel: 'iopub', msgType, content, parent, ...extra } });
  }

  requestInput(parent: Message, prompt: string, password: boolean): void {
    this.post({ type: 'input_request', prompt, password, parent });
  }

  setState(state: (typeof RunState)[keyof typeof RunState]): void {
    Atomics.store(this.flags, Flag.State, state);
  }

  get interruptRequested(): boolean {
    return Atomics.load(this.flags, Flag.Interrupt) !== 0;
  }

  clearInterrupt(): void {
    Atomics.store(this.flags, Flag.Interrupt, 0);
  }

  requestInterrupt(): void {
    Atomics.store(this.flags, Flag.Interrupt, 1);
  }

  acknowledgeInterrupt(): void {
    Atomics.add(this.flags, Flag.Ack, 1);
  }

  close(): void {
    this.post({ type: 'close' });
  }

  /** Closes the sockets synchronously (waiting at most `ms`), so the process can exit cleanly. */
  closeNow(ms = 1000): void {
    this.post({ type: 'exit' });
    this.flush();
    Atomics.wait(this.flags, Flag.Closed, 0, ms);
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
