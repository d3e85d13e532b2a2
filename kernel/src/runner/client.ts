/**
 * The runner's frontend side of the Jupyter protocol: signed messages over
 * ZeroMQ on shell, control and iopub, as jupyter_client does. Shell and control
 * replies are matched to requests by parent msg_id; iopub messages go to the
 * listener registered for their parent request. The kernel never gets stdin
 * requests from us (allow_stdin is false), so no stdin socket is opened.
 */
import { randomUUID } from 'node:crypto';
import * as zmq from 'zeromq';
import type { ConnectionInfo, Message } from '../protocol/messages.js';
import { decode, digestFor, encode, makeHeader, Signer } from '../protocol/wire.js';

export class ReplyTimeout extends Error {}

type Waiter = { resolve: (m: Message) => void; reject: (e: Error) => void };

export class KernelClient {
  readonly session = randomUUID();
  private readonly signer: Signer;
  // As jupyter_client does: the shell socket's identity is the session id.
  private readonly shell = new zmq.Dealer({ linger: 0, routingId: this.session });
  private readonly control = new zmq.Dealer({ linger: 0 });
  private readonly iopub = new zmq.Subscriber({ linger: 0 });
  private readonly replies = new Map<string, Waiter>();
  private readonly listeners = new Map<string, (m: Message) => void>();
  /** zeromq.js allows one send in flight per socket: later sends queue behind it. */
  private readonly sending = new Map<zmq.Dealer, Promise<void>>();
  private iopubSeen = false;
  private closed = false;

  constructor(private readonly conn: ConnectionInfo) {
    this.signer = new Signer(conn.key, digestFor(conn.signature_scheme));
  }

  connect(): void {
    const at = (port: number) => (this.conn.transport === 'ipc' ? `ipc://${this.conn.ip}-${port}` : `tcp://${this.conn.ip}:${port}`);
    this.shell.connect(at(this.conn.shell_port));
    this.control.connect(at(this.conn.control_port));
    this.iopub.connect(at(this.conn.iopub_port));
    this.iopub.subscribe('');
    void this.pumpReplies(this.shell);
    void this.pumpReplies(this.control);
    void this.pumpIopub();
  }

  /**
   * Ready once kernel_info is answered and iopub has delivered something: a
   * subscription only starts receiving after it is connected, and an execute
   * sent before that would lose its first outputs.
   */
  async waitReady(timeoutMs: number, stillAlive: () => boolean): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    let info: Message | undefined;
    while (Date.now() < deadline) {
      if (!stillAlive()) throw new Error('the kernel exited while starting');
      try {
        const m = await this.request('shell', 'kernel_info_request', {}, Math.min(1000, Math.max(1, deadline - Date.now())));
        info ??= m;
      } catch (e) {
        if (!(e instanceof ReplyTimeout)) throw e;
      }
      if (info && this.iopubSeen) return info;
      if (info) await new Promise((r) => setTimeout(r, 20));
    }
    throw new ReplyTimeout(`the kernel did not answer kernel_info within ${+(timeoutMs / 1000).toFixed(1)} s`);
  }

  /** Sends a request and resolves with its reply. */
  async request(channel: 'shell' | 'control', msgType: string, content: unknown, timeoutMs: number): Promise<Message> {
    return this.send(channel, msgType, content, timeoutMs).reply;
  }

  /**
   * Sends a request; `onIopub` receives every iopub message whose parent is it
   * (registered before sending, so nothing is missed) until `release` is called.
   */
  send(
    channel: 'shell' | 'control',
    msgType: string,
    content: unknown,
    timeoutMs = 0,
    onIopub?: (m: Message) => void,
  ): { msgId: string; reply: Promise<Message>; release: () => void } {
    const header = makeHeader(msgType, this.session, 'tsml-run');
    const msgId = header.msg_id;
    if (onIopub) this.listeners.set(msgId, onIopub);
    const reply = new Promise<Message>((resolve, reject) => {
      const timer = timeoutMs > 0 ? setTimeout(() => this.settle(msgId, new ReplyTimeout(`no ${msgType.replace('_request', '_reply')} within ${timeoutMs} ms`)), timeoutMs) : undefined;
      const done = (f: () => void) => {
        if (timer) clearTimeout(timer);
        this.replies.delete(msgId);
        f();
      };
      this.replies.set(msgId, { resolve: (m) => done(() => resolve(m)), reject: (e) => done(() => reject(e)) });
    });
    reply.catch(() => undefined); // callers that stop waiting must not leave an unhandled rejection
    const socket = channel === 'shell' ? this.shell : this.control;
    const frames = encode({ header, parent: {}, metadata: {}, content }, this.signer);
    const prev = this.sending.get(socket) ?? Promise.resolve();
    const next = prev.then(() => socket.send(frames)).catch((e: Error) => this.settle(msgId, e));
    this.sending.set(socket, next);
    return { msgId, reply, release: () => this.listeners.delete(msgId) };
  }

  private settle(msgId: string, e: Error): void {
    this.replies.get(msgId)?.reject(e);
  }

  private async pumpReplies(socket: zmq.Dealer): Promise<void> {
    try {
      for await (const frames of socket) {
        const m = this.decode(frames as Buffer[]);
        if (m) this.replies.get(String(m.parent_header.msg_id ?? ''))?.resolve(m);
      }
    } catch {
      // the socket was closed
    }
  }

  private async pumpIopub(): Promise<void> {
    try {
      for await (const frames of this.iopub) {
        const m = this.decode(frames as Buffer[]);
        if (!m) continue;
        this.iopubSeen = true;
        this.listeners.get(String(m.parent_header.msg_id ?? ''))?.(m);
      }
    } catch {
      // the socket was closed
    }
  }

  /** A message that fails to verify is dropped, as a kernel drops one from us. */
  private decode(frames: Buffer[]): Message | undefined {
    try {
      return decode(frames, this.signer);
    } catch {
      return undefined;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.replies.values()) w.reject(new Error('connection closed'));
    for (const s of [this.shell, this.control, this.iopub]) s.close();
  }
}
