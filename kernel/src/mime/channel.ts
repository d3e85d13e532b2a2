/**
 * The panel <-> kernel channel contract, shared by the kernel and the extension.
 *
 * A panel output (Dive, missing values, outliers, loss…) that can talk back to
 * the kernel carries a `ChannelRef` in its MIME payload. In a live session the
 * extension opens a Jupyter comm to `CHANNEL_TARGET` with `ChannelOpen` data;
 * the kernel attaches that comm to the kernel-side channel with the same id.
 * From then on both sides exchange `ChannelMessage`s (binary parts travel as
 * comm buffers, never as JSON arrays). A saved notebook without a kernel has no
 * channel: panels render from the payload alone and say that the kernel is gone.
 *
 * Several views of one output (a notebook opened twice, a cloned output) each
 * open their own comm; the kernel broadcasts to every connected view.
 */

/** Comm target the kernel registers at start; panels open comms to it. */
export const CHANNEL_TARGET = 'tsml.channel.v1';

/** Put in a panel's payload: the id of the kernel-side channel behind that output. */
export interface ChannelRef {
  channel?: string;
}

/** `data` of the comm_open a panel sends. */
export interface ChannelOpen {
  channel: string;
}

/**
 * One message either way. `type` names what it is ('selection', 'highlight',
 * 'threshold', …: each panel documents its own). Large numeric parts go in the
 * comm's buffers; `buffers` here says what each buffer holds, by index.
 */
export interface ChannelMessage {
  type: string;
  buffers?: { name: string; dtype: 'uint8' | 'int32' | 'uint32' | 'float32' | 'float64' }[];
  [key: string]: unknown;
}

/** Sent by the kernel when a view connects to a channel id it no longer (or never) had. */
export interface ChannelGone extends ChannelMessage {
  type: 'channel-gone';
  reason: string;
}
