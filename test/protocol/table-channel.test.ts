/**
 * The table output's channel over real ZeroMQ: a table shown by a cell carries a channel id, and
 * a view that connects gets the schema, then any page of rows in any sort order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient, until } from './client.js';

let k: KernelClient;
beforeAll(async () => {
  k = await KernelClient.start();
});
afterAll(async () => {
  await k?.stop();
});

let seq = 0;
const data = (commId: string) =>
  k.iopubLog.filter((m) => m.header.msg_type === 'comm_msg' && (m.content as any).comm_id === commId).map((m) => (m.content as any).data);


async function show(code: string): Promise<any> {
  const { outputs, content } = await k.execute(code);
  expect(content.status).toBe('ok');
  const out = outputs.find((m) => ['execute_result', 'display_data'].includes(m.header.msg_type))!;
  return (out.content as any).data;
}

async function connect(channel: string): Promise<string> {
  const id = `table-view-${++seq}`;
  k.send('comm_open', { comm_id: id, target_name: 'tsml.channel.v1', data: { channel } });
  await until('schema', () => data(id).find((d) => d.type === 'schema'));
  return id;
}

async function rows(view: string, start: number, count: number, sort: unknown[] = []): Promise<any> {
  const s = ++seq;
  const before = data(view).length;
  k.send('comm_msg', { comm_id: view, data: { type: 'rows', seq: s, start, count, sort } });
  return until(`rows reply ${s}`, () => data(view).slice(before).find((d) => (d.type === 'rows' && d.seq === s) || d.type === 'channel-error'));
}

describe('table channel', () => {
  let bundle: any;
  let view: string;

  beforeAll(async () => {
    bundle = await show(
      "const n = 100_000; const t = (await import('arquero')).table({ id: Array.from({ length: n }, (_, i) => i), v: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : (i * 7919) % 1000)), s: Array.from({ length: n }, (_, i) => 'k' + (i % 13)) }); t",
    );
    view = await connect(bundle['application/vnd.tsml.table.v1+json'].channel);
  });

  it('keeps the saved head/tail payload and fallbacks, plus a channel id', () => {
    const p = bundle['application/vnd.tsml.table.v1+json'];
    expect(p.channel).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.head).toHaveLength(10);
    expect(p.tail).toHaveLength(5);
    expect(bundle['text/html']).toContain('100,000 rows × 3 columns');
    expect(bundle['text/plain']).toContain('100,000 rows × 3 columns');
  });

  it('sends the schema of every column on connect', () => {
    expect(data(view).find((d) => d.type === 'schema')).toEqual({
      type: 'schema',
      rows: 100_000,
      columns: [
        { name: 'id', dtype: 'int64', missing: 0 },
        { name: 'v', dtype: 'int64', missing: 14_286 },
        { name: 's', dtype: 'string', missing: 0 },
      ],
      columnsTruncated: false,
    });
  });

  it('serves any page in stored order', async () => {
    const r = await rows(view, 50_000, 3);
    expect(r).toMatchObject({ type: 'rows', start: 50_000, total: 100_000, sort: [] });
    expect(r.rows).toEqual([
      { row: 50_000, cells: [50_000, (50_000 * 7919) % 1000, 'k' + (50_000 % 13)] },
      { row: 50_001, cells: [50_001, null, 'k' + (50_001 % 13)] },
      { row: 50_002, cells: [50_002, (50_002 * 7919) % 1000, 'k' + (50_002 % 13)] },
    ]);
    const end = await rows(view, 99_998, 100);
    expect(end.rows.map((x: any) => x.row)).toEqual([99_998, 99_999]);
  });

  it('sorts in the kernel: descending with missing values last, then by a second key', async () => {
    const top = await rows(view, 0, 5, [{ column: 'v', descending: true }]);
    expect(top.rows.map((x: any) => x.cells[1])).toEqual([999, 999, 999, 999, 999]);
    // Ties keep stored order.
    const ids = top.rows.map((x: any) => x.row);
    expect([...ids].sort((a: number, b: number) => a - b)).toEqual(ids);
    const last = await rows(view, 100_000 - 3, 3, [{ column: 'v', descending: true }]);
    expect(last.rows.map((x: any) => x.cells[1])).toEqual([null, null, null]);
    const two = await rows(view, 0, 4, [{ column: 's', descending: false }, { column: 'id', descending: true }]);
    expect(two.rows.map((x: any) => x.cells[2])).toEqual(['k0', 'k0', 'k0', 'k0']);
    expect(two.rows.map((x: any) => x.row)).toEqual([99_996, 99_983, 99_970, 99_957]);
  });

  it('answers a bad request with a channel-error that says what was wrong', async () => {
    const bad = await rows(view, 0, 5, [{ column: 'nope', descending: false }]);
    expect(bad.type).toBe('channel-error');
    expect(bad.evalue).toMatch(/cannot sort by unknown column 'nope'; the table has: id, v, s/);
    expect((await rows(view, 0, 1)).type).toBe('rows');
  });

  it('keeps the latest 32 tables live; an older one says why it is gone', async () => {
    const first = (await show("tsml.datasets.linear({ n: 20 })"))['application/vnd.tsml.table.v1+json'].channel;
    const early = await connect(first);
    for (let i = 0; i < 32; i++) await show(`tsml.datasets.linear({ n: ${i + 1} })`);
    const closed = await until('comm_close', () => k.iopubLog.find((m) => m.header.msg_type === 'comm_close' && (m.content as any).comm_id === early));
    expect((closed.content as any).data.reason).toMatch(/only the latest 32 stay live/);
  });
});
