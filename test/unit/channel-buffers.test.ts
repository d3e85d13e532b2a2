/** readBuffers / describeBuffer: the channel contract's typed views of comm buffers, on either side. */
import { describe, expect, it } from 'vitest';
import { describeBuffer, readBuffers, type ChannelMessage } from '../../kernel/src/mime/index.js';

describe('channel buffers', () => {
  it('names each buffer by its descriptor and views it without a copy when aligned', () => {
    const xs = new Float64Array([1.5, -2, 1e300]);
    const ids = new Int32Array([7, -1]);
    const msg: ChannelMessage = { type: 'points', buffers: [describeBuffer('xs', xs), describeBuffer('ids', ids)] };
    expect(msg.buffers).toEqual([{ name: 'xs', dtype: 'float64' }, { name: 'ids', dtype: 'int32' }]);
    const out = readBuffers(msg, [new DataView(xs.buffer), Buffer.from(ids.buffer)]);
    expect(Array.from(out.xs)).toEqual([1.5, -2, 1e300]);
    expect(out.xs.buffer).toBe(xs.buffer);
    expect(Array.from(out.ids)).toEqual([7, -1]);
  });

  it('copies a buffer that is not aligned for its type (a slice of one websocket frame)', () => {
    const frame = new Uint8Array(1 + 8 * 2);
    frame.set(new Uint8Array(new Float64Array([0.25, 4]).buffer), 1);
    const out = readBuffers({ type: 'x', buffers: [{ name: 'v', dtype: 'float64' }] }, [new DataView(frame.buffer, 1, 16)]);
    expect(Array.from(out.v)).toEqual([0.25, 4]);
  });

  it('says what is wrong with a buffer that does not match its descriptor', () => {
    expect(() => readBuffers({ type: 'x', buffers: [{ name: 'v', dtype: 'float32' }] }, [new Uint8Array(6)])).toThrow(/buffer 'v' has 6 bytes, not a multiple of 4 \(float32\)/);
    expect(() => readBuffers({ type: 'x', buffers: [{ name: 'v', dtype: 'uint8' }] }, [])).toThrow(/describes buffer 0 \('v', uint8\) but it has no such buffer/);
    expect(() => describeBuffer('b', [1, 2] as never)).toThrow(/must be a Uint8Array, Int32Array/);
  });
});
