/** display.vegalite's static fallback: Vega renders the spec to SVG offline; URL data and bad specs degrade clearly. */
import { describe, expect, it } from 'vitest';
import { vegaliteBundle, vegaliteSvg } from '../../kernel/src/display/vegalite.js';

const spec = {
  width: 200, height: 100, title: 'three points',
  data: { values: [{ a: 1, b: 2 }, { a: 2, b: 5 }, { a: 3, b: 3 }] },
  mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
};

describe('Vega-Lite static fallback', () => {
  it('draws the chart as SVG: one mark per datum, axes and title, laid out with padding', async () => {
    const bundle = await vegaliteBundle(spec);
    expect(bundle['application/vnd.vegalite.v5+json']).toBe(spec);
    const svg = String(bundle['image/svg+xml']);
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/role-mark[^"]*"[^>]*aria-roledescription="symbol mark container"|<path[^>]*transform="translate/g)?.length).toBeGreaterThanOrEqual(3);
    expect(svg).toContain('three points');
    expect(Number(svg.match(/width="(\d+)"/)![1])).toBeGreaterThan(200);
    expect(svg).not.toMatch(/<script/i);
  });

  it('keeps only the interactive chart when data comes from a URL, and names a bad spec', async () => {
    expect(await vegaliteSvg({ ...spec, data: { url: 'https://example.org/data.csv' } })).toBeNull();
    const bad = await vegaliteBundle({ mark: 'nonsense' });
    expect(bad['image/svg+xml']).toBeUndefined();
    expect(String(bad['text/plain'])).toMatch(/^<Vega-Lite chart: .+>$/);
  });
});
