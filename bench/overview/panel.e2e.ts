/**
 * bench/overview panel: first render of a 100-feature Overview (train/test) in the live panel,
 * in a real JupyterLab in headless Chromium, and the redraw after a sort. Target: < 500 ms.
 *
 *   npx vitest run -c bench/overview/vitest.panel.config.ts     (after bash scripts/setup.sh)
 *
 * The panel records User Timing measures: 'tsml:overview:render' spans renderModel (parse the
 * statistics, build the toolbar and both tables with their SVG charts); 'tsml:overview:frame' runs
 * on to the next frame (style, layout, paint). Figures go to bench/results/overview-panel.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cellAt, openNotebook, REPO, runCell, startE2E, writeNotebook, type E2E } from '../../test/e2e/harness/index.js';

const RUNS = Number(process.env.RUNS ?? 7);
let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

it('first render of a 100-feature Overview, and a sort', async () => {
  const { page, lab } = e2e;
  writeNotebook(lab, 'panel-bench.ipynb', [
    [
      '// 50 numeric and 50 string features, 20,000 rows each in train and test (seeded).',
      'const rng = tsml.datasets.createRng(3);',
      'const make = (n: number, shift: number) => Object.fromEntries(Array.from({ length: 100 }, (_, j) => [',
      '  `f${String(j).padStart(3, "0")}`,',
      '  j % 2 ? Array.from({ length: n }, () => `v${Math.floor(rng() * (j * 7 + 3))}`) : Float64Array.from({ length: n }, () => rng() * j + shift),',
      ']));',
      "const { table } = await import('arquero');",
      'const stats = tsml.computeStatistics([table(make(20000, 0)), table(make(20000, 0.1))], { names: ["train", "test"] });',
      'stats.datasets[0].features.length',
    ].join('\n'),
    'display.overview(stats);',
  ]);
  await openNotebook(page, lab, 'panel-bench.ipynb');
  await runCell(page, 0, 180_000);
  const render: number[] = [];
  const frame: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    await page.evaluate(() => performance.clearMeasures());
    await runCell(page, 1);
    const panel = cellAt(page, 1).locator('.tsml-ov-panel');
    await panel.waitFor();
    expect(await panel.locator('tbody.tsml-ov-feature').count()).toBe(100);
    await page.waitForFunction(() => performance.getEntriesByName('tsml:overview:frame').length > 0);
    const t = await page.evaluate(() => ({
      render: performance.getEntriesByName('tsml:overview:render')[0].duration,
      frame: performance.getEntriesByName('tsml:overview:frame')[0].duration,
    }));
    render.push(t.render);
    frame.push(t.frame);
  }
  const redraw: number[] = [];
  const panel = cellAt(page, 1).locator('.tsml-ov-panel');
  for (const mode of ['alphabetical', 'nonuniformity', 'distance', 'missing', 'order']) {
    await panel.getByLabel('Sort by').selectOption(mode);
    redraw.push(await page.evaluate(() => (performance.getEntriesByName('tsml:overview:redraw').at(-1) as PerformanceMeasure).duration));
  }
  const result = {
    features: 100,
    datasets: 2,
    runs: RUNS,
    renderMedianMs: median(render),
    renderToNextFrameMedianMs: median(frame),
    sortRedrawMedianMs: median(redraw),
    render,
    frame,
    redraw,
    chromium: await e2e.browser.version(),
    date: new Date().toISOString(),
  };
  mkdirSync(join(REPO, 'bench', 'results'), { recursive: true });
  writeFileSync(join(REPO, 'bench', 'results', 'overview-panel.json'), JSON.stringify(result, null, 2));
  console.log(
    `100-feature Overview (2 datasets), ${RUNS} renders: renderModel median ${result.renderMedianMs.toFixed(1)} ms, ` +
      `to the next frame ${result.renderToNextFrameMedianMs.toFixed(1)} ms; sort redraw median ${result.sortRedrawMedianMs.toFixed(1)} ms (target < 500 ms)`,
  );
});
