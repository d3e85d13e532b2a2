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

/** Sent by the kernel to each view right after it connects to a live channel. */
export interface ChannelReady extends ChannelMessage {
  type: 'channel-ready';
}

/** Sent by the kernel to the view whose message made a kernel-side handler throw. */
export interface ChannelError extends ChannelMessage {
  type: 'channel-error';
  /** Which handler failed, e.g. "the 'sort' handler of channel 3f2…". */
  where: string;
  ename: string;
  evalue: string;
  traceback: string[];
}

export type ChannelDtype = NonNullable<ChannelMessage['buffers']>[number]['dtype'];
export type ChannelArray = Uint8Array | Int32Array | Uint32Array | Float32Array | Float64Array;

const ARRAYS = { uint8: Uint8Array, int32: Int32Array, uint32: Uint32Array, float32: Float32Array, float64: Float64Array } as const;

/** A typed array and the `buffers` descriptor entry that says what it is. */
export function describeBuffer(name: string, array: ChannelArray): { name: string; dtype: ChannelDtype } {
  for (const [dtype, Ctor] of Object.entries(ARRAYS)) if (array instanceof Ctor) return { name, dtype: dtype as ChannelDtype };
  throw new TypeError(`buffer '${name}' must be a Uint8Array, Int32Array, Uint32Array, Float32Array or Float64Array`);
}

/**
 * The buffers of a message as typed arrays, by the names in `msg.buffers`.
 * Accepts what either side receives (Node Buffers, DataViews, ArrayBuffers);
 * copies only when a buffer is not aligned for its element type.
 */
export function readBuffers(msg: ChannelMessage, buffers: readonly (ArrayBuffer | ArrayBufferView)[]): Record<string, ChannelArray> {
  const out: Record<string, ChannelArray> = {};
  (msg.buffers ?? []).forEach((d, i) => {
    const b = buffers[i];
    const Ctor = ARRAYS[d.dtype];
    if (!b || !Ctor) throw new RangeError(`message '${msg.type}' describes buffer ${i} ('${d.name}', ${d.dtype}) but ${b ? 'that dtype is unknown' : 'it has no such buffer'}`);
    const bytes = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    const size = Ctor.BYTES_PER_ELEMENT;
    if (bytes.byteLength % size !== 0) throw new RangeError(`buffer '${d.name}' has ${bytes.byteLength} bytes, not a multiple of ${size} (${d.dtype})`);
    out[d.name] = bytes.byteOffset % size === 0 ? new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / size) : new Ctor(bytes.slice().buffer);
  });
  return out;
}
