/** display.vegalite's static fallback: Vega renders the spec to SVG offline; URL data and bad specs degrade clearly. */
import { describe, expect, it } from 'vitest';
import { checkVegaliteSpec, vegaliteBundle, vegaliteSvg } from '../../kernel/src/display/vegalite.js';

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

  it('refuses, in the cell, what is not a spec and a mark that does not exist', () => {
    expect(() => checkVegaliteSpec('bar')).toThrow('display.vegalite takes a Vega-Lite spec object such as { data: { values }, mark: \'point\', encoding: { x, y } }, got string "bar"');
    expect(() => checkVegaliteSpec([spec])).toThrow('got an array');
    expect(() => checkVegaliteSpec({ ...spec, mark: 'pt' })).toThrow("display.vegalite: unknown mark 'pt'; Vega-Lite's marks are arc, area, bar,");
    expect(() => checkVegaliteSpec({ ...spec, mark: { type: 'lines' } })).toThrow("unknown mark 'lines'");
    for (const mark of ['point', { type: 'bar', tooltip: true }, 'boxplot']) expect(() => checkVegaliteSpec({ ...spec, mark })).not.toThrow();
    expect(() => checkVegaliteSpec({ layer: [] })).not.toThrow(); // no top-level mark: layered, faceted, concatenated specs
  });
});
