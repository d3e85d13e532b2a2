/**
 * Widget behaviour in the real kernel over ZeroMQ, driven as a frontend drives it: observers,
 * both-way sync, links, Output capture, interact() (debounced re-runs into one Output, errors shown
 * there), anywidget state with binary buffers, and custom messages.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient, until } from '../protocol/client.js';

const PY = join(__dirname, '..', '..', '.venv', 'bin', 'python');

let k: KernelClient;
beforeAll(async () => { k = await KernelClient.start(); });
afterAll(async () => { await k?.stop(); });

const id = async (expr: string) => (await k.value(`${expr}.modelId`))!.replace(/'/g, '');
const ok = async (code: string) => {
  const r = await k.execute(code);
  expect(r.content.status, `${r.content.ename}: ${r.content.evalue}`).toBe('ok');
  return r;
};

/** Sends a frontend update and returns the iopub messages it caused (up to idle). */
async function update(modelId: string, state: Record<string, unknown>, buffers?: ArrayBufferView[], paths: unknown[] = []) {
  const h = k.send('comm_msg', { comm_id: modelId, data: { method: 'update', state, buffer_paths: paths } }, 'shell', buffers);
  return k.outputsOf(h.msg_id);
}

/** The comm_msg data sent to a widget so far. */
const sentTo = (modelId: string) =>
  k.iopubLog.filter((m) => m.header.msg_type === 'comm_msg' && (m.content as any).comm_id === modelId).map((m) => (m.content as any).data);


describe('widgets in the kernel', () => {
  it('a view moving a slider: the kernel sees the value, observers run with old and new', async () => {
    await ok("const s = new tsml.widgets.IntSlider({ value: 2, max: 10 }); globalThis.seen = []; s.observe((c) => seen.push([c.name, c.old, c.new]), 'value'); s");
    await update(await id('s'), { value: 6 });
    expect(await k.value('s.value')).toBe('6');
    expect(await k.value('JSON.stringify(seen)')).toBe(`'[["value",2,6]]'`);
  });

  it('setting a property in the kernel updates the views; bounds clamp the value and a bad value says why', async () => {
    await ok('s.value = 9; s.max = 5');
    const sent = sentTo(await id('s'));
    expect(sent.slice(-3)).toEqual([
      { method: 'update', state: { value: 9 }, buffer_paths: [] },
      { method: 'update', state: { max: 5 }, buffer_paths: [] },
      { method: 'update', state: { value: 5 }, buffer_paths: [] },
    ]);
    const bad = await k.execute("s.value = 'lots'");
    expect(bad.content.evalue).toBe('IntSlider.value must be a number, got "lots"');
    const unknown = await k.execute('new tsml.widgets.IntSlider({ valeu: 3 })');
    expect(unknown.content.evalue).toMatch(/^IntSlider has no property 'valeu'; it has: .*value/);
  });

  it('Dropdown: options as values, pairs or an object; observing value follows the index', async () => {
    await ok("const d = new tsml.widgets.Dropdown({ options: { Fast: 0.1, Slow: 0.01 }, value: 0.01 }); globalThis.picked = []; d.observe((c) => picked.push(c.new), 'value')");
    expect(await k.value('[d.index, d.label, d.value]')).toBe("[ 1, 'Slow', 0.01 ]");
    await update(await id('d'), { index: 0 });
    expect(await k.value('[d.value, picked]')).toBe("[ 0.1, [ 0.1 ] ]");
    expect((await k.execute('d.value = 3')).content.evalue).toBe('Dropdown: value 3 is not one of the options: Fast, Slow');
  });

  it('link keeps two properties equal in the kernel; unlink stops it', async () => {
    await ok('const a = new tsml.widgets.IntSlider({ value: 1 }); const b = new tsml.widgets.IntSlider(); const ln = tsml.widgets.link([a, "value"], [b, "value"])');
    expect(await k.value('b.value')).toBe('1');
    await update(await id('b'), { value: 42 });
    expect(await k.value('a.value')).toBe('42');
    await ok('ln.unlink(); a.value = 7');
    expect(await k.value('b.value')).toBe('42');
    expect((await k.execute('tsml.widgets.link([a, "vlaue"], [b, "value"])')).content.evalue).toMatch(/source: IntSlider has no property 'vlaue'/);
  });

  it("Output.capture: a callback's prints and displays become the Output's outputs state", async () => {
    await ok("const out = new tsml.widgets.Output(); const btn = new tsml.widgets.Button({ description: 'go' }); btn.onClick(() => out.capture(() => { out.clear(true); console.log('clicked'); display.html('<b>hi</b>') }))");
    const h = k.send('comm_msg', { comm_id: await id('btn'), data: { method: 'custom', content: { event: 'click' } } });
    const msgs = await k.outputsOf(h.msg_id);
    expect(msgs.some((m) => m.header.msg_type === 'stream')).toBe(false); // nothing leaked to iopub
    const outId = await id('out');
    const outputs = await until('outputs', () => sentTo(outId).map((d) => d.state?.outputs).filter(Boolean).at(-1));
    expect(outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'clicked\n' },
      { output_type: 'display_data', data: { 'text/html': '<b>hi</b>', 'text/plain': '<HTML>' }, metadata: {} },
    ]);
  });

  it('Output.capture keeps a display that is formatted later (display.vegalite resolves after the call) in the Output', async () => {
    const spec = "{ data: { values: [{ x: 1, y: 2 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } }";
    const { outputs } = await ok(`const vlOut = new tsml.widgets.Output(); vlOut.capture(() => { display.vegalite(${spec}); })`);
    expect(outputs.some((m) => m.header.msg_type === 'display_data')).toBe(false); // nothing reached the cell
    const outId = await id('vlOut');
    const shown = await until('vega-lite in the Output', () => sentTo(outId).map((d) => d.state?.outputs).filter(Boolean).at(-1)?.[0]);
    expect(Object.keys(shown.data)).toEqual(expect.arrayContaining(['application/vnd.vegalite.v5+json', 'image/svg+xml']));
  });

  it('interact: controls from the spec, a first run before the cell ends, a debounced re-run per change, errors shown in the Output', async () => {
    const { outputs } = await ok(
      "globalThis.runs = []; const ia = tsml.interact(({ n, kind }) => { runs.push([n, kind]); if (n === 13) throw new RangeError('unlucky'); return `${kind}:${n}` }, { n: [0, 20], kind: ['linear', 'cosine'] }, { debounce: 150 }); [ia.controls.n.constructor.name, ia.controls.kind.constructor.name]",
    );
    expect(outputs.find((m) => m.header.msg_type === 'execute_result')!.content).toMatchObject({ data: { 'text/plain': "[ 'IntSlider', 'Dropdown' ]" } });
    // Displayed once (the VBox), and the first result is already in the Output's state.
    expect(outputs.filter((m) => m.header.msg_type === 'display_data')).toHaveLength(1);
    const outId = await id('ia.output');
    expect(sentTo(outId).at(-1).state.outputs).toEqual([{ output_type: 'display_data', data: { 'text/plain': "'linear:10'" }, metadata: {} }]);

    const nId = await id('ia.controls.n');
    for (const v of [3, 4, 5]) await update(nId, { value: v });
    await update(await id('ia.controls.kind'), { index: 1 });
    const last = await until('re-run', () => sentTo(outId).at(-1)?.state?.outputs?.[0]?.data?.['text/plain'] === "'cosine:5'" || undefined);
    expect(last).toBe(true);
    expect(await k.value('JSON.stringify(runs)')).toBe(`'[[10,"linear"],[5,"cosine"]]'`); // one run for four changes

    await update(nId, { value: 13 });
    const err = await until('error output', () => sentTo(outId).at(-1)?.state?.outputs?.find((o: any) => o.output_type === 'error'));
    expect(err).toMatchObject({ ename: 'RangeError', evalue: 'unlucky' });
    expect(await k.value('1 + 1')).toBe('2');
  });

  it('anywidget: the state anywidget itself sends (Python oracle), binary values as buffers both ways, custom messages', async () => {
    const esm = 'export default { render({ model, el }) { el.textContent = model.get("count") } }';
    const python = `import anywidget, traitlets, json\nclass W(anywidget.AnyWidget):\n    _esm = ${JSON.stringify(esm)}\n    _css = ".c { color: red }"\n    count = traitlets.Int(0).tag(sync=True)\n    label = traitlets.Unicode("n").tag(sync=True)\nprint(json.dumps(W().get_state()))`;
    const expected = JSON.parse(execFileSync(PY, ['-c', python]).toString());
    const { outputs } = await ok(
      `const cw = tsml.widget({ esm: ${JSON.stringify(esm)}, css: '.c { color: red }', state: { count: 0, label: 'n', data: new Float64Array([1.5, 2.5]) } }); globalThis.got = []; cw.onCustom((c, b) => got.push([c, b.map((x) => x.byteLength)]));`,
    );
    const open = outputs.filter((m) => m.header.msg_type === 'comm_open').at(-1)!;
    const state = (open.content as any).data.state;
    const strip = (s: Record<string, unknown>) => Object.fromEntries(Object.entries(s).filter(([key]) => !['layout', '_anywidget_id', 'data'].includes(key)));
    expect(strip(state)).toEqual(strip(expected));
    expect((open.content as any).data.buffer_paths).toEqual([['data']]);
    expect(Array.from(new Float64Array(new Uint8Array(open.buffers[0] as Uint8Array).buffer))).toEqual([1.5, 2.5]);

    const cwId = await id('cw');
    await update(cwId, { count: 5, data: null }, [new Float32Array([7, 8, 9])], [['data']]);
    expect(await k.value('[cw.count, cw.data.byteLength]')).toBe('[ 5, 12 ]');
    const h = k.send('comm_msg', { comm_id: cwId, data: { method: 'custom', content: { kind: 'ping' } } }, 'shell', [new Uint8Array(4)]);
    await k.outputsOf(h.msg_id);
    expect(await k.value('JSON.stringify(got)')).toBe(`'[[{"kind":"ping"},[4]]]'`);
    await ok("cw.send({ kind: 'pong' })");
    expect(sentTo(cwId).at(-1)).toEqual({ method: 'custom', content: { kind: 'pong' } });
  });

  it('closing a widget closes its comm; the control comm no longer lists it', async () => {
    const sId = await id('s');
    await ok('s.close()');
    expect(k.iopubLog.some((m) => m.header.msg_type === 'comm_close' && (m.content as any).comm_id === sId)).toBe(true);
    expect(await k.value('tsml.widgets.all().some((w) => w === s)')).toBe('false');
  });
});
