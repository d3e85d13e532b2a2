/**
 * bench/training panel: how long the live loss panel takes to draw at 100,000 logged steps, in a
 * real JupyterLab in headless Chromium. Target (issue 12): < 16 ms, one frame.
 *
 *   npx vitest run -c bench/training/vitest.panel.config.ts     (after bash scripts/setup.sh)
 *
 * A cell logs 100,000 steps (loss, mae and a cosine lr per step; val_loss and val_mae every 1,000)
 * into a LiveChart, sending an update every 1,000 steps (the kernel throttles to 10 a second), then
 * the final state. The panel records a User Timing measure 'tsml:loss:draw' around each paint (all
 * canvases: status line, legend, axes, raw min-max bands, raw and smoothed lines). We read every
 * paint while the run streams, then repaint the final 100,000-step chart by moving the smoothing
 * slider and toggling log y. Figures go to bench/results/loss-panel.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cellAt, openNotebook, REPO, runCell, startE2E, writeNotebook, type E2E } from '../../test/e2e/harness/index.js';

const REPAINTS = Number(process.env.REPAINTS ?? 20);
let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
type Draw = { ms: number; points: number };
const draws = (page: E2E['page']) => page.evaluate(() => performance.getEntriesByName('tsml:loss:draw').map((m) => ({ ms: m.duration, points: (m as PerformanceMeasure).detail?.points as number })));

it('draws the loss panel at 100,000 logged steps within a frame', async () => {
  const { page, lab } = e2e;
  writeNotebook(lab, 'loss-panel-bench.ipynb', [
    [
      "const chart = new tsml.LiveChart({ live: true, title: '100,000 logged steps' });",
      "const run = chart.run('long run');",
      'run.epochs = 100;',
      'chart.show();',
      'const noise = (s: number, k: number) => Math.sin(s * k) * Math.sin(s * 0.37 * k);',
      'for (let s = 1; s <= 100_000; s++) {',
      '  const e = s / 1000;',
      "  run.log('batch', 'loss', e, 1 / Math.sqrt(s) + 0.05 * noise(s, 12.9898));",
      "  run.log('batch', 'mae', e, 0.5 / Math.sqrt(s) + 0.02 * noise(s, 78.233));",
      "  run.log('batch', 'lr', e, 0.01 * (1 + Math.cos((Math.PI * s) / 100_000)) / 2);",
      '  if (s % 1000 === 0) {',
      "    run.log('epoch', 'val_loss', e, 1.1 / Math.sqrt(s));",
      "    run.log('epoch', 'val_mae', e, 0.6 / Math.sqrt(s));",
      '    run.epoch = e; run.step = s;',
      '    chart.update();',
      '    await new Promise((r) => setTimeout(r, 110)); // one update per throttle interval reaches the panel',
      '  }',
      '}',
      "run.status = 'done';",
      'chart.finish();',
      'chart.stats',
    ].join('\n'),
  ]);
  await openNotebook(page, lab, 'loss-panel-bench.ipynb');
  await page.evaluate(() => performance.clearMeasures());
  await runCell(page, 0, 180_000);
  const panel = cellAt(page, 0).locator('.tsml-loss');
  await page.waitForFunction(() => document.querySelector('.tsml-loss')?.getAttribute('data-status') === 'done');
  await page.waitForTimeout(500);
  const streaming: Draw[] = await draws(page);
  expect(streaming.length).toBeGreaterThan(20);
  const statsText = await cellAt(page, 0).locator('.jp-OutputArea-output').last().innerText();
  const stat = (k: string) => Number(new RegExp(`${k}\\D+(\\d+)`).exec(statsText)?.[1]);
  const stats = { updates: stat('updates'), maxBytes: stat('maxBytes') };

  // Repaints of the final chart (every series at its full decimated size).
  const repaint: Draw[] = [];
  for (let i = 0; i < REPAINTS; i++) {
    await page.evaluate(() => performance.clearMeasures());
    if (i % 2) await panel.getByLabel('Log y').setChecked(i % 4 === 1);
    else await panel.getByLabel('Smoothing').fill(((i % 10) / 10).toFixed(1));
    await page.waitForFunction(() => performance.getEntriesByName('tsml:loss:draw').length > 0);
    repaint.push(...(await draws(page)));
  }
  const ms = (d: Draw[]) => d.map((x) => x.ms);
  const result = {
    loggedSteps: 100_000,
    series: 'loss, mae, lr per step; val_loss, val_mae per 1,000',
    updatesSent: stats.updates,
    maxUpdateBytes: stats.maxBytes,
    streamingPaints: streaming.length,
    streamingDrawMedianMs: median(ms(streaming)),
    streamingDrawP95Ms: quantile(ms(streaming), 0.95),
    streamingDrawMaxMs: Math.max(...ms(streaming)),
    finalPoints: repaint.at(-1)?.points,
    repaints: repaint.length,
    finalRepaintMedianMs: median(ms(repaint)),
    finalRepaintMaxMs: Math.max(...ms(repaint)),
    streaming,
    repaint,
    chromium: await e2e.browser.version(),
    date: new Date().toISOString(),
  };
  mkdirSync(join(REPO, 'bench', 'results'), { recursive: true });
  writeFileSync(join(REPO, 'bench', 'results', 'loss-panel.json'), JSON.stringify(result, null, 2));
  console.log(
    `loss panel at 100,000 logged steps: ${result.streamingPaints} paints while streaming, median ${result.streamingDrawMedianMs.toFixed(1)} ms, ` +
      `p95 ${result.streamingDrawP95Ms.toFixed(1)} ms, max ${result.streamingDrawMaxMs.toFixed(1)} ms; final chart (${result.finalPoints} buckets) repainted ${result.repaints}×: ` +
      `median ${result.finalRepaintMedianMs.toFixed(1)} ms, max ${result.finalRepaintMaxMs.toFixed(1)} ms (target < 16 ms); largest update ${result.maxUpdateBytes} bytes`,
  );
});
