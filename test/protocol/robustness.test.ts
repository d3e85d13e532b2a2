/** Interrupt (message and signal modes), stray errors, liveness while busy, shutdown and restart. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { KernelClient } from './client.js';

let k: KernelClient;
beforeAll(async () => {
  k = await KernelClient.start();
});
afterAll(async () => {
  await k?.stop();
});

/** Starts a cell, interrupts it after `after` ms, and returns the reply plus how long the stop took. */
async function interruptCell(code: string, via: 'message' | 'signal', after = 300, startedMarker?: string) {
  const { header, frames } = k.build('execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
  const reply = k.waitReply(header.msg_id, 10_000);
  await k.sendRaw('shell', frames);
  // Under load the cell may start late: interrupt only once it is running.
  while (!k.iopubLog.some((m) => m.parent_header.msg_id === header.msg_id && m.header.msg_type === 'execute_input')) {
    await new Promise((r) => setTimeout(r, 10));
  }
  while (startedMarker && !existsSync(startedMarker)) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, after));
  const t0 = Date.now();
  if (via === 'message') await k.request('interrupt_request', {}, { channel: 'control', timeout: 5000 });
  else k.proc.kill('SIGINT');
  const r = await reply;
  return { content: r.content as any, stoppedInMs: Date.now() - t0 };
}

describe('interrupt', () => {
  it.each(['message', 'signal'] as const)('stops a synchronous while(true) within 1 s and keeps state (%s)', async (via) => {
    await k.execute('const keptBefore = "still here"; let spins = 0');
    // The cell marks a file when its loop starts, so the interrupt cannot land before the loop runs.
    const marker = `${k.dir}/loop-${via}`;
    const { content, stoppedInMs } = await interruptCell(`require('fs').writeFileSync(${JSON.stringify(marker)}, '1')\nwhile (true) { spins++ }`, via, 100, marker);
    expect(content.ename).toBe('KeyboardInterrupt');
    expect(stoppedInMs).toBeLessThan(1000);
    expect(await k.value('keptBefore')).toBe("'still here'");
    expect(Number(await k.value('spins'))).toBeGreaterThan(0);
  });

  it.each(['message', 'signal'] as const)('stops an awaiting async loop within 1 s (%s)', async (via) => {
    const { content, stoppedInMs } = await interruptCell('let epochs = 0\nwhile (true) { await new Promise((r) => setTimeout(r, 10)); epochs++ }', via);
    expect(content.ename).toBe('KeyboardInterrupt');
    expect(stoppedInMs).toBeLessThan(1000);
    expect(Number(await k.value('epochs'))).toBeGreaterThan(5);
  });

  it('stops a loop that starves the event loop (await on resolved promises)', async () => {
    const { content, stoppedInMs } = await interruptCell('let starved = 0\nwhile (true) { await null; starved++ }', 'message');
    expect(content.ename).toBe('KeyboardInterrupt');
    expect(content.traceback.join('\n')).toMatch(/line 2/); // where the loop was
    expect(stoppedInMs).toBeLessThan(1000);
    expect(Number(await k.value('starved'))).toBeGreaterThan(1000);
  });

  it('stops uninstrumented library code that starves the event loop (V8 termination fallback)', async () => {
    // Function built with `new Function` is not rewritten by the cell compiler, so it has no loop check.
    await k.execute('const spinForever = new Function("return (async () => { for (;;) { await null } })()")');
    const { content, stoppedInMs } = await interruptCell('await spinForever()', 'message');
    expect(content.ename).toBe('KeyboardInterrupt');
    expect(stoppedInMs).toBeLessThan(1500);
    expect(await k.value('keptBefore')).toBe("'still here'");
    expect(await k.value('1 + 1')).toBe('2');
  });

  it('answers heartbeat and kernel_info on control while a cell blocks the main thread', async () => {
    // The cell blocks until the test has had both answers, so an answer can only come from the I/O
    // thread; a loaded machine slows the answers but cannot make them arrive after the block ended.
    const started = `${k.dir}/block-started`;
    const release = `${k.dir}/block-release`;
    const fs = "require('fs')";
    const code = `${fs}.writeFileSync(${JSON.stringify(started)}, '1')\nconst until = Date.now() + 30000\nwhile (!${fs}.existsSync(${JSON.stringify(release)}) && Date.now() < until) {}\n${fs}.existsSync(${JSON.stringify(release)})`;
    const { header, frames } = k.build('execute_request', { code });
    const reply = k.waitReply(header.msg_id, 40_000);
    await k.sendRaw('shell', frames);
    while (!existsSync(started)) await new Promise((r) => setTimeout(r, 10));
    const beat = await k.heartbeat(10_000);
    const info = await k.request('kernel_info_request', {}, { channel: 'control', timeout: 10_000 }).catch((e) => e as Error);
    writeFileSync(release, '1');
    expect(beat).toBe(true);
    expect((info as any).content?.implementation).toBe('tsml');
    const done = await reply;
    expect((done.content as any).status).toBe('ok');
    // The cell ended because it was released, not by its 30 s cap: the answers came while it blocked.
    const result = k.iopubLog.find((m) => m.parent_header.msg_id === header.msg_id && m.header.msg_type === 'execute_result');
    expect((result?.content as any)?.data['text/plain']).toBe('true');
  }, 60_000);
});

describe('stray errors', () => {
  it('reports a throw inside a timer in the running cell and keeps the kernel alive', async () => {
    const { outputs, content } = await k.execute('setTimeout(() => { throw new Error("from a timer") }, 10)\nawait new Promise((r) => setTimeout(r, 100))\n"after"');
    expect(content.status).toBe('ok');
    const stderr = k.stdoutOf(outputs, 'stderr').replace(/\x1b\[[0-9;]*m/g, '');
    expect(stderr).toMatch(/uncaught exception[\s\S]*Error: from a timer/);
    expect(await k.value('1 + 2')).toBe('3');
  });

  it('reports an unhandled rejection after its cell finished as stderr', async () => {
    const { parent_header: header } = await k.execute('setTimeout(() => Promise.reject(new Error("late rejection")), 50)').then((r) => r.reply);
    await new Promise((r) => setTimeout(r, 300));
    const late = k.iopubLog.filter((m) => m.header.msg_type === 'stream' && m.parent_header.msg_id === (header as any).msg_id);
    expect(late.map((m) => (m.content as any).text).join('')).toMatch(/late rejection/);
    expect(await k.value('"alive"')).toBe("'alive'");
  });
});

describe('stray errors after a package added rethrowing process listeners', () => {
  // Emscripten-built packages (tfjs-backend-wasm, sql.js, …) add
  // process.on('uncaughtException', (e) => { throw e }) when they load under Node.
  let k2: KernelClient;
  beforeAll(async () => {
    k2 = await KernelClient.start();
  });
  afterAll(async () => {
    await k2?.stop();
  });

  it('reports a timer throw once and keeps the kernel alive', async () => {
    await k2.value(`process.on('uncaughtException', (e) => { throw e }); process.on('unhandledRejection', (r) => { throw r }); 1`);
    const { outputs, content } = await k2.execute('setTimeout(() => { throw new Error("from a timer") }, 10)\nawait new Promise((r) => setTimeout(r, 200))\n"after"');
    expect(content.status).toBe('ok');
    const stderr = k2.stdoutOf(outputs, 'stderr').replace(/\x1b\[[0-9;]*m/g, '');
    expect(stderr.match(/Error: from a timer/g)).toHaveLength(1);
    expect(await k2.value('"alive"')).toBe("'alive'");
  }, 30_000);

  it('survives an unhandled rejection, and a listener that throws something else is reported', async () => {
    const { outputs } = await k2.execute('Promise.reject(new Error("rejected")); await new Promise((r) => setTimeout(r, 200))');
    expect(k2.stdoutOf(outputs, 'stderr')).toMatch(/rejected/);
    await k2.value(`process.on('uncaughtException', () => { throw new Error("listener broke") }); 1`);
    const second = await k2.execute('setTimeout(() => { throw new Error("again") }, 10)\nawait new Promise((r) => setTimeout(r, 200))');
    const stderr = k2.stdoutOf(second.outputs, 'stderr');
    expect(stderr).toMatch(/again/);
    expect(stderr).toMatch(/listener broke/);
    expect(await k2.value('"alive"')).toBe("'alive'");
  }, 30_000);

  it('survives a timer throw once TensorFlow.js (wasm backend) has loaded', async () => {
    await k2.execute('await tsml.loadTf(); 1', {}, 60_000);
    const { content } = await k2.execute('setTimeout(() => { throw new Error("after tf") }, 10)\nawait new Promise((r) => setTimeout(r, 200))');
    expect(content.status).toBe('ok');
    expect(await k2.value('"alive"')).toBe("'alive'");
  }, 90_000);
});

describe('lifecycle', () => {
  it('exits with the code a cell passes to process.exit()', async () => {
    const k2 = await KernelClient.start();
    k2.send('execute_request', { code: 'process.exit(7)', silent: false });
    const exit = await new Promise<{ code: number | null; signal: string | null }>((res) =>
      k2.proc.once('exit', (code, signal) => res({ code, signal })),
    );
    expect(exit).toEqual({ code: 7, signal: null });
    expect(k2.stderr).not.toMatch(/terminate called|Napi::Error/);
    await k2.stop();
  });

  it('exits when the process named by JPY_PARENT_PID dies', async () => {
    const { spawn } = await import('node:child_process');
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1000)']);
    const k2 = await KernelClient.start({ env: { JPY_PARENT_PID: String(parent.pid) } });
    const t0 = Date.now();
    const code = await new Promise((res) => k2.proc.once('exit', res));
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    await k2.stop();
  });

  it('shuts down cleanly on shutdown_request', async () => {
    const k2 = await KernelClient.start();
    const r = await k2.request('shutdown_request', { restart: true }, { channel: 'control' });
    expect(r.content).toEqual({ status: 'ok', restart: true });
    const code = await new Promise((res) => (k2.proc.exitCode !== null ? res(k2.proc.exitCode) : k2.proc.once('exit', res)));
    expect(code).toBe(0);
    await k2.stop();
  });

  it('persists history across restarts as a new session', async () => {
    const k3 = await KernelClient.start();
    await k3.execute('const persisted = 1');
    await k3.stop();
    const k4 = await KernelClient.start({ env: { TSML_HISTORY_FILE: `${k3.dir}/history.jsonl` } });
    const r = await k4.request('history_request', { hist_access_type: 'search', pattern: 'const persisted*', output: false, raw: true });
    const hist = (r.content as any).history;
    expect(hist).toHaveLength(1);
    expect(hist[0][0]).toBe(1);
    const tail = await k4.request('history_request', { hist_access_type: 'range', session: -1, start: 1, stop: 5, output: false, raw: true });
    expect((tail.content as any).history.map((h: any) => h[2])).toEqual(['const persisted = 1']);
    await k4.stop();
  });
});
