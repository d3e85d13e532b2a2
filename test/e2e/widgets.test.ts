/**
 * tsml's widgets in a real JupyterLab 4 and Notebook 7, rendered by the standard
 * @jupyter-widgets views (jupyterlab_widgets) and anywidget's frontend: a slider moved with the
 * keyboard reaches the kernel and re-renders an Output, interact() over two controls, a Button's
 * callback, a custom anywidget, and the widget state saved in the notebook shown again by a
 * kernel that never made those widgets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cellAt, openNotebook, outputsOf, readSavedNotebook, runAllCells, runCell, saveNotebook, startE2E, writeNotebook, type E2E } from './harness/index.js';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const CELLS = [
  [
    "const s = new tsml.widgets.IntSlider({ value: 2, max: 10, description: 'k' });",
    'const out = new tsml.widgets.Output();',
    "s.observe(({ new: v }) => out.capture(() => { out.clear(true); console.log(`k squared is ${v * v}`) }), 'value');",
    'display(new tsml.widgets.VBox([s, out]))',
  ].join('\n'),
  's.value',
  "const ia = tsml.interact(({ n, kind }) => `${kind}:${n * 2}`, { n: [0, 10], kind: ['linear', 'cosine'] }, { debounce: 50 });",
  "let clicks = 0; const b = new tsml.widgets.Button({ description: 'Click me' }); b.onClick(() => { clicks++ }); b",
  'clicks',
];

async function moveSlider(page: Page, cell: number, presses: number): Promise<void> {
  const handle = cellAt(page, cell).locator('.widget-slider .noUi-handle').first();
  await handle.focus();
  for (let i = 0; i < presses; i++) await handle.press('ArrowRight');
}

/** Clicks the slider's track where `value` of [0, max] sits (noUiSlider's tap behaviour). */
async function clickSlider(page: Page, cell: number, value: number, max: number): Promise<void> {
  const track = cellAt(page, cell).locator('.widget-slider .noUi-target').first();
  const box = (await track.boundingBox())!;
  await page.mouse.click(box.x + (box.width * value) / max, box.y + box.height / 2);
}

const outputText = (page: Page, cell: number) => cellAt(page, cell).locator('.widget-output').first();

describe('widgets in JupyterLab', () => {
  it('a slider moved in the page: the kernel sees its value and the Output re-renders', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'widgets.ipynb', CELLS);
    await openNotebook(page, lab, 'widgets.ipynb');
    await runCell(page, 0);
    await cellAt(page, 0).locator('.widget-slider').waitFor({ timeout: 30_000 });
    await moveSlider(page, 0, 3);
    await outputText(page, 0).getByText('k squared is 25').waitFor({ timeout: 30_000 });
    await runCell(page, 1);
    expect(await outputsOf(page, 1).first().innerText()).toBe('5');
  });

  it('interact over two controls re-runs the function into one Output', async () => {
    const { page } = e2e;
    await runCell(page, 2);
    const cell = cellAt(page, 2);
    await outputText(page, 2).getByText("'linear:10'").waitFor({ timeout: 30_000 });
    await cell.locator('.widget-dropdown select').selectOption('cosine');
    await outputText(page, 2).getByText("'cosine:10'").waitFor({ timeout: 30_000 });
    await moveSlider(page, 2, 2);
    await outputText(page, 2).getByText("'cosine:14'").waitFor({ timeout: 30_000 });
    expect(await outputText(page, 2).innerText()).not.toContain('linear');
  });

  it("a Button's callback runs in the kernel", async () => {
    const { page } = e2e;
    await runCell(page, 3);
    const button = cellAt(page, 3).locator('button.jupyter-button', { hasText: 'Click me' });
    await button.click();
    await button.click();
    await page.waitForTimeout(300); // the clicks travel as comm messages ahead of the next execute request
    await runCell(page, 4);
    expect(await outputsOf(page, 4).first().innerText()).toBe('2');
  });

  it('the saved notebook carries the widget state, and a new kernel shows the saved values', async () => {
    const { page, lab } = e2e;
    await saveNotebook(page);
    const saved = readSavedNotebook(lab, 'widgets.ipynb');
    const state = (saved.metadata.widgets as any)?.['application/vnd.jupyter.widget-state+json'];
    expect(state?.version_major).toBe(2);
    const models = Object.values(state.state as Record<string, any>);
    expect(models.find((m) => m.model_name === 'IntSliderModel' && m.state.description === 'k')?.state.value).toBe(5);
    expect(JSON.stringify(models.filter((m) => m.model_name === 'OutputModel').map((m) => m.state.outputs))).toContain('k squared is 25');

    // Close it, stop its kernel, open it again: a fresh kernel, the widgets come from the notebook.
    await page.evaluate(async () => {
      const app = (window as any).jupyterapp;
      const panel = app.shell.currentWidget;
      await panel.sessionContext.shutdown();
      await panel.context.save();
      panel.dispose();
    });
    await openNotebook(page, lab, 'widgets.ipynb');
    await outputText(page, 0).getByText('k squared is 25').waitFor({ timeout: 30_000 });
    expect(await cellAt(page, 0).locator('.widget-readout').first().innerText()).toBe('5');
    expect(await outputText(page, 2).innerText()).toContain("'cosine:14'");
  });
});

describe('anywidget and Notebook 7', () => {
  it('tsml.widget({ esm }) renders through anywidget; its view sets state the kernel reads', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'anywidget.ipynb', [
      [
        'const counter = tsml.widget({',
        '  esm: `export default { render({ model, el }) {',
        "    const b = document.createElement('button'); b.className = 'tsml-counter';",
        "    const show = () => { b.textContent = 'count is ' + model.get('count'); };",
        "    b.addEventListener('click', () => { model.set('count', model.get('count') + 1); model.save_changes(); });",
        "    model.on('change:count', show); show(); el.append(b);",
        '  } }`,',
        "  css: '.tsml-counter { font-weight: bold }',",
        '  state: { count: 0 },',
        '});',
        'counter',
      ].join('\n'),
      'counter.count',
      'counter.count = 10',
    ]);
    await openNotebook(page, lab, 'anywidget.ipynb');
    await runCell(page, 0);
    const button = cellAt(page, 0).locator('button.tsml-counter');
    await button.waitFor({ timeout: 30_000 });
    await button.click();
    await button.click();
    await button.getByText('count is 2').waitFor();
    await page.waitForTimeout(300);
    await runCell(page, 1);
    expect(await outputsOf(page, 1).first().innerText()).toBe('2');
    await runCell(page, 2);
    await button.getByText('count is 10').waitFor({ timeout: 30_000 });
  });

  it('Notebook 7: a slider drives an Output, state saved', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'widgets-nb7.ipynb', CELLS.slice(0, 2));
    await openNotebook(page, lab, 'widgets-nb7.ipynb', 60_000, 'notebook');
    await runAllCells(page);
    await cellAt(page, 0).locator('.widget-slider').waitFor({ timeout: 30_000 });
    await clickSlider(page, 0, 3, 10);
    await outputText(page, 0).getByText('k squared is 9').waitFor({ timeout: 30_000 });
    await runCell(page, 1);
    expect(await outputsOf(page, 1).first().innerText()).toBe('3');
    await saveNotebook(page);
    const state = (readSavedNotebook(lab, 'widgets-nb7.ipynb').metadata.widgets as any)?.['application/vnd.jupyter.widget-state+json'];
    expect(Object.values(state.state as Record<string, any>).find((m) => m.model_name === 'IntSliderModel')?.state.value).toBe(3);
  });
});
