/**
 * Training helpers through the real kernel over ZeroMQ: the live chart
 * streams as display updates and ends with the saved state; a headless run
 * prints one progress line and shows the final chart; a throwing callback
 * fails only its cell; an interrupted fit stops at a batch boundary within a
 * second, keeps weights and history, and resumes in the next cell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient } from './client.js';

const LOSS = 'application/vnd.tsml.loss.v1+json';
let k: KernelClient;
beforeAll(async () => {
  k = await KernelClient.start();
  const setup = await k.execute(
    [
      'const tf = tsml.tf',
      'tsml.seed(7)',
      'const x = tf.randomNormal([256, 4]); const y = x.sum(1).mul(0.5).add(1).expandDims(1)',
      'function makeModel() {',
      '  const m = tf.sequential({ layers: [tf.layers.dense({ units: 16, activation: "relu", inputShape: [4] }), tf.layers.dense({ units: 1 })] })',
      '  m.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError", metrics: ["mae"] })',
      '  return m',
      '}',
    ].join('\n'),
    {},
    60_000,
  );
  expect(setup.content.status).toBe('ok');
}, 90_000);
afterAll(async () => {
  await k?.stop();
});

const of = (outputs: any[], type: string) => outputs.filter((m) => m.header.msg_type === type).map((m) => m.content);

describe('fit in the kernel', () => {
  it('streams the live chart as updates of one display and ends with the full state and its fallbacks', async () => {
    const { content, outputs } = await k.execute('const m1 = makeModel()\nconst h1 = await tsml.fit(m1, { x, y }, { epochs: 30, batchSize: 8, validationSplit: 0.25, callbacks: [tsml.callbacks.liveLoss({ intervalMs: 20 })] })\nh1.length', { allow_stdin: true }, 60_000);
    expect(content.status).toBe('ok');
    const shown = of(outputs, 'display_data').filter((d: any) => d.data[LOSS]);
    expect(shown).toHaveLength(1);
    const id = shown[0].transient.display_id;
    const updates = of(outputs, 'update_display_data').filter((u: any) => u.transient.display_id === id);
    expect(updates.length).toBeGreaterThan(3);
    const last = updates[updates.length - 1].data;
    expect(last[LOSS].runs[0].status).toBe('done');
    expect(last[LOSS].runs[0].epoch).toBe(30);
    expect(last[LOSS].runs[0].series.map((s: any) => `${s.scope}:${s.name}`).sort()).toEqual(['batch:loss', 'batch:mae', 'epoch:val_loss', 'epoch:val_mae']);
    expect(last['text/html']).toContain('<svg');
    expect(last['text/plain']).toMatch(/run: done, epoch 30\/30, 720 steps/);
    for (const u of updates) expect(JSON.stringify(u.data).length).toBeLessThan(64 * 1024);
    expect(of(outputs, 'execute_result')[0].data['text/plain']).toBe('30');
    // No progress text in an interactive frontend: the chart says it all.
    expect(k.stdoutOf(outputs)).toBe('');
  });

  it('prints one progress line and shows the final chart in a headless run', async () => {
    const { content, outputs } = await k.execute('const m2 = makeModel()\nawait tsml.fit(m2, { x, y }, { epochs: 5, batchSize: 32 })', { allow_stdin: false }, 60_000);
    expect(content.status).toBe('ok');
    const out = k.stdoutOf(outputs);
    expect(out).toMatch(/epoch 5\/5 .* loss \d/);
    expect(out).toContain('[done]');
    expect(out.split('\n').filter(Boolean)).toHaveLength(1);
    const charts = of(outputs, 'display_data').filter((d: any) => d.data[LOSS]);
    expect(charts).toHaveLength(1);
    expect(charts[0].data[LOSS].runs[0].status).toBe('done');
    // The History is the cell's value: a table of epochs.
    const result = of(outputs, 'execute_result')[0].data;
    expect(result['text/plain']).toMatch(/^History \(run\): 5 epochs, done/);
    expect(result['application/vnd.tsml.table.v1+json'].shape).toEqual([5, 5]);
  });

  it('fails only the cell when a callback throws, naming the callback and its line', async () => {
    const { content } = await k.execute(
      'const m3 = makeModel()\nconst boom = { name: "boom", onEpochEnd(epoch: number) {\n  if (epoch === 1) throw new Error("bad epoch " + epoch)\n} }\nawait tsml.fit(m3, { x, y }, { epochs: 5, callbacks: [boom], verbose: false })',
      {},
      60_000,
    );
    expect(content.status).toBe('error');
    expect(content.ename).toBe('CallbackError');
    expect(content.evalue).toBe('callback boom.onEpochEnd failed: bad epoch 1');
    expect(content.traceback.join('\n')).toMatch(/line 3/);
    // The kernel lives on; the model has the weights of two epochs and its history says it failed.
    expect(await k.value('m3.history.length + " " + m3.history.status')).toBe("'2 failed'");
  });

  it('stops an interrupted fit at a batch boundary within 1 s, keeps weights and history, and resumes', async () => {
    await k.execute('const m4 = makeModel()');
    const { header, frames } = k.build('execute_request', {
      code: 'await tsml.fit(m4, { x, y }, { epochs: 300, batchSize: 4, callbacks: [tsml.callbacks.liveLoss({ intervalMs: 50 })] })',
      silent: false, store_history: true, user_expressions: {}, allow_stdin: true, stop_on_error: true,
    });
    const reply = k.waitReply(header.msg_id, 60_000);
    await k.sendRaw('shell', frames);
    // Interrupt once the chart has shown a few updates.
    while (k.iopubLog.filter((m) => m.parent_header.msg_id === header.msg_id && m.header.msg_type === 'update_display_data').length < 3) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const t0 = Date.now();
    await k.request('interrupt_request', {}, { channel: 'control', timeout: 5000 });
    const r = (await reply).content as any;
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.ename).toBe('KeyboardInterrupt');
    expect(r.evalue).toMatch(/Training interrupted after \d+ of 300 epochs/);
    const outputs = await k.outputsOf(header.msg_id);
    const updates = of(outputs, 'update_display_data');
    expect(updates[updates.length - 1].data[LOSS].runs[0].status).toBe('interrupted');
    // Give a stray batch time to show itself: the fit must not go on in the background.
    await new Promise((res) => setTimeout(res, 300));
    const done = Number(await k.value('m4.history.length'));
    const steps = Number(await k.value('m4.history.batches.step.length'));
    await new Promise((res) => setTimeout(res, 300));
    expect(Number(await k.value('m4.history.batches.step.length'))).toBe(steps);
    expect(done).toBeLessThan(300);
    expect(steps).toBeGreaterThan(0);
    expect(await k.value('m4.history.status')).toBe("'interrupted'");
    // Resume: the same history continues from the epoch after the last one finished.
    const resumed = await k.execute(`await tsml.fit(m4, { x, y }, { epochs: ${done + 2}, initialEpoch: ${done}, batchSize: 64, verbose: false }); m4.history.epoch.slice(-3)`, {}, 60_000);
    expect(resumed.content.status).toBe('ok');
    expect(of(resumed.outputs, 'execute_result')[0].data['text/plain']).toBe(`[ ${done - 1}, ${done}, ${done + 1} ]`.replace(/^\[ -1, /, '[ '));
    expect(await k.value('m4.history.status')).toBe("'done'");
  });
});
