/** Display system over the real protocol: display_data, handles, clear_output, Deno and tslab protocols. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient } from './client.js';

let k: KernelClient;
beforeAll(async () => {
  k = await KernelClient.start();
});
afterAll(async () => {
  await k?.stop();
});

const of = (outputs: any[], type: string) => outputs.filter((m) => m.header.msg_type === type).map((m) => m.content);

describe('display', () => {
  it('shows values and typed MIME data', async () => {
    const { outputs } = await k.execute(
      'display({ a: 1 })\ndisplay.html("<b>hi</b>")\ndisplay.markdown("# T")\ndisplay.png(new Uint8Array([137, 80, 78, 71]))\ndisplay.vegalite({ mark: "bar" })',
    );
    const d = of(outputs, 'display_data');
    expect(d).toHaveLength(5);
    expect(d[0].data['text/plain']).toBe('{ a: 1 }');
    expect(d[1].data['text/html']).toBe('<b>hi</b>');
    expect(d[2].data['text/markdown']).toBe('# T');
    expect(d[3].data['image/png']).toBe(Buffer.from([137, 80, 78, 71]).toString('base64'));
    expect(d[4].data['application/vnd.vegalite.v5+json']).toEqual({ mark: 'bar' });
    for (const x of d) expect(typeof x.data['text/plain']).toBe('string');
  });

  it('updates a display handle in place with update_display_data', async () => {
    const { outputs } = await k.execute('const h = display("step 0", { display_id: true })!\nh.update("step 1")\nh.update("step 2")');
    const shown = of(outputs, 'display_data');
    const updates = of(outputs, 'update_display_data');
    expect(shown).toHaveLength(1);
    expect(updates).toHaveLength(2);
    const id = shown[0].transient.display_id;
    expect(id).toBeTruthy();
    expect(updates.map((u: any) => u.transient.display_id)).toEqual([id, id]);
    expect(updates[1].data['text/plain']).toBe("'step 2'");
    expect(of(outputs, 'execute_result')).toHaveLength(0); // a handle has no Out[n]
  });

  it('updates a display from a later cell', async () => {
    await k.execute('const later = display.html("<i>old</i>", { display_id: "my-id" })!');
    const { outputs } = await k.execute('later.update("new text")');
    expect(of(outputs, 'update_display_data')[0].transient.display_id).toBe('my-id');
  });

  it('clears output, with and without wait', async () => {
    const { outputs } = await k.execute('console.log("a"); clearOutput({ wait: true }); console.log("b"); clearOutput()');
    expect(of(outputs, 'clear_output')).toEqual([{ wait: true }, { wait: false }]);
    const types = outputs.map((m) => m.header.msg_type);
    expect(types.indexOf('clear_output')).toBeGreaterThan(types.indexOf('stream'));
  });

  it("renders objects implementing Deno's Symbol.for('Jupyter.display')", async () => {
    const v = await k.execute(
      'class Chart { [Symbol.for("Jupyter.display")]() { return { "text/html": "<svg/>", "text/plain": "Chart" } } }\nnew Chart()',
    );
    expect(of(v.outputs, 'execute_result')[0].data).toEqual({ 'text/html': '<svg/>', 'text/plain': 'Chart' });
    const asyncOne = await k.execute('({ async [Symbol.for("Jupyter.display")]() { return { "text/markdown": "**async**" } } })');
    expect(of(asyncOne.outputs, 'execute_result')[0].data['text/markdown']).toBe('**async**');
  });

  it("runs tslab's display API unchanged", async () => {
    const { outputs } = await k.execute('import * as tslab from "tslab"\ntslab.display.html("<p>x</p>")\nconst d = tslab.newDisplay()\nd.text("one")\nd.text("two")');
    expect(of(outputs, 'display_data').map((x: any) => x.data['text/html'] ?? x.data['text/plain'])).toEqual(['<p>x</p>', 'one']);
    expect(of(outputs, 'update_display_data')[0].data['text/plain']).toBe('two');
  });

  it('imports the tsml package from cells', async () => {
    expect(await k.value('import { TsmlMime, version } from "tsml"\nTsmlMime.overview')).toBe("'application/vnd.tsml.overview.v1+json'");
  });

  it('bounds the text of huge values', async () => {
    const text = await k.value('Array.from({ length: 1_000_000 }, (_, i) => i)');
    expect(text!.length).toBeLessThan(2000);
    expect(text).toContain('more items');
  });

  it('says to add await under a promise shown as a value (a call missing its await)', async () => {
    const text = await k.value('new Promise(() => {})');
    expect(text).toBe('Promise { <pending> }\n(a Promise: to show its result, write await before the call, e.g. await tsml.readCsv(path))');
  });
});

describe('displays formatted later', () => {
  // A fresh kernel, so that the table case can meet a renderer still loading.
  let fresh: KernelClient;
  beforeAll(async () => {
    fresh = await KernelClient.start();
  });
  afterAll(async () => {
    await fresh?.stop();
  });

  it('arrive before the cell goes idle (headless runs keep them), and before an error the cell raises next', async () => {
    // A value whose Jupyter.display answers later: asynchronous whatever the kernel has loaded already.
    const later = (text: string) => `({ [Symbol.for('Jupyter.display')]: () => new Promise((r) => setTimeout(() => r({ 'text/plain': '${text}' }), 100)) })`;
    const shown = await fresh.execute(`display(${later('shown later')})`);
    expect(shown.content.status).toBe('ok');
    expect(of(shown.outputs, 'display_data').map((d) => d.data['text/plain'])).toEqual(['shown later']);

    const failing = await fresh.execute(`display(${later('before the error')})\nthrow new Error("after the display")`);
    expect(failing.content.status).toBe('error');
    const types = failing.outputs.map((m) => m.header.msg_type).filter((t) => t === 'display_data' || t === 'error');
    expect(types).toEqual(['display_data', 'error']);

    // An arquero table, whose renderer may still be loading in a kernel's first cells.
    const table = await fresh.execute('import * as aq from "arquero"\ndisplay(aq.table({ a: [1, 2, 3] }))');
    expect(of(table.outputs, 'display_data').map((d) => Object.keys(d.data))).toEqual([['application/vnd.tsml.table.v1+json', 'text/html', 'text/plain']]);
  });
});

describe('a table shown between prints', () => {
  // A fresh kernel: the first table of a session used to be formatted asynchronously, and every
  // table after it too (the loaded renderer was not kept), so prints after display(t) came first.
  let fresh: KernelClient;
  beforeAll(async () => {
    fresh = await KernelClient.start();
  });
  afterAll(async () => {
    await fresh?.stop();
  });
  const sequence = (outputs: any[]) =>
    outputs
      .filter((m) => m.header.msg_type === 'stream' || m.header.msg_type === 'display_data')
      .map((m) => (m.header.msg_type === 'stream' ? m.content.text : m.content.data['application/vnd.tsml.table.v1+json'] ? '<table>' : m.content.data['text/plain']))
      .join('|');

  it('keeps the order the cell made them in, from the first table of the session on', async () => {
    const first = await fresh.execute('const t = tsml.datasets.autoMpg()\nconsole.log("before")\ndisplay(t)\nconsole.log("after")\ndisplay("third")', {}, 60_000);
    expect(first.content.status).toBe('ok');
    expect(sequence(first.outputs)).toBe("before\n|<table>|after\n|'third'");
    const second = await fresh.execute('console.log("train:")\ndisplay(t.slice(0, 3))\nconsole.log("test:")\ndisplay(t.slice(3, 6))');
    expect(sequence(second.outputs)).toBe('train:\n|<table>|test:\n|<table>');
  }, 90_000);

  it('console.log(table) prints the table, and a table inside a value prints as one line, not arquero internals', async () => {
    const logged = await fresh.execute('const cars = tsml.datasets.autoMpg()\nconsole.log(cars.slice(0, 2))', {}, 60_000);
    const text = fresh.stdoutOf(logged.outputs);
    expect(text).toMatch(/^\s+MPG\s+Cylinders[^\n]*\n\s*0\s+18\s/);
    expect(text).toContain('[2 rows × 8 columns]');
    const split = await fresh.value('tsml.trainTestSplit(cars, { testSize: 0.2, randomState: 0 })');
    expect(split).toContain('train: ColumnTable [318 rows × 8 columns: MPG, Cylinders, Displacement');
    expect(split).not.toContain('_data');
  }, 90_000);
});
