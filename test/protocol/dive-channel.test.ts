/**
 * display.dive over real ZeroMQ, as the Dive panel talks to it: the output names a channel; a view
 * asks for columns (binary chunks), a row (exact values), sends a selection (indices, ranges or a
 * bitset) that `d.selection()` / `d.selected()` read in the next cell, and hears `d.highlight()`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient, until } from './client.js';
import type { Message } from '../../kernel/src/protocol/messages.js';
import { decodeRows, encodeRows } from '../../kernel/src/dive/codec.js';

let k: KernelClient;
beforeAll(async () => { k = await KernelClient.start(); });
afterAll(async () => { await k?.stop(); });

const commMsgs = (commId: string): Message[] => k.iopubLog.filter((m) => m.header.msg_type === 'comm_msg' && (m.content as any).comm_id === commId);
const dataOf = (m: Message) => (m.content as any).data as Record<string, any>;

describe('display.dive channel', () => {
  let channel: string;
  let view: string;

  beforeAll(async () => {
    const { content } = await k.execute([
      "const t = tsml.datasets.census({ n: 5000, seed: 2 });",
      "const d = display.dive(t, { color: 'income', x: 'age', y: 'hours_per_week', embedBytes: 0 });",
    ].join('\n'));
    expect(content.status).toBe('ok');
    const out = k.iopubLog.find((m) => m.header.msg_type === 'display_data' && (m.content as any).data['application/vnd.tsml.dive.v1+json']);
    const payload = (out!.content as any).data['application/vnd.tsml.dive.v1+json'];
    expect(payload.data).toBeUndefined();
    channel = payload.channel;
    expect(channel).toMatch(/[0-9a-f-]{36}/);
    view = 'dive-view-1';
    k.send('comm_open', { comm_id: view, target_name: 'tsml.channel.v1', data: { channel } });
    await until('channel-ready', () => commMsgs(view).some((m) => dataOf(m).type === 'channel-ready'));
  });

  it('sends requested columns as binary chunks in their encoding', async () => {
    k.send('comm_msg', { comm_id: view, data: { type: 'columns', names: ['age', 'income', 'fnlwgt'] } });
    const chunks = await until('3 columns', () => {
      const c = commMsgs(view).filter((m) => dataOf(m).type === 'column');
      return c.length >= 3 ? c : undefined;
    });
    const byName = Object.fromEntries(chunks.map((m) => [dataOf(m).info.name, m]));
    const age = byName.age;
    expect(dataOf(age)).toMatchObject({ start: 0, length: 5000, rows: 5000, info: { kind: 'number', dtype: 'uint8' } });
    const bytes = age.buffers[0] as Uint8Array;
    expect(bytes.byteLength).toBe(5000);
    const ages = (await k.value('JSON.stringify(t.array("age").slice(0, 5))'))!;
    const offset = dataOf(age).info.offset;
    expect(Array.from(bytes.subarray(0, 5), (b) => b + offset)).toEqual(JSON.parse(ages.replace(/^'|'$/g, '')));
    expect(dataOf(byName.income).info).toMatchObject({ kind: 'category', dtype: 'uint8', values: ['<=50K', '>50K'] });
    expect(dataOf(byName.fnlwgt).info.dtype).toBe('uint32');
    expect((byName.fnlwgt.buffers[0] as Uint8Array).byteLength).toBe(20_000);
  });

  it('answers a row request with every column, exactly', async () => {
    k.send('comm_msg', { comm_id: view, data: { type: 'row', id: 7, row: 123 } });
    const reply = await until('row', () => commMsgs(view).map(dataOf).find((d) => d.type === 'row' && d.id === 7));
    const want = (await k.value('JSON.stringify(t.objects()[123])'))!.replace(/^'|'$/g, '');
    expect(reply.values).toEqual(JSON.parse(want));
  });

  for (const [name, rows] of [
    ['indices', Uint32Array.of(3, 70, 4999)],
    ['ranges', Uint32Array.from({ length: 1000 }, (_, i) => 2000 + i)],
    ['bitset', Uint32Array.from({ length: 2500 }, (_, i) => i * 2)],
  ] as const) {
    it(`a selection sent as ${name} is d.selection() in the next cell`, async () => {
      const e = encodeRows(rows, 5000);
      expect(e.encoding).toBe(name);
      k.send('comm_msg', { comm_id: view, data: { type: 'selection', encoding: e.encoding, count: e.count, rows: 5000, buffers: [{ name: 'rows', dtype: 'uint8' }] } }, 'shell', [e.bytes]);
      // Compared by a checksum in the kernel: a 2,500-row list is longer than a cell's text output shows.
      const want = Array.from(rows).reduce((s, r, i) => (s + r * (i + 1)) % 1_000_003, 0);
      expect(await k.value('d.selection().reduce((s, r, i) => (s + r * (i + 1)) % 1_000_003, 0)')).toBe(String(want));
      expect(await k.value('d.selection().length')).toBe(String(rows.length));
      expect(await k.value('d.selected().numRows()')).toBe(String(rows.length));
    });
  }

  it('d.highlight() reaches the view as a row set; bad rows get a clear error', async () => {
    const { content } = await k.execute('d.highlight([42, 7, 42, 4000])');
    expect(content.status).toBe('ok');
    const h = await until('highlight', () => commMsgs(view).find((m) => dataOf(m).type === 'highlight'));
    expect(dataOf(h)).toMatchObject({ encoding: 'indices', count: 3, rows: 5000 });
    expect(Array.from(decodeRows('indices', h.buffers[0] as Uint8Array, 5000))).toEqual([7, 42, 4000]);
    const bad = await k.execute('d.highlight([5000])');
    expect(bad.content.status).toBe('error');
    expect((bad.content as any).evalue).toMatch(/5000 is not a row of the table \(0–4999\)/);
  });

  it('d.select() from code selects by row numbers or a test, and tells the views', async () => {
    expect(await k.value('d.select((r) => r.age > 80 && r.sex === "Female").length')).toBe(
      await k.value('t.objects().filter((r) => r.age > 80 && r.sex === "Female").length'));
    const { content } = await k.execute('d.select([9, 2, 2])');
    expect(content.status).toBe('ok');
    const m = await until('selection to the view', () => commMsgs(view).filter((x) => dataOf(x).type === 'selection').at(-1));
    expect(dataOf(m)).toMatchObject({ encoding: 'indices', count: 2 });
    expect(Array.from(decodeRows('indices', m.buffers[0] as Uint8Array, 5000))).toEqual([2, 9]);
    expect(await k.value('JSON.stringify(d.selection())')).toBe("'[2,9]'");
  });

  it('a view that connects later gets the current highlight', async () => {
    const late = 'dive-view-2';
    k.send('comm_open', { comm_id: late, target_name: 'tsml.channel.v1', data: { channel } });
    const h = await until('highlight on the new view', () => commMsgs(late).find((m) => dataOf(m).type === 'highlight'));
    expect(dataOf(h).count).toBe(3);
  });
});
