/**
 * stop_on_error over the real protocol: a failed cell aborts the requests a
 * client sent before it could have seen the error (a queue, JupyterLab's Run
 * All), never one sent in answer to the error reply, whatever the client's
 * clock says.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { KernelClient } from './client.js';
import type { Message } from '../../kernel/src/protocol/messages.js';

const kernels: KernelClient[] = [];
afterAll(async () => {
  await Promise.all(kernels.map((k) => k.stop()));
});

async function start(clockSkewMs: number): Promise<KernelClient> {
  const k = await KernelClient.start();
  kernels.push(k);
  k.clockSkewMs = clockSkewMs;
  return k;
}

const execContent = (code: string) => ({ code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });

/** Resolves once the request's execute_input is on iopub (it runs), or with its reply if that came first (it was aborted). */
async function started(k: KernelClient, msgId: string, reply: Promise<Message>): Promise<Message | undefined> {
  let replied: Message | undefined;
  void reply.then((r) => (replied = r), () => undefined);
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 2))) {
    if (k.iopubLog.some((m) => m.parent_header.msg_id === msgId && m.header.msg_type === 'execute_input')) return undefined;
    if (replied) return replied;
  }
  throw new Error(`${msgId} neither started nor was answered`);
}

/**
 * Runs a cell that waits forever, interrupts it, and, as soon as its error
 * reply is in, runs `follow`. Returns the status of both: a cell sent after the
 * previous reply must never be aborted, the stuck one included.
 */
async function interruptThenRun(k: KernelClient, follow: string): Promise<{ interrupted: Message; followUp: Message }> {
  const stuck = k.build('execute_request', execContent('await new Promise((r) => setTimeout(r, 60_000))'));
  const interrupted = k.waitReply(stuck.header.msg_id);
  await k.sendRaw('shell', stuck.frames);
  const early = await started(k, stuck.header.msg_id, interrupted);
  if (!early) await k.request('interrupt_request', {}, { channel: 'control' });
  const i = await interrupted;
  const next = k.build('execute_request', execContent(follow));
  const followUp = k.waitReply(next.header.msg_id);
  await k.sendRaw('shell', next.frames);
  return { interrupted: i, followUp: await followUp };
}

/** JupyterLab's Run All: every request created and sent at once, the first failing at once. */
async function runAllAfterError(k: KernelClient, n: number, gapMs = 0) {
  const failing = k.build('execute_request', execContent("throw new Error('boom')"));
  const replies = [k.waitReply(failing.header.msg_id)];
  await k.sendRaw('shell', failing.frames);
  for (let i = 0; i < n; i++) {
    // A browser busy rendering creates (and so sends) the requests a few ms apart.
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    const m = k.build('execute_request', execContent(`globalThis.batchRan = (globalThis.batchRan ?? 0) + 1`));
    replies.push(k.waitReply(m.header.msg_id));
    await k.sendRaw('shell', m.frames);
  }
  return (await Promise.all(replies)).map((r) => r.content as Record<string, unknown>);
}

describe('stop_on_error', () => {
  // A browser on another machine (JupyterHub) has its own clock: behind, in step, ahead of the kernel's.
  for (const [skew, rounds] of [
    [0, 200],
    [-2000, 40],
    [2000, 40],
  ] as const) {
    it(`never aborts a cell sent right after an interrupted cell's reply (client clock ${skew} ms off)`, { timeout: 240_000 }, async () => {
      const k = await start(skew);
      await k.execute('let followUps = 0');
      const statuses: string[] = [];
      for (let i = 0; i < rounds; i++) {
        const { interrupted, followUp } = await interruptThenRun(k, 'followUps++');
        statuses.push(`${interrupted.content.status}/${interrupted.content.ename}`, String(followUp.content.status));
      }
      const aborted = statuses.filter((s) => s.startsWith('aborted')).length;
      expect(aborted, `${aborted} of ${2 * rounds} requests aborted`).toBe(0);
      expect(new Set(statuses)).toEqual(new Set(['error/KeyboardInterrupt', 'ok']));
      expect(await k.value('followUps')).toBe(String(rounds));
      // Each interrupted cell and each follow-up took one execution count (and so did the value just read).
      expect((await k.execute('0')).content.execution_count).toBe(1 + 2 * rounds + 2);
      // The same session's Run All after an error still stops at the error.
      const batch = await runAllAfterError(k, 10);
      expect(batch[0].status).toBe('error');
      expect(batch.slice(1).map((c) => c.status)).toEqual(Array(10).fill('aborted'));
      expect(await k.value('String(globalThis.batchRan)')).toBe("'undefined'");
    });
  }

  it('aborts a Run All batch whose requests reach the kernel after the error, a few ms apart', async () => {
    const k = await start(-1500);
    await k.execute('1');
    const batch = await runAllAfterError(k, 8, 8);
    expect(batch[0].status).toBe('error');
    expect(batch.slice(1).map((c) => c.status)).toEqual(Array(8).fill('aborted'));
    expect(await k.value('String(globalThis.batchRan)')).toBe("'undefined'");
  });

  it('gives aborted replies no execution count, as ipykernel does, and counts on from the failed cell', async () => {
    const k = await start(0);
    const batch = await runAllAfterError(k, 3);
    const failedCount = batch[0].execution_count as number;
    for (const c of batch.slice(1)) expect(c).toEqual({ status: 'aborted' });
    expect((await k.execute('2')).content.execution_count).toBe(failedCount + 1);
  });

  it('aborts nothing when stop_on_error is false', async () => {
    const k = await start(0);
    const failing = k.build('execute_request', { ...execContent("throw new Error('boom')"), stop_on_error: false });
    const next = k.build('execute_request', execContent('40 + 2'));
    const replies = [k.waitReply(failing.header.msg_id), k.waitReply(next.header.msg_id)];
    await k.sendRaw('shell', failing.frames);
    await k.sendRaw('shell', next.frames);
    const [a, b] = await Promise.all(replies);
    expect(a.content).toMatchObject({ status: 'error' });
    expect(b.content).toMatchObject({ status: 'ok' });
  });
});
