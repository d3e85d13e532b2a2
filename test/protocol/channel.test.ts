/**
 * The panel <-> kernel channel over real ZeroMQ: a frontend opens comms to
 * `tsml.channel.v1` as the extension does, and exchanges JSON and binary
 * buffers with a channel a cell opened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient, until } from './client.js';
import type { Message } from '../../kernel/src/protocol/messages.js';

let k: KernelClient;
beforeAll(async () => {
  k = await KernelClient.start();
});
afterAll(async () => {
  await k?.stop();
});

let seq = 0;
const newCommId = () => `view-${++seq}`;

/** Comm messages to `commId` (comm_msg data, or { closed } for comm_close), in order. */
function received(commId: string): Record<string, any>[] {
  return k.iopubLog
    .filter((m) => ['comm_msg', 'comm_close'].includes(m.header.msg_type) && (m.content as any).comm_id === commId)
    .map((m) => (m.header.msg_type === 'comm_close' ? { closed: (m.content as any).data } : (m.content as any).data));
}

function messagesTo(commId: string): Message[] {
  return k.iopubLog.filter((m) => m.header.msg_type === 'comm_msg' && (m.content as any).comm_id === commId);
}


async function connect(channel: string): Promise<string> {
  const id = newCommId();
  k.send('comm_open', { comm_id: id, target_name: 'tsml.channel.v1', data: { channel } });
  await until(`a first message on ${id}`, () => received(id)[0]);
  return id;
}

/** A string value as the cell's text/plain shows it ('…'), unquoted. */
const idOf = async (expr: string) => (await k.value(expr))!.replace(/^'|'$/g, '');

describe('tsml.channel.v1', () => {
  let channelId: string;

  beforeAll(async () => {
    const { content } = await k.execute(
      [
        'const ch = tsml.openChannel();',
        'globalThis.seen = [];',
        "ch.on('ping', (m, buffers, view) => view.send({ type: 'pong', n: m.n, lengths: buffers.map((b) => b.byteLength) }));",
        "ch.on('values', (m, buffers, view) => { const { xs } = tsml.readBuffers(m, buffers); view.send({ type: 'sum', sum: xs.reduce((a, b) => a + b, 0) }, [new Float64Array([1.5, -2.25, 1e300])]) });",
        "ch.on('selection', (m) => { globalThis.selection = m.rows });",
        "ch.on('boom', () => { throw new RangeError('threshold must be positive') });",
        "ch.on('later', async () => { await new Promise((r) => setTimeout(r, 5)); throw new Error('async kaput') });",
        "ch.onConnect((view) => view.send({ type: 'state', rows: 42 }));",
      ].join('\n'),
    );
    expect(content.status).toBe('ok');
    channelId = await idOf('ch.id');
  });

  it('connects a view: channel-ready, then what onConnect sends', async () => {
    const view = await connect(channelId);
    await until('state', () => received(view).length >= 2);
    expect(received(view).slice(0, 2)).toEqual([{ type: 'channel-ready' }, { type: 'state', rows: 42 }]);
  });

  it('exchanges JSON and binary buffers both ways', async () => {
    const view = await connect(channelId);
    k.send('comm_msg', { comm_id: view, data: { type: 'ping', n: 7 } }, 'shell', [new Uint8Array([1, 2, 3]), new Uint8Array(1000)]);
    expect(await until('pong', () => received(view).find((d) => d.type === 'pong'))).toEqual({ type: 'pong', n: 7, lengths: [3, 1000] });

    const xs = new Float32Array([0.5, 1.5, 2]);
    k.send('comm_msg', { comm_id: view, data: { type: 'values', buffers: [{ name: 'xs', dtype: 'float32' }] } }, 'shell', [xs]);
    const sum = await until('sum', () => messagesTo(view).find((m) => (m.content as any).data.type === 'sum'));
    expect((sum.content as any).data.sum).toBe(4);
    expect(sum.buffers).toHaveLength(1);
    const b = sum.buffers[0] as Uint8Array;
    expect(Array.from(new Float64Array(new Uint8Array(b).buffer))).toEqual([1.5, -2.25, 1e300]);
  });

  it('a value a panel sends is what the next cell reads', async () => {
    const view = await connect(channelId);
    k.send('comm_msg', { comm_id: view, data: { type: 'selection', rows: [3, 5, 8] } });
    // The comm message is handled before the next execute_request (the shell socket keeps the order).
    expect(await k.value('selection')).toBe('[ 3, 5, 8 ]');
  });

  it('broadcasts what the kernel sends to every connected view', async () => {
    const a = await connect(channelId);
    const b = await connect(channelId);
    const { content } = await k.execute("ch.send({ type: 'highlight', rows: [1, 2] }, [new Int32Array([1, 2])]); ch.connected");
    expect(content.status).toBe('ok');
    for (const view of [a, b]) {
      const m = await until(`highlight on ${view}`, () => messagesTo(view).find((x) => (x.content as any).data.type === 'highlight'));
      expect((m.content as any).data.rows).toEqual([1, 2]);
      expect(Array.from(new Int32Array(new Uint8Array(m.buffers[0] as Uint8Array).buffer))).toEqual([1, 2]);
    }
  });

  it('answers an unknown id with channel-gone and closes that comm', async () => {
    const view = newCommId();
    k.send('comm_open', { comm_id: view, target_name: 'tsml.channel.v1', data: { channel: 'no-such-channel' } });
    const got = await until('gone + close', () => (received(view).length >= 2 ? received(view) : undefined));
    expect(got[0].type).toBe('channel-gone');
    expect(got[0].reason).toMatch(/no channel no-such-channel.*restarted.*run the cell again/);
    expect(got[1]).toHaveProperty('closed');
    const bad = newCommId();
    k.send('comm_open', { comm_id: bad, target_name: 'tsml.channel.v1', data: {} });
    const why = await until('gone', () => received(bad)[0]);
    expect(why.reason).toMatch(/needs data \{ channel: "<id>" \}/);
  });

  it('reports a throwing handler to its view and keeps the kernel and the channel alive', async () => {
    const view = await connect(channelId);
    k.send('comm_msg', { comm_id: view, data: { type: 'boom' } });
    const err = await until('channel-error', () => received(view).find((d) => d.type === 'channel-error'));
    expect(err).toMatchObject({ ename: 'RangeError', evalue: 'threshold must be positive' });
    expect(err.where).toContain("the 'boom' handler");
    expect(err.traceback.join('\n')).toContain('threshold must be positive');

    k.send('comm_msg', { comm_id: view, data: { type: 'later' } });
    const late = await until('async channel-error', () => received(view).find((d) => d.type === 'channel-error' && d.evalue === 'async kaput'));
    expect(late.ename).toBe('Error');

    expect(await k.value('1 + 1')).toBe('2');
    k.send('comm_msg', { comm_id: view, data: { type: 'ping', n: 9 } });
    await until('pong after errors', () => received(view).find((d) => d.type === 'pong' && d.n === 9));
    expect(k.proc.exitCode).toBeNull();
  });

  it('shows a handler error in the cell that is running when it happens', async () => {
    const view = await connect(channelId);
    const run = k.execute('await new Promise((r) => setTimeout(r, 800)); "done"');
    await new Promise((r) => setTimeout(r, 200));
    k.send('comm_msg', { comm_id: view, data: { type: 'boom' } });
    const { outputs, content } = await run;
    expect(content.status).toBe('ok');
    expect(k.stdoutOf(outputs, 'stderr')).toMatch(/an error in the 'boom' handler of channel[\s\S]*threshold must be positive/);
  });

  it('forgets views that close, and close() sends comm_close to the rest; reconnecting then hears channel-gone', async () => {
    const id = await idOf('const ch2 = tsml.openChannel(); ch2.id');
    const a = await connect(id);
    const b = await connect(id);
    expect(await k.value('ch2.connected')).toBe('2');
    k.send('comm_close', { comm_id: a, data: {} });
    expect(await k.value('ch2.connected')).toBe('1');
    await k.execute('ch2.close()');
    await until('comm_close on b', () => received(b).find((d) => 'closed' in d));
    const again = newCommId();
    k.send('comm_open', { comm_id: again, target_name: 'tsml.channel.v1', data: { channel: id } });
    expect((await until('gone', () => received(again)[0])).type).toBe('channel-gone');
  });

  it('rejects a message without a type with a clear error', async () => {
    const { content } = await k.execute('ch.send({ rows: [1] } as any)');
    expect(content.status).toBe('error');
    expect(content.evalue).toMatch(/a channel message is an object with a string 'type'/);
  });

  it('lists the target in comm_info', async () => {
    const view = await connect(channelId);
    const info = (await k.request('comm_info_request', { target_name: 'tsml.channel.v1' })).content as any;
    expect(info.comms[view]).toEqual({ target_name: 'tsml.channel.v1' });
  });
});
