/**
 * Jupyter comms: long-lived, two-way channels between kernel objects and
 * frontend objects (what ipywidgets and anywidget models are built on).
 * Frontends open comms to targets registered here; kernel code opens comms to
 * frontend targets with `comms.open()`.
 */
import { randomUUID } from 'node:crypto';

export interface CommMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  buffers: Uint8Array[];
}

export interface CommSender {
  send(msgType: 'comm_open' | 'comm_msg' | 'comm_close', content: Record<string, unknown>, buffers?: ArrayBufferView[], metadata?: Record<string, unknown>): void;
}

type MsgHandler = (msg: CommMessage) => void | Promise<void>;

/**
 * A comm: a channel between kernel code and the frontend (JupyterLab widgets use them).
 * `send(data, { buffers })`, `onMsg(cb)`, `onClose(cb)`, `close()`.
 */
export class Comm {
  private msgHandlers: MsgHandler[] = [];
  private closeHandlers: MsgHandler[] = [];
  closed = false;

  constructor(
    readonly commId: string,
    readonly targetName: string,
    private readonly sender: CommSender,
    private readonly forget: (id: string) => void,
  ) {}

  send(data: Record<string, unknown> = {}, opts: { metadata?: Record<string, unknown>; buffers?: ArrayBufferView[] } = {}): void {
    if (this.closed) throw new Error(`comm ${this.commId} (${this.targetName}) is closed; open a new one to send`);
    this.sender.send('comm_msg', { comm_id: this.commId, data }, opts.buffers, opts.metadata);
  }

  close(data: Record<string, unknown> = {}): void {
    if (this.closed) return;
    this.closed = true;
    this.forget(this.commId);
    this.sender.send('comm_close', { comm_id: this.commId, data });
  }

  onMsg(handler: MsgHandler): this {
    this.msgHandlers.push(handler);
    return this;
  }

  onClose(handler: MsgHandler): this {
    this.closeHandlers.push(handler);
    return this;
  }

  /** @internal called by the manager for messages from the frontend */
  async deliver(kind: 'msg' | 'close', msg: CommMessage): Promise<void> {
    if (kind === 'close') {
      this.closed = true;
      this.forget(this.commId);
    }
    for (const h of kind === 'msg' ? this.msgHandlers : this.closeHandlers) await h(msg);
  }
}

export type TargetHandler = (comm: Comm, open: CommMessage) => void | Promise<void>;

/**
 * The kernel's comms (the `comms` global): `registerTarget(name, (comm, openMsg) => …)` accepts
 * comms the frontend opens; `open(target, data, { buffers })` opens one from the kernel.
 */
export class CommManager {
  private comms = new Map<string, Comm>();
  private targets = new Map<string, TargetHandler>();

  constructor(private readonly sender: CommSender) {}

  /** Accepts comms that the frontend opens to `name`. */
  registerTarget(name: string, handler: TargetHandler): void {
    this.targets.set(name, handler);
  }

  unregisterTarget(name: string): void {
    this.targets.delete(name);
  }

  /** Opens a comm to a frontend target. */
  open(targetName: string, data: Record<string, unknown> = {}, opts: { metadata?: Record<string, unknown>; buffers?: ArrayBufferView[]; commId?: string } = {}): Comm {
    const comm = this.create(opts.commId ?? randomUUID(), targetName);
    this.sender.send('comm_open', { comm_id: comm.commId, target_name: targetName, data }, opts.buffers, opts.metadata);
    return comm;
  }

  private create(id: string, target: string): Comm {
    const comm = new Comm(id, target, this.sender, (x) => this.comms.delete(x));
    this.comms.set(id, comm);
    return comm;
  }

  /** Answers comm_info_request, optionally filtered by target. */
  info(targetName?: string): Record<string, { target_name: string }> {
    const out: Record<string, { target_name: string }> = {};
    for (const [id, c] of this.comms) if (!targetName || c.targetName === targetName) out[id] = { target_name: c.targetName };
    return out;
  }

  /** Handles comm_open/comm_msg/comm_close from the frontend. */
  async handle(msgType: string, content: Record<string, unknown>, metadata: Record<string, unknown>, buffers: Uint8Array[]): Promise<void> {
    const id = String(content.comm_id ?? '');
    const msg: CommMessage = { data: (content.data as Record<string, unknown>) ?? {}, metadata, buffers };
    if (msgType === 'comm_open') {
      const target = String(content.target_name ?? '');
      const handler = this.targets.get(target);
      if (!handler) {
        // No such target: tell the frontend, as ipykernel does, so it does not wait forever.
        this.sender.send('comm_close', { comm_id: id, data: { error: `no comm target named '${target}' in this kernel` } });
        return;
      }
      await handler(this.create(id, target), msg);
      return;
    }
    const comm = this.comms.get(id);
    if (!comm) return; // closed or unknown: nothing to deliver to
    await comm.deliver(msgType === 'comm_close' ? 'close' : 'msg', msg);
  }
}
