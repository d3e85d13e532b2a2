/**
 * One kernel-side channel: the object behind a panel output that talks back.
 * Every view of that output (the notebook open twice, a cloned output) opens
 * its own comm; `send` broadcasts to all of them, handlers hear each one, and
 * `view.send` answers just the view that asked (a page of rows, say).
 */
import { randomUUID } from 'node:crypto';
import type { ChannelMessage } from '../mime/channel.js';
import type { Comm } from '../comm/manager.js';
import { log } from '../util/log.js';

/** One connected view (one comm) of a channel. */
export interface ChannelView {
  readonly id: string;
  /** Sends to this view only. */
  send(msg: ChannelMessage, buffers?: ArrayBufferView[]): void;
}

export type ChannelHandler = (msg: ChannelMessage, buffers: Uint8Array[], view: ChannelView) => unknown;
export type ConnectHandler = (view: ChannelView) => unknown;

/** How a failure in a handler is reported; the kernel wires it to the notebook. */
export type ChannelErrorReporter = (err: unknown, where: string, view: ChannelView | undefined) => void;

/**
 * The kernel side of a panel's channel (make one with `openChannel()`): `send` to every open view,
 * `on(type, fn)` for what views send, `onConnect` to greet each view, `close()` when done.
 */
export class Channel {
  readonly id: string;
  private readonly views = new Map<string, { comm: Comm; view: ChannelView }>();
  private readonly handlers = new Map<string, Set<ChannelHandler>>();
  private readonly connectHandlers = new Set<ConnectHandler>();
  private readonly disconnectHandlers = new Set<ConnectHandler>();
  private closedFlag = false;

  constructor(
    private readonly report: () => ChannelErrorReporter,
    private readonly forget: (ch: Channel) => void,
    id: string = randomUUID(),
  ) {
    this.id = id;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** How many views are connected now. */
  get connected(): number {
    return this.views.size;
  }

  /** Sends to every connected view; with none connected the message is dropped (panels ask for state when they connect). */
  send(msg: ChannelMessage, buffers?: ArrayBufferView[]): void {
    checkMessage(msg);
    for (const { view } of this.views.values()) view.send(msg, buffers);
  }

  /** Calls `handler` for each message of `type` from any view; returns a function that removes it. */
  on(type: string, handler: ChannelHandler): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler);
    return () => void set.delete(handler);
  }

  /** Calls `fn` for each view that connects from now on (send it the current state). */
  onConnect(fn: ConnectHandler): () => void {
    this.connectHandlers.add(fn);
    return () => void this.connectHandlers.delete(fn);
  }

  /** Calls `fn` when a view goes away (output cleared, notebook closed). */
  onDisconnect(fn: ConnectHandler): () => void {
    this.disconnectHandlers.add(fn);
    return () => void this.disconnectHandlers.delete(fn);
  }

  /** Closes every view's comm and forgets the channel: views that connect later hear `channel-gone`. */
  close(reason = 'the kernel closed this channel'): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.forget(this);
    for (const { comm } of this.views.values()) comm.close({ reason });
    this.views.clear();
    this.handlers.clear();
    this.connectHandlers.clear();
    this.disconnectHandlers.clear();
  }

  /** @internal the registry hands over each comm opened to this channel's id. */
  attach(comm: Comm): void {
    const view: ChannelView = {
      id: comm.commId,
      send: (msg, buffers) => {
        checkMessage(msg);
        if (!comm.closed) comm.send(msg as Record<string, unknown>, { buffers });
      },
    };
    this.views.set(comm.commId, { comm, view });
    comm.onMsg((m) => this.dispatch(m.data as ChannelMessage, m.buffers, view));
    comm.onClose(() => {
      this.views.delete(comm.commId);
      for (const fn of [...this.disconnectHandlers]) this.guard(() => fn(view), 'a disconnect handler', undefined);
    });
    view.send({ type: 'channel-ready' });
    for (const fn of [...this.connectHandlers]) this.guard(() => fn(view), 'a connect handler', view);
  }

  private dispatch(msg: ChannelMessage, buffers: Uint8Array[], view: ChannelView): void {
    const type = typeof msg?.type === 'string' ? msg.type : '';
    const set = this.handlers.get(type);
    if (!set || set.size === 0) {
      log(`channel ${this.id}: no handler for message type '${type}' (ignored)`);
      return;
    }
    for (const h of [...set]) this.guard(() => h(msg, buffers, view), `the '${type}' handler`, view);
  }

  /** Runs a handler; a throw or a rejected promise is reported, never propagated into the kernel. */
  private guard(fn: () => unknown, where: string, view: ChannelView | undefined): void {
    const fail = (err: unknown) => {
      try {
        this.report()(err, `${where} of channel ${this.id}`, view);
      } catch (e) {
        log(`channel ${this.id}: could not report an error: ${(e as Error).message}`);
      }
    };
    try {
      const r = fn();
      if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(undefined, fail);
    } catch (err) {
      fail(err);
    }
  }
}

function checkMessage(msg: ChannelMessage): void {
  if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string' || !msg.type) {
    throw new TypeError(`a channel message is an object with a string 'type', e.g. { type: 'highlight', rows: [1, 2] }; got ${JSON.stringify(msg)}`);
  }
}
