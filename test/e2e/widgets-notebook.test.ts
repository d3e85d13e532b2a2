/**
 * notebooks/18-widgets.ipynb, run interactively in JupyterLab: every widget renders, the slider and the
 * Button reach the kernel, the custom anywidget answers a click, the checks pass; the screenshot in the
 * README comes from here.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellAt, expectScreenshot, openNotebook, outputsOf, REPO, runAllCells, runCell, startE2E, type E2E } from './harness/index.js';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const NOTEBOOK = join(REPO, 'notebooks', '18-widgets.ipynb');
const sources: string[] = JSON.parse(readFileSync(NOTEBOOK, 'utf8')).cells.map((c: { source: string[] }) => c.source.join(''));

/** A cell's index by its first line, so the test follows the notebook when cells move. */
function cellIndex(_page: unknown, firstLine: string): number {
  const i = sources.findIndex((t) => t.startsWith(firstLine));
  if (i < 0) throw new Error(`no cell starts with ${firstLine}`);
  return i;
}

describe('notebooks/18-widgets.ipynb in JupyterLab', () => {
  it('runs, and its widgets answer the page', async () => {
    const { page, lab } = e2e;
    copyFileSync(NOTEBOOK, join(lab.rootDir, '18-widgets.ipynb'));
    await openNotebook(page, lab, '18-widgets.ipynb');
    await runAllCells(page, 180_000);

    const sliderCell = cellAt(page, cellIndex(page, 'const W = tsml.widgets;'));
    await sliderCell.locator('.widget-output .vega-embed').waitFor({ timeout: 30_000 });
    const handle = sliderCell.locator('.widget-slider .noUi-handle').first();
    await handle.focus();
    await handle.press('ArrowRight'); // epoch 40 → 45
    const valuesCell = cellIndex(page, '({ epoch: epoch.value');
    await page.waitForTimeout(300);
    await runCell(page, valuesCell);
    expect(await outputsOf(page, valuesCell).first().innerText()).toBe('{ epoch: 45, lr: 0.1 }');

    const scheduleCell = cellAt(page, cellIndex(page, '/** Learning rate at `step`'));
    await scheduleCell.locator('.widget-output .vega-embed').waitFor({ timeout: 30_000 });
    expect(await scheduleCell.locator('.widget-dropdown select').inputValue()).toBeTruthy();

    const buttonCell = cellAt(page, cellIndex(page, 'const fitButton'));
    await buttonCell.locator('button.jupyter-button', { hasText: 'Fit 1,000 epochs' }).click();
    await buttonCell.locator('.widget-output').getByText(/lr 0\.100: a = 0\.9934\d, b = 2\.0197\d/).waitFor({ timeout: 30_000 });

    const barCell = cellAt(page, cellIndex(page, 'const thresholdBar'));
    const bar = barCell.locator('.bar');
    await bar.waitFor({ timeout: 30_000 });
    const box = (await bar.boundingBox())!;
    await bar.click({ position: { x: box.width * 0.9, y: box.height / 2 } });
    await barCell.getByText(/threshold 0\.9\d · \d+ points above/).waitFor({ timeout: 30_000 });

    const checks = cellIndex(page, 'const check =');
    expect(await outputsOf(page, checks).first().innerText()).toContain('all checks passed');

    await page.mouse.move(0, 0);
    await expectScreenshot(sliderCell.locator('.jp-OutputArea').first(), 'widgets-notebook', { tolerance: 0.03 });
  });
});
