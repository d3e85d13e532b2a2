/** Execution semantics over the real protocol: state, await, imports, results, errors, ordering. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KernelClient } from './client.js';

let k: KernelClient;
beforeAll(async () => {
  k = await KernelClient.start();
});
afterAll(async () => {
  await k?.stop();
});

const types = (outputs: { header: { msg_type: string } }[]) => outputs.map((m) => m.header.msg_type);

describe('execute', () => {
  it('brackets every request with busy … idle and echoes execute_input', async () => {
    const { outputs, content } = await k.execute('1 + 1');
    expect(types(outputs)[0]).toBe('status');
    expect((outputs[0].content as any).execution_state).toBe('busy');
    const input = outputs.find((m) => m.header.msg_type === 'execute_input')!;
    expect((input.content as any).code).toBe('1 + 1');
    expect((input.content as any).execution_count).toBe(content.execution_count);
    expect(types(outputs).at(-1)).toBe('status');
    expect(outputs.find((m) => m.header.msg_type === 'execute_result')!.content).toMatchObject({
      data: { 'text/plain': '2' },
      execution_count: content.execution_count,
    });
  });

  it('carries declarations across cells and allows re-declaration', async () => {
    await k.execute('const rate: number = 0.5\nlet steps = 3\nfunction scale(x: number) { return x * rate }\nclass Box { constructor(public v: number) {} }');
    expect(await k.value('scale(steps)')).toBe('1.5');
    await k.execute('const rate = 2');
    expect(await k.value('scale(steps) + new Box(1).v')).toBe('7');
  });

  it('supports top-level await and does not print undefined', async () => {
    expect(await k.value('const slow = await new Promise<number>((r) => setTimeout(() => r(7), 20))\nslow * 6')).toBe('42');
    const { outputs } = await k.execute('console.log("side effect")');
    expect(types(outputs)).not.toContain('execute_result');
  });

  it('imports Node built-ins and npm packages (ESM and CommonJS) statically and dynamically', async () => {
    expect(await k.value("import * as path from 'node:path'\npath.join('a', 'b')")).toBe("'a/b'");
    expect(await k.value("import { createHash } from 'crypto'\ncreateHash('sha1').update('x').digest('hex').length")).toBe('40');
    // acorn is ESM+CJS, sucrase is CommonJS: both resolve from the kernel's own packages.
    expect(await k.value("import { parse } from 'acorn'\ntypeof parse")).toBe("'function'");
    expect(await k.value("const s = await import('sucrase')\ntypeof s.transform")).toBe("'function'");
  });

  it('resolves packages and relative modules from the notebook directory first', async () => {
    const pkg = join(k.dir, 'node_modules', 'esm-only-pkg');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'esm-only-pkg', type: 'module', exports: { '.': { import: './index.js' } } }));
    writeFileSync(join(pkg, 'index.js'), 'export const answer = 42; export default "dflt";');
    writeFileSync(join(k.dir, 'local.mjs'), 'export const here = "local";');
    expect(await k.value("import dflt, { answer } from 'esm-only-pkg'\n`${dflt}:${answer}`")).toBe("'dflt:42'");
    expect(await k.value("import { here } from './local.mjs'\nhere")).toBe("'local'");
    writeFileSync(join(k.dir, 'config.json'), '{"lr": 0.01}');
    expect(await k.value("import cfg from './config.json' with { type: 'json' }\ncfg.lr")).toBe('0.01');
    const { content } = await k.execute("import nope from 'no-such-package-xyz'");
    expect(content.status).toBe('error');
    expect(content.evalue).toMatch(/npm install no-such-package-xyz/);
    // The README's message, without Node's repetition pointing into the kernel's own files.
    expect(content.evalue).toBe("Cannot find module 'no-such-package-xyz'. Install it next to the notebook (npm install no-such-package-xyz) and run the cell again.");
  });

  it("require() searches the notebook's directory, then the kernel's own packages", async () => {
    // k.dir is a temporary directory with no node_modules of its own above it.
    expect(await k.value("require.resolve('vega-datasets').includes('/node_modules/vega-datasets/')")).toBe('true');
    expect(await k.value("typeof require('arquero').table")).toBe("'function'");
    expect(await k.value("require('node:path').sep")).toBe("'/'");
    // A package installed next to the notebook wins over the kernel's copy.
    const pkg = join(k.dir, 'node_modules', 'yaml');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'yaml', main: 'index.js' }));
    writeFileSync(join(pkg, 'index.js'), 'module.exports = { mine: true };');
    expect(await k.value("require('yaml').mine")).toBe('true');
    expect(await k.value("require.resolve('yaml').startsWith(process.cwd())")).toBe('true');
    writeFileSync(join(k.dir, 'helper.cjs'), 'module.exports = () => "helped";');
    expect(await k.value("require('./helper.cjs')()")).toBe("'helped'");
    const missing = await k.execute("require('no-such-package-xyz')");
    expect(missing.content).toMatchObject({ status: 'error', ename: 'ModuleNotFoundError' });
    expect(missing.content.evalue).toMatch(/npm install no-such-package-xyz/);
    expect(missing.content.evalue).toBe("Cannot find module 'no-such-package-xyz'. Install it next to the notebook (npm install no-such-package-xyz) and run the cell again.");
    const relative = await k.execute("require('./nope.cjs')");
    expect(relative.content.evalue).toMatch(/relative imports resolve from/);
  });

  it('reports errors with the cell line, not generated code', async () => {
    const { content, outputs } = await k.execute('const ok = 1\n\nnull!.boom');
    expect(content.status).toBe('error');
    expect(content.ename).toBe('TypeError');
    const tb = content.traceback.join('\n');
    expect(tb).toMatch(/line 3/);
    expect(tb).toContain('null!.boom');
    expect(tb).not.toMatch(/__tsml|tsml-cell/);
    expect(types(outputs).filter((t) => t === 'error')).toHaveLength(1);
  });

  it('maps errors inside functions from earlier cells to those cells', async () => {
    const first = await k.execute('function explode(x: number) {\n  if (x > 1) {\n    throw new RangeError("too big")\n  }\n}');
    const { content } = await k.execute('explode(5)');
    const tb = content.traceback.join('\n');
    expect(content.ename).toBe('RangeError');
    expect(tb).toContain(`at explode (Cell In[${first.content.execution_count}], line 3)`);
  });

  it('reports syntax errors with line and caret', async () => {
    const { content } = await k.execute('const a = 1\nconst b = (2 +\nconst c = 3');
    expect(content.ename).toBe('SyntaxError');
    expect(content.traceback.join('\n')).toMatch(/line 3/);
  });

  it('handles thrown non-errors', async () => {
    const { content } = await k.execute('throw "plain string"');
    expect(content).toMatchObject({ status: 'error', ename: 'Uncaught', evalue: 'plain string' });
  });

  it('honours silent and store_history', async () => {
    const before = (await k.execute('1')).content.execution_count;
    const silent = await k.execute('console.log("quiet"); 5', { silent: true });
    expect(types(silent.outputs)).not.toContain('execute_input');
    expect(types(silent.outputs)).not.toContain('execute_result');
    expect(silent.content.execution_count).toBe(before);
    const nohist = await k.execute('6', { store_history: false });
    expect(nohist.content.execution_count).toBe(before);
    expect((await k.execute('7')).content.execution_count).toBe(before + 1);
  });

  it('evaluates user_expressions', async () => {
    const { content } = await k.execute('const ue = 21', { user_expressions: { double: 'ue * 2', bad: 'neverDeclaredAnywhere.x' } });
    expect(content.user_expressions.double).toMatchObject({ status: 'ok', data: { 'text/plain': '42' } });
    expect(content.user_expressions.bad).toMatchObject({ status: 'error', ename: 'ReferenceError' });
  });

  it('aborts queued requests after an error when stop_on_error is set', async () => {
    const failing = k.build('execute_request', { code: 'await new Promise((r) => setTimeout(r, 100)); throw new Error("first")', stop_on_error: true });
    const queued = k.build('execute_request', { code: 'globalThis.ranAfterError = true', stop_on_error: true });
    const r1 = k.waitReply(failing.header.msg_id);
    const r2 = k.waitReply(queued.header.msg_id);
    await k.sendRaw('shell', failing.frames);
    await k.sendRaw('shell', queued.frames);
    expect(((await r1).content as any).status).toBe('error');
    expect(((await r2).content as any).status).toBe('aborted');
    await k.outputsOf(queued.header.msg_id); // aborted requests still get busy/idle
    expect(await k.value('String(globalThis.ranAfterError)')).toBe("'undefined'");
  });

  it('publishes every output before idle, in order, for 100 cells', async () => {
    for (let i = 0; i < 100; i++) {
      const { outputs } = await k.execute(`console.log(${i}); ${i}`);
      const t = types(outputs);
      expect(t.indexOf('stream')).toBeLessThan(t.indexOf('execute_result'));
      expect(t.at(-1)).toBe('status');
    }
    const late = k.iopubLog.filter((m) => m.header.msg_type !== 'status');
    for (const m of late) {
      const id = m.parent_header.msg_id;
      const idleAt = k.iopubLog.findIndex((x) => x.parent_header.msg_id === id && (x.content as any).execution_state === 'idle');
      if (idleAt >= 0) expect(k.iopubLog.indexOf(m)).toBeLessThan(idleAt);
    }
  });

  it('streams output of a long synchronous loop while it runs', async () => {
    const { outputs } = await k.execute('for (let i = 0; i < 3; i++) { console.log("tick", i); const t = Date.now(); while (Date.now() - t < 80) {} }');
    const streams = outputs.filter((m) => m.header.msg_type === 'stream');
    expect(streams.length).toBeGreaterThanOrEqual(2);
    expect(k.stdoutOf(outputs)).toBe('tick 0\ntick 1\ntick 2\n');
  });

  it('sends a line printed before a long synchronous computation at once, not with the next print', async () => {
    // A quiet spell first, then one print, 1 s of blocking work, and another print.
    const { outputs } = await k.execute('await new Promise((r) => setTimeout(r, 200))\nconsole.log("epoch 1")\nconst t0 = Date.now(); while (Date.now() - t0 < 1000) {}\nconsole.log("epoch 2")');
    const texts = outputs.filter((m) => m.header.msg_type === 'stream').map((m) => (m.content as any).text);
    expect(texts[0]).toBe('epoch 1\n');
    expect(texts.join('')).toBe('epoch 1\nepoch 2\n');
  });

  it('routes console.error and process.stderr to the stderr stream', async () => {
    const { outputs } = await k.execute('console.error("warn!"); process.stderr.write("raw\\n")');
    expect(k.stdoutOf(outputs, 'stderr')).toBe('warn!\nraw\n');
  });
});
