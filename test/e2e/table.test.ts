/**
 * The table panel in JupyterLab and Notebook 7: a 200,000-row table scrolls to any row and sorts by
 * column, pages coming from the kernel over the output's channel; with the kernel gone it shows the
 * saved head and tail, as the static HTML does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { cellAt, expectScreenshot, openNotebook, readSavedNotebook, runCell, saveNotebook, startE2E, waitForKernelIdle, writeNotebook, type E2E } from './harness/index.js';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const N = 200_000;
const CELL = [
  `const n = ${N};`,
  "const big = (await import('arquero')).table({",
  '  id: Int32Array.from({ length: n }, (_, i) => i),',
  '  score: Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 100_003) / 10),',
  "  group: Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : 'g' + (i % 5))),",
  '});',
  'big',
].join('\n');

/** Visible rows of the grid as [row label, ...cells] text, once none is waiting for its page. */
async function visibleRows(grid: Locator): Promise<string[][]> {
  await grid.locator('tbody tr.tsml-tbl-pending').first().waitFor({ state: 'detached', timeout: 30_000 });
  return grid.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => (c as HTMLElement).innerText)));
}

/** Scrolls the grid to `row` (24 px rows) and waits until it has redrawn from there (the last screen past the end). */
async function scrollToRow(panel: Locator, row: number): Promise<void> {
  await panel.locator('.tsml-tbl-scroll').evaluate((el, r) => { el.scrollTop = r * 24; }, row);
  const first = (Math.min(row, N - 16) + 1).toLocaleString('en-US');
  await panel.locator('.tsml-tbl-status', { hasText: new RegExp(`^rows ${first}–`) }).waitFor({ timeout: 30_000 });
}

const score = (i: number) => String(((i * 7919) % 100_003) / 10);

describe('table panel in JupyterLab', () => {
  it('scrolls every row of a 200,000-row table and shows the total', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'table.ipynb', [CELL]);
    await openNotebook(page, lab, 'table.ipynb');
    await runCell(page, 0);
    const panel = cellAt(page, 0).locator('.tsml-tbl');
    const grid = panel.locator('table.tsml-tbl-live');
    await grid.waitFor({ timeout: 30_000 });
    const first = await visibleRows(grid);
    expect(first).toHaveLength(16); // only the rows in view exist
    expect(first[0]).toEqual(['0', '0', '0', 'null']);
    expect(first[1]).toEqual(['1', '1', score(1), 'g1']);
    expect(await panel.locator('.tsml-tbl-status').innerText()).toBe('rows 1–16 of 200,000 rows × 3 columns');
    expect(await grid.locator('thead tr.tsml-tbl-dtypes').innerText()).toMatch(/int32\s+float64\s+string · 18,182 NA/);

    await scrollToRow(panel, 123_456);
    const middle = await visibleRows(grid);
    expect(middle[0]).toEqual(['123456', '123456', score(123_456), 'g1']);
    expect(await panel.locator('.tsml-tbl-status').innerText()).toBe('rows 123,457–123,472 of 200,000 rows × 3 columns');

    await scrollToRow(panel, N); // past the end: the last screen
    const last = await visibleRows(grid);
    expect(last.at(-1)![0]).toBe(String(N - 1));
    expect(last).toHaveLength(16);
  });

  it('sorts by a column in the kernel: ascending, descending (missing last), then a second key with Shift', async () => {
    const { page } = e2e;
    const panel = cellAt(page, 0).locator('.tsml-tbl');
    const grid = panel.locator('table.tsml-tbl-live');
    const sortButton = (name: string) => grid.locator('thead button.tsml-tbl-sort', { hasText: name });

    await sortButton('score').click();
    let rows = await visibleRows(grid);
    expect(rows.slice(0, 3).map((r) => r[2])).toEqual(['0', '0', '0.1']);
    expect(await grid.locator('th[aria-sort="ascending"]').innerText()).toContain('score');
    expect(await panel.locator('.tsml-tbl-status').innerText()).toBe('rows 1–16 of 200,000 rows × 3 columns · sorted by score ▲');

    await sortButton('score').click();
    rows = await visibleRows(grid);
    expect(rows[0][2]).toBe('10000.2');
    expect(await grid.locator('th[aria-sort="descending"]').count()).toBe(1);

    // group: missing last even when descending; ties then broken by id descending (Shift+click adds a key).
    await sortButton('group').click();
    await sortButton('group').click();
    await sortButton('id').click({ modifiers: ['Shift'] });
    await sortButton('id').click({ modifiers: ['Shift'] });
    rows = await visibleRows(grid);
    expect(rows[0]).toEqual(['199999', '199999', score(199_999), 'g4']);
    expect(rows[1][0]).toBe('199994');
    expect(await panel.locator('.tsml-tbl-status').innerText()).toMatch(/sorted by group ▼, id ▼$/);
    await scrollToRow(panel, N);
    rows = await visibleRows(grid);
    expect(rows.every((r) => r[3] === 'null')).toBe(true);
    await scrollToRow(panel, 0);
    await visibleRows(grid);
    await expectScreenshot(panel, 'table-live');
  });

  it('after a restart (kernel without the table) it shows the saved head and tail; the saved notebook has the static HTML', async () => {
    const { page, lab } = e2e;
    await saveNotebook(page);
    const out = readSavedNotebook(lab, 'table.ipynb').cells[0].outputs![0];
    expect(Object.keys(out.data!).sort()).toEqual(['application/vnd.tsml.table.v1+json', 'text/html', 'text/plain']);
    expect(String(out.data!['text/html'])).toContain('200,000 rows × 3 columns');

    await page.evaluate(async () => { await (window as any).jupyterapp.shell.currentWidget.sessionContext.restartKernel(); });
    await waitForKernelIdle(page);
    const panel = cellAt(page, 0).locator('.tsml-tbl');
    await panel.locator('.tsml-tbl-status', { hasText: 'saved rows' }).waitFor({ timeout: 30_000 });
    expect(await panel.locator('table.tsml-tbl-live').count()).toBe(0);
    const rows = await panel.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText.split('\t')[0]));
    expect(rows).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '… 199,985 more rows …', '199995', '199996', '199997', '199998', '199999']);
    expect(await panel.locator('.tsml-tbl-status').innerText()).toMatch(/^the first 10 and last 5 of 200,000 rows × 3 columns · saved rows \(this kernel has no channel/);
  });
});

describe('table panel in Notebook 7', () => {
  it('scrolls and sorts there too', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'table-nb7.ipynb', [CELL]);
    await openNotebook(page, lab, 'table-nb7.ipynb', 60_000, 'notebook');
    await runCell(page, 0);
    const panel = page.locator('.jp-Cell').nth(0).locator('.tsml-tbl');
    const grid = panel.locator('table.tsml-tbl-live');
    await grid.waitFor({ timeout: 30_000 });
    await scrollToRow(panel, 150_000);
    expect((await visibleRows(grid))[0][0]).toBe('150000');
    await grid.locator('thead button.tsml-tbl-sort', { hasText: 'id' }).click();
    await grid.locator('thead button.tsml-tbl-sort', { hasText: 'id' }).click();
    expect((await visibleRows(grid))[0][0]).toBe(String(N - 1));
  });
});
