/** display.plotly over the real protocol: the plotly payload, a text/html that draws it with plotly.js (inlined once), a text summary. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient } from './client.js';

let k: KernelClient;
beforeAll(async () => { k = await KernelClient.start(); });
afterAll(async () => { await k?.stop(); });

async function shown(code: string) {
  const { outputs, content } = await k.execute(code);
  expect(content.status, `${content.ename}: ${content.evalue}`).toBe('ok');
  return outputs.filter((m) => m.header.msg_type === 'display_data').map((m) => (m.content as any).data as Record<string, any>);
}

describe('display.plotly', () => {
  it('sends the figure as Plotly JSON (typed arrays as arrays, NaN as null), a summary, and HTML that carries plotly.js the first time only', async () => {
    const [first, second] = await shown(
      "display.plotly({ data: [{ x: new Float64Array([1, 2, 3]), y: [2, NaN, 6], type: 'scatter', mode: 'lines' }, { x: ['a'], y: [1], type: 'bar' }], layout: { title: { text: 'Fit' }, height: 300 } });\n" +
        "display.plotly([{ x: [1], y: [1] }])",
    );
    expect(first['application/vnd.plotly.v1+json']).toEqual({
      data: [{ x: [1, 2, 3], y: [2, null, 6], type: 'scatter', mode: 'lines' }, { x: ['a'], y: [1], type: 'bar' }],
      layout: { title: { text: 'Fit' }, height: 300 },
    });
    expect(first['text/plain']).toBe('Plotly figure: 2 traces (scatter, bar) · Fit');
    expect(first['text/html'].length).toBeGreaterThan(3_000_000);
    expect(first['text/html']).toMatch(/^<div id="tsml-plotly-[0-9a-f-]+" class="tsml-plotly" style="width:100%;height:300px"><\/div>/);
    expect(first['text/html']).not.toMatch(/<\/script(?!>)/i); // the library cannot end its script element early
    expect(second['text/html'].length).toBeLessThan(2_000);
    expect(second['text/html']).toContain('window.Plotly.newPlot(');
    expect(second['text/plain']).toBe('Plotly figure: 1 trace (scatter)');
  });

  it("plotlyjs: 'inline' and 'cdn' choose where the HTML gets plotly.js; a non-figure says what to pass", async () => {
    const [inline, cdn] = await shown("display.plotly([{ y: [1] }], { plotlyjs: 'inline' }); display.plotly([{ y: [1] }], { plotlyjs: 'cdn' })");
    expect(inline['text/html'].length).toBeGreaterThan(3_000_000);
    expect(cdn['text/html']).toContain("s.src='https://cdn.plot.ly/plotly-4.1.2.min.js'");
    const bad = await k.execute('display.plotly({ traces: [] })');
    expect(bad.content.evalue).toMatch(/^display\.plotly needs a figure \{ data: \[traces\], layout \}/);
  });
});
