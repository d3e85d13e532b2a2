/** complete / inspect / is_complete / history / comms / stdin over the real protocol. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient } from './client.js';

let k: KernelClient;
beforeAll(async () => {
  k = await KernelClient.start();
  await k.execute('/** Scales a value by the learning rate. */\nfunction scaleBy(x: number, lr = 0.1) { return x * lr }\nconst trainingConfig = { epochs: 10, learningRate: 0.01, batchSize: 32 }');
});
afterAll(async () => {
  await k?.stop();
});

const content = async (type: string, c: unknown) => (await k.request(type, c)).content as any;

describe('complete_request', () => {
  it('completes members of live values with the replaced range', async () => {
    const code = 'trainingConfig.lea';
    const r = await content('complete_request', { code, cursor_pos: code.length });
    expect(r.status).toBe('ok');
    expect(r.matches).toEqual(['learningRate']);
    expect([r.cursor_start, r.cursor_end]).toEqual([15, 18]);
  });

  it('completes identifiers from earlier cells and globals', async () => {
    const r = await content('complete_request', { code: 'const y = scal', cursor_pos: 14 });
    expect(r.matches).toContain('scaleBy');
    expect(r.cursor_start).toBe(10);
    const g = await content('complete_request', { code: 'parseFl', cursor_pos: 7 });
    expect(g.matches).toEqual(['parseFloat']);
    expect(g.metadata._jupyter_types_experimental[0]).toMatchObject({ text: 'parseFloat', type: 'function' });
  });

  it('completes builtin members and module exports', async () => {
    expect((await content('complete_request', { code: 'Math.flo', cursor_pos: 8 })).matches).toEqual(['floor']);
    const code = "import { readFileS } from 'node:fs'";
    const r = await content('complete_request', { code, cursor_pos: code.indexOf('S }') + 1 });
    expect(r.matches).toEqual(['readFileSync']);
    const m = "import x from 'node:fs/pro";
    expect((await content('complete_request', { code: m, cursor_pos: m.length })).matches).toEqual(['node:fs/promises']);
  });

  it('counts the cursor in code points (non-BMP characters before it)', async () => {
    const code = '"😀😀"; Math.fl';
    const cp = [...code].length;
    const r = await content('complete_request', { code, cursor_pos: cp });
    expect(r.matches).toEqual(['floor']);
    expect(r.cursor_end).toBe(cp);
    expect(r.cursor_start).toBe(cp - 2);
  });
});

describe('inspect_request', () => {
  it('shows the signature and JSDoc of a function from an earlier cell', async () => {
    const code = 'scaleBy(3)';
    const r = await content('inspect_request', { code, cursor_pos: 3, detail_level: 0 });
    expect(r.found).toBe(true);
    const text = r.data['text/plain'];
    expect(text).toContain('scaleBy(x: number, lr = 0.1)');
    expect(text).toContain('Scales a value by the learning rate.');
  });

  it('describes values and builtins, and says when nothing is found', async () => {
    const v = await content('inspect_request', { code: 'trainingConfig', cursor_pos: 5, detail_level: 0 });
    expect(v.data['text/plain']).toContain('epochs: 10');
    const b = await content('inspect_request', { code: 'Math.floor', cursor_pos: 7, detail_level: 0 });
    expect(b.found).toBe(true);
    expect(b.data['text/plain']).toContain('floor(x: number): number');
    const none = await content('inspect_request', { code: 'notDefinedHere', cursor_pos: 3, detail_level: 0 });
    expect(none).toMatchObject({ status: 'ok', found: false, data: {} });
  });

  it('answers ?name in a cell with a page payload', async () => {
    const { content: c } = await k.execute('?scaleBy');
    expect(c.payload).toHaveLength(1);
    expect(c.payload[0].source).toBe('page');
    expect(c.payload[0].data['text/plain']).toContain('Scales a value');
  });
});

describe('is_complete_request', () => {
  it.each([
    ['const x = 1', 'complete'],
    ['for (const i of [1, 2]) {', 'incomplete'],
    ['let s: string = `unterminated ${', 'incomplete'],
    ['const = 5', 'invalid'],
  ])('%s → %s', async (code, status) => {
    expect((await content('is_complete_request', { code })).status).toBe(status);
  });
});

describe('history_request', () => {
  it('returns tail, range and search entries of this session', async () => {
    await k.execute('const historyMarker = 1');
    const tail = await content('history_request', { hist_access_type: 'tail', n: 2, output: false, raw: true });
    expect(tail.history.at(-1)[2]).toBe('const historyMarker = 1');
    const search = await content('history_request', { hist_access_type: 'search', pattern: '*historyMarker*', output: false, raw: true });
    expect(search.history.map((h: any) => h[2])).toEqual(['const historyMarker = 1']);
    const range = await content('history_request', { hist_access_type: 'range', session: 0, start: 1, stop: 2, output: false, raw: true });
    expect(range.history).toHaveLength(1);
    expect(range.history[0][1]).toBe(1);
  });
});

describe('comms', () => {
  it('opens a frontend comm to a kernel target, exchanges messages, lists and closes it', async () => {
    await k.execute('comms.registerTarget("echo", (comm, open) => { comm.send({ opened: open.data }); comm.onMsg((m) => comm.send({ echo: m.data, nbuf: m.buffers.length })) })');
    const open = k.send('comm_open', { comm_id: 'c1', target_name: 'echo', data: { hello: 1 } });
    await k.outputsOf(open.msg_id);
    const opened = k.iopubLog.find((m) => m.header.msg_type === 'comm_msg' && m.parent_header.msg_id === open.msg_id)!;
    expect(opened.content).toMatchObject({ comm_id: 'c1', data: { opened: { hello: 1 } } });

    const info = await content('comm_info_request', { target_name: 'echo' });
    expect(info.comms).toEqual({ c1: { target_name: 'echo' } });

    const msg = k.send('comm_msg', { comm_id: 'c1', data: { x: 2 } });
    await k.outputsOf(msg.msg_id);
    const echoed = k.iopubLog.find((m) => m.header.msg_type === 'comm_msg' && m.parent_header.msg_id === msg.msg_id)!;
    expect(echoed.content).toMatchObject({ data: { echo: { x: 2 }, nbuf: 0 } });

    const close = k.send('comm_close', { comm_id: 'c1', data: {} });
    await k.outputsOf(close.msg_id);
    expect((await content('comm_info_request', {})).comms).toEqual({});
  });

  it('opens kernel-side comms with binary buffers, and closes comms to unknown targets', async () => {
    const { outputs } = await k.execute('const c = comms.open("frontend.target", { v: 1 }, { buffers: [new Uint8Array([1, 2, 3])] })\nc.commId.length');
    const open = outputs.find((m) => m.header.msg_type === 'comm_open')!;
    expect(open.content).toMatchObject({ target_name: 'frontend.target', data: { v: 1 } });
    expect([...open.buffers[0]]).toEqual([1, 2, 3]);
    const bad = k.send('comm_open', { comm_id: 'c2', target_name: 'missing', data: {} });
    await k.outputsOf(bad.msg_id);
    expect(k.iopubLog.some((m) => m.header.msg_type === 'comm_close' && (m.content as any).comm_id === 'c2')).toBe(true);
  });
});

describe('stdin', () => {
  it('round-trips await input() and input.password()', async () => {
    k.onInputRequest = (req) => {
      const answer = (req.content as any).password ? 'secret' : 'Ada';
      const { frames } = k.build('input_reply', { value: answer }, req.header);
      void k.sendRaw('stdin', frames);
    };
    const { outputs, content: c } = await k.execute('const who = await input("name? ")\nconst pw = await input.password("pw: ");\n`${who}/${pw.length}`', { allow_stdin: true });
    expect(c.evalue).toBeUndefined();
    expect(k.stdinRequests.map((r) => (r.content as any).prompt)).toEqual(['name? ', 'pw: ']);
    expect((k.stdinRequests[1].content as any).password).toBe(true);
    expect(outputs.find((m) => m.header.msg_type === 'execute_result')!.content).toMatchObject({ data: { 'text/plain': "'Ada/6'" } });
    k.onInputRequest = undefined;
  });

  it('fails clearly when the frontend does not allow stdin', async () => {
    const { content: c } = await k.execute('await input("x")', { allow_stdin: false });
    expect(c.ename).toBe('StdinNotImplementedError');
    expect(c.evalue).toMatch(/allow_stdin/);
  });
});

describe('documentation from declaration files', () => {
  it('shows TypeScript lib docs for builtins and instance members', async () => {
    const floor = await content('inspect_request', { code: 'Math.floor', cursor_pos: 7, detail_level: 0 });
    expect(floor.data['text/plain']).toContain('floor(x: number): number');
    expect(floor.data['text/plain']).toContain('Returns the greatest integer less than or equal to its numeric argument.');
    await k.execute('const losses = [0.5, 0.25]');
    const push = await content('inspect_request', { code: 'losses.push', cursor_pos: 10, detail_level: 0 });
    expect(push.data['text/plain']).toContain('Appends new elements to the end of an array');
  });

  it("shows a package's declared signature and JSDoc for its exports and their members", async () => {
    await k.execute("import * as zmq from 'zeromq'\nconst dealer = new zmq.Dealer()");
    const cls = await content('inspect_request', { code: 'zmq.Dealer', cursor_pos: 6, detail_level: 0 });
    expect(cls.data['text/plain']).toContain('export declare class Dealer extends Socket');
    const member = await content('inspect_request', { code: 'dealer.connect', cursor_pos: 10, detail_level: 0 });
    expect(member.data['text/plain']).toMatch(/connect\(address: string\)/);
    await k.execute('dealer.close()');
  });
});
