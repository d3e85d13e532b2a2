/**
 * What a panel sees of its channel to the kernel (contract: `tsml/mime`'s
 * channel module; extension/README.md documents both sides).
 */
import type { ChannelMessage } from 'tsml/mime';

export type Buffers = (ArrayBuffer | ArrayBufferView)[];
export type MessageCallback = (msg: ChannelMessage, buffers: Buffers) => void;

/**
 * 'connecting': the comm is being opened (or re-opened after a restart);
 * 'open': the kernel has the channel (it sent `channel-ready`);
 * 'gone': the kernel does not have it (restarted, another session) or shut down;
 * 'closed': the panel closed it.
 */
export type ChannelState = 'connecting' | 'open' | 'gone' | 'closed';

export interface PanelChannel {
  readonly id: string;
  readonly state: ChannelState;
  /** Sends to the kernel; false (and nothing sent) unless the channel is connecting or open. */
  send(msg: ChannelMessage, buffers?: Buffers): boolean;
  /**
   * Calls `cb` for every message from the kernel, `channel-ready`, `channel-gone`
   * and `channel-error` included. Messages that arrived before the first
   * callback was added are delivered to it. Returns a function that removes it.
   */
  onMessage(cb: MessageCallback): () => void;
  /** Calls `cb` whenever `state` changes. Returns a function that removes it. */
  onStateChange(cb: (state: ChannelState) => void): () => void;
  /** Closes the comm (call it when the panel is disposed). */
  close(): void;
}

export interface ConnectOptions {
  /** Show kernel-side handler errors (`channel-error`) in a strip above the panel (default true). */
  showErrors?: boolean;
}
