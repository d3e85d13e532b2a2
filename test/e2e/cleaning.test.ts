/**
 * The missing-values and outliers panels in a real JupyterLab: a student
 * drags the drop threshold and sees the columns change, adds an imputation
 * step from the panel, inserts the fitted plan's code below and runs it;
 * drags Tukey's k and a score threshold, sees the counts change, and reads
 * the flagged rows back in the kernel with view.rows(). Saved notebooks keep
 * the static fallbacks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { cellAt, expectScreenshot, openNotebook, outputsOf, readSavedNotebook, runCell, saveNotebook, startE2E, writeNotebook, type E2E } from './harness/index.js';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const source = (c: { source: string | string[] }) => (Array.isArray(c.source) ? c.source.join('') : c.source);

/** Text of the last stream output of a cell. */
const printedBy = async (page: Page, index: number) => (await cellAt(page, index).locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stdout"]').last().innerText()).trim();

describe('missing-values panel in JupyterLab', () => {
  it('drags the threshold, adds an imputation step, inserts the fitted plan and runs it', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'missing.ipynb', [
      'const heart = tsml.datasets.heartDisease({ seed: 0 });',
      "const m = display.missing(heart, { name: 'heart' });",
      'console.log(m.plan.steps.join(" | "))',
    ]);
    await openNotebook(page, lab, 'missing.ipynb');
    await runCell(page, 0);
    await runCell(page, 1);
    const p: Locator = cellAt(page, 1).locator('.tsml-mv-panel');
    await p.waitFor();
    expect(await p.locator('.tsml-mv-summary').innerText()).toBe('920 rows × 14 columns; 1,759 of 12,880 values missing (13.7%) in 10 columns; 2 duplicate rows');
    const note = p.locator('.tsml-mv-note').first();
    expect(await note.innerText()).toBe('3 columns above 30 %: ca, thal, slope');
    expect(await p.locator('rect.tsml-mv-over').count()).toBe(3);
    // Drag the threshold down (keyboard on the native slider): fbs (9.8 %) joins at 9 %.
    const slider = p.getByLabel('Drop threshold (%)');
    await slider.focus();
    for (let i = 0; i < 21; i++) await page.keyboard.press('ArrowLeft');
    expect(await slider.inputValue()).toBe('9');
    expect(await note.innerText()).toBe('4 columns above 9 %: ca, thal, slope, fbs');
    expect(await p.locator('rect.tsml-mv-over').count()).toBe(4);
    await slider.fill('30');
    await p.getByRole('button', { name: 'Drop these columns' }).click();
    // Sentinels found and treated; duplicates dropped.
    expect(await p.locator('table.tsml-mv-sentinels tbody tr').count()).toBe(3);
    await p.getByRole('button', { name: 'Treat checked as missing' }).click();
    await p.getByRole('button', { name: 'Drop duplicates' }).click();
    // Imputation preview: chol with the median, then add the step.
    await p.getByLabel('Column', { exact: true }).selectOption('chol');
    await p.getByLabel('Strategy').selectOption('median');
    expect(await p.locator('.tsml-mv-preview svg').getAttribute('aria-label')).toBe('chol before and after median');
    expect(await p.locator('.tsml-mv-note').last().innerText()).toMatch(/^median: fills 30 values with \d+ .*Adds chol_missing \(1 on 30 rows\)/);
    await p.getByRole('button', { name: 'Add imputation step' }).click();
    expect(await p.locator('.tsml-cl-steps li').count()).toBe(4);
    expect(await p.locator('.tsml-cl-code').innerText()).toContain(".impute({ chol: \"median\" }, { indicator: true })");

    // The kernel-side plan followed the panel.
    await runCell(page, 2);
    expect(await printedBy(page, 2)).toBe('drop columns ca, thal, slope | treat as missing: trestbps 0; chol 0; oldpeak < 0 | drop duplicate rows | impute chol (median), with _missing indicators');

    // Insert the fitted plan's code below the panel's cell, and run it.
    const insert = p.getByRole('button', { name: 'Insert code below' });
    await expect.poll(() => insert.isEnabled(), { timeout: 30_000 }).toBe(true);
    await insert.click();
    await expect.poll(() => p.locator('.tsml-cl-status').innerText(), { timeout: 30_000 }).toBe('Inserted the fitted plan’s code in a new cell below.');
    await runCell(page, 2);
    const table = outputsOf(page, 2).last();
    await table.waitFor();
    expect(await table.innerText()).toContain('918 rows × 12 columns');
    await saveNotebook(page);
    const saved = readSavedNotebook(lab, 'missing.ipynb');
    expect(source(saved.cells[2])).toMatch(/^\/\/ Cleaning plan fitted on 920 rows × 14 columns/);
    expect(source(saved.cells[2])).toContain('const heartClean = clean(heart);');
    // The static fallback travels with the panel's payload.
    const bundle = saved.cells[1].outputs!.find((o) => o.data?.['application/vnd.tsml.missing.v1+json'])!.data!;
    expect(String(bundle['text/html'])).toContain('<svg');
    expect(String(bundle['text/html'])).not.toContain('<script');
    expect(String(bundle['text/plain'])).toContain('ca                    611   66.4%  [! > 30%: drop?]');
    // The first row of charts (bars, matrix): element screenshots must fit the 900-pixel viewport.
    await expectScreenshot(p.locator('.tsml-mv-charts > .tsml-cl-row').first(), 'missing-light');
  });
});

describe('outliers panel in JupyterLab', () => {
  it('moves k and a score threshold, sees counts change, and view.rows() follows the panel', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'outliers.ipynb', [
      "const heart = tsml.clean.plan().treatAsMissing({ chol: [0], trestbps: [0] }).fit(tsml.datasets.heartDisease({ seed: 0 })).apply(tsml.datasets.heartDisease({ seed: 0 }));",
      "const o = display.outliers(heart, { columns: ['age', 'trestbps', 'chol', 'thalach', 'oldpeak'], name: 'heart' });",
      'console.log(o.rows().length)',
    ]);
    await openNotebook(page, lab, 'outliers.ipynb');
    await runCell(page, 0);
    await runCell(page, 1);
    const p = cellAt(page, 1).locator('.tsml-ol-panel');
    await p.waitFor();
    const chol = p.locator('tr[data-column="chol"] td.tsml-ol-iqr');
    const at15 = Number(await chol.innerText());
    expect(at15).toBeGreaterThanOrEqual(4);
    const k = p.getByLabel('Tukey k');
    await k.fill('3');
    expect(await p.locator('.tsml-ol-k').innerText()).toBe('k = 3');
    const at3 = Number(await chol.innerText());
    expect(at3).toBeLessThan(at15);

    // Drag the Isolation Forest threshold to the far right: fewer rows flagged, contamination shown.
    const score = p.locator('.tsml-ol-score[data-detector="iforest"] svg');
    const before = await score.getAttribute('aria-label');
    const box = (await score.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.97, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const after = await p.locator('.tsml-ol-score[data-detector="iforest"] svg').getAttribute('aria-label');
    expect(after).not.toBe(before);
    expect(await p.locator('.tsml-ol-score[data-detector="iforest"] svg').innerHTML()).toMatch(/contamination \d/);
    const flaggedNote = await p.locator('.tsml-ol-note').first().innerText();
    const shown = Number(flaggedNote.match(/^([\d,]+) rows? flagged/)![1].replace(/,/g, ''));

    // The kernel hears the setting: o.rows() counts the same rows as the panel lists.
    await page.waitForTimeout(500);
    await runCell(page, 2);
    expect(Number(await printedBy(page, 2))).toBe(shown);
    await saveNotebook(page);
    const saved = readSavedNotebook(lab, 'outliers.ipynb');
    const bundle = saved.cells[1].outputs!.find((o) => o.data?.['application/vnd.tsml.outliers.v1+json'])!.data!;
    expect(String(bundle['text/html'])).toContain('box plot');
    expect(String(bundle['text/plain'])).toMatch(/^Outliers: 920 rows, 5 numeric columns/);
    await expectScreenshot(p.locator('.tsml-cl-section').first(), 'outliers-light');
  });
});
