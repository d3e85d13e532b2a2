/** The extension is a plain prebuilt labextension, so Notebook 7 (same server, its own page) renders the Overview too. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNotebook, startE2E, writeNotebook, type E2E } from './harness/index.js';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

describe('Notebook 7', () => {
  it('runs a tsml notebook and renders the Overview panel', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'nb7.ipynb', [
      "const t = (await import('arquero')).table({ x: [1, 2, 3, null], s: ['a', 'b', 'a', 'c'] });",
      "display.overview(t, { names: ['tiny'] });",
    ]);
    await openNotebook(page, lab, 'nb7.ipynb', 60_000, 'notebook');
    // Notebook 7.6's own page logs one error while it loads (a settings schema it cannot find, with or
    // without tsml installed); only errors from here on are ours to answer for.
    const loadErrors = e2e.pageErrors.length;
    await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
    const panel = page.locator('.jp-Cell').nth(1).locator('.tsml-ov-panel');
    await panel.waitFor({ timeout: 60_000 });
    expect(await panel.locator('.tsml-ov-legend').innerText()).toBe('tiny (4 rows)');
    expect(await panel.locator('tbody.tsml-ov-feature').evaluateAll((els) => els.map((e) => e.getAttribute('data-feature')))).toEqual(['x', 's']);
    // The missing value in x (1 of 4) is over Facets' 2 % line.
    expect(await panel.locator('tbody[data-feature="x"] td.tsml-ov-red').first().innerText()).toBe('25%');
    expect(e2e.pageErrors.slice(loadErrors)).toEqual([]);
  });
});
