/**
 * Plotly figures: interactive in JupyterLab and Notebook 7 (jupyterlab-plotly draws the payload), and
 * drawn by plotly.js from the text/html fallback in nbconvert's HTML export of a headless run, offline.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellAt, openNotebook, REPO, runCell, startE2E, writeNotebook, type E2E } from './harness/index.js';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const FIGURE = [
  'const xs = Array.from({ length: 20 }, (_, i) => i / 2);',
  'display.plotly({',
  "  data: [{ x: xs, y: xs.map((x) => 1 + 2 * x), type: 'scatter', mode: 'markers', name: 'data' },",
  "         { x: xs, y: xs.map((x) => 1.1 + 1.95 * x), type: 'scatter', mode: 'lines', name: 'fit' }],",
  "  layout: { title: { text: 'A fit' }, height: 320 },",
  '});',
  "display.plotly([{ x: ['a', 'b', 'c'], y: [3, 1, 2], type: 'bar' }]);",
].join('\n');

describe('plotly', () => {
  it('JupyterLab draws an interactive figure: a .plot-container with its traces', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'plotly.ipynb', [FIGURE]);
    await openNotebook(page, lab, 'plotly.ipynb');
    await runCell(page, 0);
    const plots = cellAt(page, 0).locator('.plot-container');
    await plots.nth(1).waitFor({ timeout: 30_000 });
    expect(await plots.nth(0).locator('.scatterlayer .trace').count()).toBe(2);
    expect(await plots.nth(1).locator('.barlayer .trace').count()).toBe(1);
    expect(await plots.nth(0).locator('.gtitle').textContent()).toBe('A fit');
  });

  it('Notebook 7 draws it too', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'plotly-nb7.ipynb', [FIGURE]);
    await openNotebook(page, lab, 'plotly-nb7.ipynb', 60_000, 'notebook');
    await runCell(page, 0);
    await page.locator('.jp-Cell').nth(0).locator('.plot-container').nth(1).waitFor({ timeout: 30_000 });
  });

  it('nbconvert HTML of a headless run draws both figures from the text/html fallback, with no network', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsml-plotly-'));
    const nb = join(dir, 'figs.ipynb');
    writeFileSync(nb, JSON.stringify({
      nbformat: 4, nbformat_minor: 5,
      metadata: { kernelspec: { name: 'tsml', display_name: 'TypeScript (tsml)', language: 'typescript' } },
      cells: [{ cell_type: 'code', id: 'c0', metadata: {}, source: FIGURE, outputs: [], execution_count: null }],
    }));
    execFileSync(process.execPath, [join(REPO, 'kernel', 'bin', 'tsml.js'), 'run', nb, '-q'], { cwd: dir, stdio: 'pipe' });
    execFileSync(join(REPO, '.venv', 'bin', 'jupyter'), ['nbconvert', '--to', 'html', join(dir, 'figs.out.ipynb')], { cwd: dir, stdio: 'pipe' });
    const page = await e2e.context.newPage();
    try {
      // Only the file itself may load: any request to the network would fail the figure.
      await page.route(/^https?:/, (route) => route.abort());
      await page.goto(pathToFileURL(join(dir, 'figs.out.html')).href);
      const plots = page.locator('.plot-container');
      await plots.nth(1).waitFor({ timeout: 30_000 });
      expect(await plots.count()).toBe(2);
      expect(await plots.nth(0).locator('.scatterlayer .trace').count()).toBe(2);
      expect(await plots.nth(1).locator('.barlayer .trace').count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});
