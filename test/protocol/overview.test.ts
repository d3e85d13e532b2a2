/**
 * display.overview over the real kernel, as the very first cell: its code loads with the tsml API
 * after start, and a cell that mentions it waits for that load (a plain cell does not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient } from './client.js';

let k: KernelClient;
beforeAll(async () => {
  k = await KernelClient.start();
});
afterAll(async () => {
  await k?.stop();
});

describe('display.overview in the kernel', () => {
  it('works in the first cell after start, from a statistics object', async () => {
    const code =
      "display.overview({ datasets: [{ name: 'd', numExamples: 4, features: [{ name: 'x', type: 'FLOAT', numStats: { commonStats: { numNonMissing: 3, numMissing: 1 }, mean: 2 } }] }] })";
    const { reply, outputs } = await k.execute(code);
    expect((reply.content as any).status).toBe('ok');
    const shown = outputs.filter((m) => m.header.msg_type === 'display_data').map((m) => m.content as any);
    expect(shown).toHaveLength(1);
    expect(Object.keys(shown[0].data).sort()).toEqual(['application/vnd.tsml.overview.v1+json', 'text/html', 'text/plain']);
    expect(shown[0].data['text/plain']).toContain('x (float)\n    count 3  missing 25%  mean 2');
  });

  it('reports bad input as a cell error and keeps the kernel going', async () => {
    const bad = await k.execute('display.overview({ rows: 3 })');
    expect((bad.reply.content as any).status).toBe('error');
    expect((bad.reply.content as any).evalue).toMatch(/expected a DatasetFeatureStatisticsList/);
    const next = await k.execute('1 + 1');
    expect((next.reply.content as any).status).toBe('ok');
  });
});
