/**
 * One panel's end of a channel: a comm to `tsml.channel.v1` on the kernel of
 * the notebook that shows the output. It re-opens itself after a restart (the
 * new kernel answers `channel-gone`) and says `channel-gone` itself when the
 * kernel shuts down or dies, so a panel can fall back to its saved payload.
 */
import type { ISessionContext } from '@jupyterlab/apputils';
import type { Kernel } from '@jupyterlab/services';
import { CHANNEL_TARGET, type ChannelError, type ChannelGone, type ChannelMessage } from 'tsml/mime';
import type { Buffers, ChannelState, MessageCallback, PanelChannel } from './types';

const DOWN = new Set(['restarting', 'autorestarting', 'terminating', 'dead']);

export class LiveChannel implements PanelChannel {
  private comm: Kernel.IComm | null = null;
  private current: ChannelState = 'connecting';
  private readonly listeners = new Set<MessageCallback>();
  private readonly stateListeners = new Set<(s: ChannelState) => void>();
  /** Messages that came before any listener (the kernel answers the open at once). */
  private early: [ChannelMessage, Buffers][] = [];
  private waitingForIdle = false;

  constructor(
    readonly id: string,
    private readonly session: ISessionContext,
    /** Told about every `channel-error`, whether or not the panel listens. */
    private readonly onError?: (e: ChannelError) => void,
  ) {
    session.statusChanged.connect(this.onStatus, this);
    session.kernelChanged.connect(this.onKernel, this);
    session.disposed.connect(this.onSessionDisposed, this);
    this.openWhenIdle();
  }

  get state(): ChannelState {
    return this.current;
  }

  send(msg: ChannelMessage, buffers?: Buffers): boolean {
    if (!this.comm || (this.current !== 'open' && this.current !== 'connecting')) return false;
    this.comm.send(msg as never, undefined, buffers as never);
    return true;
  }

  onMessage(cb: MessageCallback): () => void {
    this.listeners.add(cb);
    const early = this.early;
    this.early = [];
    for (const [m, b] of early) cb(m, b);
    return () => void this.listeners.delete(cb);
  }

  onStateChange(cb: (s: ChannelState) => void): () => void {
    this.stateListeners.add(cb);
    return () => void this.stateListeners.delete(cb);
  }

  close(): void {
    if (this.current === 'closed') return;
    this.dropComm(true);
    this.setState('closed');
    this.disconnectSignals();
    this.listeners.clear();
    this.stateListeners.clear();
  }

  private disconnectSignals(): void {
    if (this.session.isDisposed) return;
    this.session.statusChanged.disconnect(this.onStatus, this);
    this.session.kernelChanged.disconnect(this.onKernel, this);
    this.session.disposed.disconnect(this.onSessionDisposed, this);
  }

  private setState(s: ChannelState): void {
    if (s === this.current) return;
    this.current = s;
    for (const cb of [...this.stateListeners]) cb(s);
  }

  private deliver(msg: ChannelMessage, buffers: Buffers): void {
    if (msg.type === 'channel-ready') this.setState('open');
    if (msg.type === 'channel-gone') this.setState('gone');
    if (msg.type === 'channel-error') this.onError?.(msg as ChannelError);
    if (this.listeners.size === 0) this.early.push([msg, buffers]);
    for (const cb of [...this.listeners]) cb(msg, buffers);
  }

  /** Says `channel-gone` on the kernel's behalf when there is no kernel left to say it. */
  private gone(reason: string): void {
    this.dropComm(false);
    const msg: ChannelGone = { type: 'channel-gone', reason };
    this.deliver(msg, []);
  }

  private dropComm(sendClose: boolean): void {
    const comm = this.comm;
    this.comm = null;
    if (!comm || comm.isDisposed) return;
    comm.onMsg = () => undefined;
    comm.onClose = () => undefined;
    if (sendClose) {
      try {
        comm.close();
      } catch {
        comm.dispose(); // the kernel connection is gone: nothing to tell it
      }
    } else {
      comm.dispose();
    }
  }

  private openWhenIdle(): void {
    const kernel = this.session.session?.kernel;
    if (!kernel) return this.gone('the notebook has no kernel');
    if (kernel.status === 'idle' || kernel.status === 'busy') this.open(kernel);
    else this.waitingForIdle = true;
  }

  private open(kernel: Kernel.IKernelConnection): void {
    this.waitingForIdle = false;
    if (!kernel.handleComms) return this.gone('this kernel connection does not handle comms');
    this.dropComm(false);
    const comm = kernel.createComm(CHANNEL_TARGET);
    this.comm = comm;
    comm.onMsg = (m) => this.deliver(m.content.data as ChannelMessage, (m.buffers ?? []) as Buffers);
    comm.onClose = (m) => {
      if (this.comm !== comm) return;
      this.comm = null;
      if (this.current === 'open' || this.current === 'connecting') {
        const reason = String((m.content.data as { reason?: unknown })?.reason ?? 'the kernel closed this channel');
        this.deliver({ type: 'channel-gone', reason } as ChannelGone, []);
      }
    };
    this.setState('connecting');
    comm.open({ channel: this.id });
  }

  private onStatus(_: ISessionContext, status: Kernel.Status): void {
    if (this.current === 'closed') return;
    if (DOWN.has(status)) {
      // JupyterLab disposes every comm on restart without calling onClose.
      this.dropComm(false);
      if (status === 'dead' || status === 'terminating') this.gone(`the kernel is ${status === 'dead' ? 'dead' : 'shutting down'}`);
      else {
        this.waitingForIdle = true;
        this.setState('connecting');
      }
      return;
    }
    if (status === 'idle' && this.waitingForIdle) {
      const kernel = this.session.session?.kernel;
      if (kernel) this.open(kernel);
    }
  }

  private onKernel(): void {
    if (this.current === 'closed') return;
    this.dropComm(false);
    if (!this.session.session?.kernel) return this.gone('the kernel was shut down');
    this.setState('connecting');
    this.openWhenIdle();
  }

  private onSessionDisposed(): void {
    if (this.current === 'closed') return;
    this.gone('the notebook was closed');
    this.listeners.clear();
  }
}
