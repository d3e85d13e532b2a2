/**
 * The live loss panel in a real JupyterLab: a 300-epoch fit streams into one
 * chart whose canvas stays the same DOM node from the first update to the
 * last; smoothing, log-y and hover work; the saved notebook keeps the final
 * state (payload, SVG, text) and shows the final chart when reopened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { cellAt, expectScreenshot, openNotebook, readSavedNotebook, runAllCells, saveNotebook, startE2E, writeNotebook, type E2E } from './harness/index.js';

const LOSS_MIME = 'application/vnd.tsml.loss.v1+json';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const panel = (page: Page): Locator => cellAt(page, 1).locator('.tsml-loss');
const draws = (page: Page) => page.evaluate(() => performance.getEntriesByName('tsml:loss:draw').length);

describe('live loss panel in JupyterLab', () => {
  it('streams a 300-epoch fit into one chart, keeps its canvas, and saves the final chart', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'loss.ipynb', [
      [
        'const tf = tsml.tf;',
        'tsml.seed(3);',
        'const x = tf.randomNormal([96, 4]);',
        'const y = x.sum(1).mul(0.5).add(tf.randomNormal([96]).mul(0.3)).expandDims(1);',
        'const model = tf.sequential({ layers: [tf.layers.dense({ units: 16, activation: "relu", inputShape: [4] }), tf.layers.dense({ units: 1 })] });',
        'model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError", metrics: ["mae"] });',
      ].join('\n'),
      'const history = await tsml.fit(model, { x, y }, { epochs: 300, batchSize: 16, validationSplit: 0.25 });',
    ]);
    await openNotebook(page, lab, 'loss.ipynb');
    const run = runAllCells(page);
    const p = panel(page);
    await p.locator('canvas').first().waitFor({ timeout: 60_000 });
    // Remember the first canvas node and the status as it streams.
    await p.evaluate((el) => {
      (window as any).__firstCanvas = el.querySelector('canvas');
      (window as any).__statuses = new Set([el.getAttribute('data-status')]);
      new MutationObserver(() => (window as any).__statuses.add(el.getAttribute('data-status'))).observe(el, { attributes: true });
    });
    const before = await draws(page);
    await run;
    await page.waitForFunction(() => document.querySelector('.tsml-loss')?.getAttribute('data-status') === 'done');
    expect(await p.evaluate((el) => el.querySelector('canvas') === (window as any).__firstCanvas)).toBe(true);
    expect(await page.evaluate(() => [...(window as any).__statuses])).toContain('running');
    // Repainted many times while it ran (updates throttled to ≤ 10/s, one paint per frame).
    expect((await draws(page)) - before).toBeGreaterThan(3);
    expect(await p.locator('figure.tsml-loss-chart').evaluateAll((els) => els.map((e) => e.getAttribute('data-metric')))).toEqual(['loss', 'mae']);
    expect(await p.locator('.tsml-loss-status').innerText()).toMatch(/run: done, epoch 300\/300, 1500 steps/);
    expect(await p.locator('.tsml-loss-legend').innerText()).toMatch(/training\s+validation/);

    // Controls: smoothing and log y repaint the same canvas.
    const n = await draws(page);
    await p.getByLabel('Smoothing').fill('0.9');
    expect(await p.locator('.tsml-loss-smoothing').innerText()).toBe('0.90');
    await p.getByLabel('Log y').check();
    await page.waitForFunction((k) => performance.getEntriesByName('tsml:loss:draw').length > k, n);
    expect(await p.evaluate((el) => el.querySelector('canvas') === (window as any).__firstCanvas)).toBe(true);
    await p.getByLabel('Log y').uncheck();
    await p.getByLabel('Smoothing').fill('0.6');

    // Hover read-out.
    const canvas = p.locator('figure[data-metric="loss"] canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    const tip = p.locator('.tsml-loss-tip');
    await tip.waitFor({ state: 'visible' });
    expect(await tip.innerText()).toMatch(/^epoch [\d.]+\nloss: [\d.]+ \(raw/m);
    expect(await tip.innerText()).toMatch(/val_loss: [\d.]+/);
    await page.mouse.move(0, 0);
    await tip.waitFor({ state: 'hidden' });

    const shot = await expectScreenshot(p.locator('.tsml-loss-grid'), 'loss-light');
    console.log(shot.message);

    await saveNotebook(page);
    const outputs = readSavedNotebook(lab, 'loss.ipynb').cells[1].outputs!;
    const out = outputs.find((o) => o.data?.[LOSS_MIME]) as { data: Record<string, any> };
    expect(Object.keys(out.data).sort()).toEqual([LOSS_MIME, 'text/html', 'text/plain'].sort());
    expect(out.data[LOSS_MIME].runs[0].status).toBe('done');
    const html = ([] as string[]).concat(out.data['text/html']).join('');
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script');
    expect(([] as string[]).concat(out.data['text/plain']).join('')).toMatch(/run: done, epoch 300\/300/);

    // Reloaded from disk without running anything, the notebook shows the final chart.
    await openNotebook(page, lab, 'loss.ipynb');
    const again = panel(page);
    await again.locator('canvas').first().waitFor();
    expect(await again.getAttribute('data-status')).toBe('done');
    expect(await again.locator('figure.tsml-loss-chart').count()).toBe(2);
    expect(e2e.pageErrors).toEqual([]);
  });
});
