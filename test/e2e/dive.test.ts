/**
 * The Dive panel in a real JupyterLab with headless Chromium (SwiftShader WebGL2): a census Dive
 * faceted by two features, switched to scatter and recoloured with the toolbar; a clicked point's
 * card against the table's row; a box selection read back in the next cell; a highlight from the
 * kernel; screenshots; the saved notebook's static fallback; a million rows without a frozen page.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import {
  cellAt, comparePng, expectScreenshot, notebookArea, openNotebook, readSavedNotebook, REPO, runCell, saveNotebook, startE2E, writeNotebook, type E2E,
} from './harness/index.js';

const DIVE_MIME = 'application/vnd.tsml.dive.v1+json';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const panel = (page: Page, cell: number): Locator => cellAt(page, cell).locator('.tsml-dive');

/** Waits until the panel is laid out and has drawn more than `after` frames. */
async function drawn(p: Locator, after = 0, timeout = 30_000): Promise<number> {
  const el = await p.elementHandle();
  await p.page().waitForFunction(([node, n]) => (node as HTMLElement).dataset.state === 'ready' && Number((node as HTMLElement).dataset.frames ?? 0) > (n as number),
    [el, after] as const, { timeout, polling: 50 });
  return Number(await p.getAttribute('data-frames'));
}

/** Types `code` into cell `index` (as a user would) and runs it; returns its text output. */
async function run(page: Page, index: number, code: string): Promise<string> {
  await page.evaluate(([i, src]) => {
    window.jupyterapp.shell.currentWidget!.content.widgets[i as number].model.sharedModel.setSource(src as string);
  }, [index, code] as const);
  await runCell(page, index);
  return (await cellAt(page, index).locator('.jp-OutputArea-output').allInnerTexts()).join('\n').trim();
}

type Dive = { screenOf(row: number): [number, number] | null; selectedRows(): number[]; view: Record<string, unknown> };
const dive = (p: Locator) => p.evaluate((el) => {
  const d = (el as unknown as { tsmlDive: Dive }).tsmlDive;
  return { view: d.view };
});
const screenOf = async (p: Locator, row: number): Promise<[number, number]> => {
  const at = await p.evaluate((el, r) => (el as unknown as { tsmlDive: Dive }).tsmlDive.screenOf(r), row);
  const box = (await p.locator('.tsml-dive-stage').boundingBox())!;
  return [box.x + at![0], box.y + at![1]];
};

/** Pixels that differ between two screenshots within `r` of (x, y). */
function changedNear(a: Buffer, b: Buffer, x: number, y: number, r: number): number {
  const pa = PNG.sync.read(a), pb = PNG.sync.read(b);
  let n = 0;
  for (let j = Math.max(0, Math.round(y - r)); j < Math.min(pa.height, Math.round(y + r)); j++) {
    for (let i = Math.max(0, Math.round(x - r)); i < Math.min(pa.width, Math.round(x + r)); i++) {
      const k = (j * pa.width + i) * 4;
      if (Math.abs(pa.data[k] - pb.data[k]) + Math.abs(pa.data[k + 1] - pb.data[k + 1]) + Math.abs(pa.data[k + 2] - pb.data[k + 2]) > 30) n++;
    }
  }
  return n;
}

describe('Dive panel in JupyterLab', () => {
  it('facets, switches to scatter, recolours, shows a row, sends a selection and takes a highlight', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'dive.ipynb', [
      "const adult = tsml.datasets.census({ n: 3000, seed: 7 });",
      "const d = display.dive(adult, { row: 'sex', column: 'income', sort: 'age', color: 'race' });",
      '', '', '',
    ]);
    await openNotebook(page, lab, 'dive.ipynb');
    await runCell(page, 0);
    await runCell(page, 1);
    const p = panel(page, 1);
    await p.waitFor();
    let frames = await drawn(p);
    expect(await p.getAttribute('data-renderer')).toBe('webgl2');
    expect(await p.locator('.tsml-dive-status').innerText()).toMatch(/^3,000 rows · 0 selected/);
    expect((await dive(p)).view).toMatchObject({ row: 'sex', column: 'income', layout: 'stack', sort: 'age', color: 'race' });
    const legend = await p.locator('.tsml-dive-legend').innerText();
    expect(legend).toMatch(/^rows: sex · columns: income · sorted by: age\s+race:\s+White/);
    console.log((await expectScreenshot(p.locator('.tsml-dive-stage'), 'dive-stacked', { tolerance: 0.02 })).message);

    // Every option is a control: scatter of age × hours, coloured by income.
    await p.getByLabel('Layout').selectOption('scatter');
    await p.getByLabel('X', { exact: true }).selectOption('age');
    await p.getByLabel('Y', { exact: true }).selectOption('hours_per_week');
    await p.getByLabel('Color', { exact: true }).selectOption('income');
    frames = await drawn(p, frames);
    expect((await dive(p)).view).toMatchObject({ layout: 'scatter', x: 'age', y: 'hours_per_week', color: 'income', row: 'sex', column: 'income' });
    expect(await p.locator('.tsml-dive-legend').innerText()).toMatch(/^rows: sex · columns: income · x: age · y: hours_per_week\s+income:\s+<=50K\s+[\d,]+\s+>50K\s+[\d,]+$/);
    console.log((await expectScreenshot(p.locator('.tsml-dive-stage'), 'dive-scatter', { tolerance: 0.02 })).message);

    // Click a point: its card lists the table's row, exactly (values from the kernel).
    const target = 10;
    const [x, y] = await screenOf(p, target);
    await page.mouse.click(x, y);
    const card = p.locator('.tsml-dive-card');
    await card.waitFor();
    const row = Number(await p.getAttribute('data-card'));
    const fromKernel = JSON.parse(await run(page, 3, `console.log(JSON.stringify(adult.objects()[${row}]))`));
    const cells = await card.locator('td').evaluateAll((tds) => Object.fromEntries(tds.map((td) => [(td as HTMLElement).dataset.column!, td.textContent])));
    expect(Object.keys(cells)).toEqual(Object.keys(fromKernel));
    for (const [k, v] of Object.entries(fromKernel)) expect(cells[k]).toBe(String(v));
    await card.getByRole('button', { name: 'Close' }).click();

    // Box select (Shift+drag) around a man earning <=50K aged about 40: the kernel reads the same rows.
    const centre = Number(await run(page, 3, "console.log(adult.objects().findIndex((r) => r.sex === 'Male' && r.income === '<=50K' && r.age === 40 && r.hours_per_week === 40))"));
    const [cx, cy] = await screenOf(p, centre);
    await page.keyboard.down('Shift');
    await page.mouse.move(cx - 30, cy - 25);
    await page.mouse.down();
    await page.mouse.move(cx, cy, { steps: 4 });
    await page.mouse.move(cx + 30, cy + 25, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await page.waitForFunction((el) => Number((el as HTMLElement).dataset.selected ?? 0) > 0, await p.elementHandle());
    const inPanel = await p.evaluate((el) => (el as unknown as { tsmlDive: Dive }).tsmlDive.selectedRows());
    expect(inPanel.length).toBeGreaterThan(5);
    expect(await p.locator('.tsml-dive-status').innerText()).toContain(`${inPanel.length} selected`);
    expect(JSON.parse(await run(page, 2, 'console.log(JSON.stringify(d.selection()))'))).toEqual(inPanel);
    // All in the one facet the box was drawn in, and near age 40 / 40 hours.
    const summary = JSON.parse(await run(page, 3, [
      'const s = d.selected();',
      "console.log(JSON.stringify({ n: s.numRows(), sex: [...new Set(s.array('sex'))], income: [...new Set(s.array('income'))], ages: [Math.min(...s.array('age')), Math.max(...s.array('age'))] }))",
    ].join('\n')));
    expect(summary).toMatchObject({ n: inPanel.length, sex: ['Male'], income: ['<=50K'] });
    expect(summary.ages[0]).toBeGreaterThan(30);
    expect(summary.ages[1]).toBeLessThan(50);

    // A highlight from the kernel rings rows in the open view.
    const before = await p.locator('.tsml-dive-stage').screenshot();
    await run(page, 4, 'd.highlight(d.selection().slice(0, 3))');
    await page.waitForFunction((el) => (el as HTMLElement).dataset.highlighted === '3', await p.elementHandle());
    await drawn(p, frames);
    await page.waitForTimeout(100);
    const after = await p.locator('.tsml-dive-stage').screenshot();
    // The ring around the first highlighted row changes the pixels around it, and little else.
    const [hx, hy] = await p.evaluate((el, r) => (el as unknown as { tsmlDive: Dive }).tsmlDive.screenOf(r)!, inPanel[0]);
    expect(changedNear(before, after, hx, hy, 12)).toBeGreaterThan(10);
    expect(comparePng(after, before).ratio).toBeLessThan(0.01);
    expect(await p.locator('.tsml-dive-status').innerText()).toContain('3 highlighted');

    // The saved output: payload, a PNG snapshot without script, a text summary.
    await saveNotebook(page);
    const out = readSavedNotebook(lab, 'dive.ipynb').cells[1].outputs![0] as { data: Record<string, unknown> };
    expect(Object.keys(out.data).sort()).toEqual([DIVE_MIME, 'text/html', 'text/plain'].sort());
    const html = ([] as string[]).concat(out.data['text/html'] as string).join('');
    expect(html).toContain('data:image/png;base64,');
    expect(html).not.toMatch(/<script/i);
    const png = PNG.sync.read(Buffer.from(html.match(/base64,([^"]+)"/)![1], 'base64'));
    expect(png.width).toBe(760);
    expect(([] as string[]).concat(out.data['text/plain'] as string).join('')).toMatch(/^Dive of 3,000 rows × 15 columns/);
    expect(e2e.pageErrors).toEqual([]);
  });
});

describe('the saved census notebook', () => {
  it('re-renders live from the columns it embeds, even when its kernel no longer has the Dive', async () => {
    const { page, lab } = e2e;
    copyFileSync(join(REPO, 'notebooks', '11-census-dive.ipynb'), join(lab.rootDir, 'census-dive.ipynb'));
    await openNotebook(page, lab, 'census-dive.ipynb');
    // The output's cell: the one whose saved output is the Dive (nothing is run).
    const p = notebookArea(page).locator('.tsml-dive').first();
    await p.waitFor({ state: 'attached' });
    // Lab lays out cells only as they scroll into view; the panel lays out once it has a size.
    await p.scrollIntoViewIfNeeded();
    await drawn(p);
    // Again: the stage replaced its placeholder, and Lab skips the text of cells out of view.
    await p.scrollIntoViewIfNeeded();
    expect(await p.getAttribute('data-renderer')).toBe('webgl2');
    expect(await p.getAttribute('data-rows')).toBe('32561');
    expect(await p.locator('.tsml-dive-legend').innerText()).toMatch(/^rows: education · columns: sex · x: age · y: hours_per_week\s+income:/);
    // The new kernel answers that it has no such channel: the view stays live on the embedded columns.
    await expect.poll(() => p.locator('.tsml-dive-status').innerText(), { timeout: 30_000 }).toContain('not live');
    console.log((await expectScreenshot(p.locator('.tsml-dive-stage'), 'dive-census', { tolerance: 0.02 })).message);
    // A column the output does not embed cannot be picked without the kernel: listed, disabled, with the reason.
    const workclass = p.getByLabel('Color', { exact: true }).locator('option[value="workclass"]');
    expect(await workclass.isDisabled()).toBe(true);
    expect(await workclass.getAttribute('title')).toMatch(/run the cell with the tsml kernel/);
    expect(e2e.pageErrors).toEqual([]);
  });
});

describe('a million rows', () => {
  it('keeps the page responsive while the Dive loads and lays out, then draws every point', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'dive-1m.ipynb', [
      [
        "import * as aq from 'arquero';",
        'const n = 1_000_000;',
        'const x = new Float64Array(n), y = new Float64Array(n), g = new Array(n);',
        'let s = 1;',
        'const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);',
        "for (let i = 0; i < n; i++) { const k = Math.floor(r() * 4); x[i] = k + r(); y[i] = Math.sin(x[i] * 3) + r(); g[i] = 'abcd'[k]; }",
        'const big = aq.table({ x, y, g });',
      ].join('\n'),
      "const d = display.dive(big, { x: 'x', y: 'y', color: 'g', column: 'g' });",
      '',
    ]);
    await openNotebook(page, lab, 'dive-1m.ipynb');
    await runCell(page, 0, 120_000);
    // Main-thread tasks over 50 ms (the browser's long tasks), from here until every point is drawn.
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) w.longTasks.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
    });
    // Run the Dive cell without waiting for it, and type into another cell meanwhile.
    await page.evaluate(async () => {
      const app = window.jupyterapp;
      await app.commands.execute('notebook:enter-command-mode');
      app.shell.currentWidget!.content.activeCellIndex = 1;
      void app.commands.execute('notebook:run-cell');
    });
    const p = panel(page, 1);
    const editor = cellAt(page, 2).locator('.cm-content');
    const answers: number[] = [];
    const done = async () => (await p.count()) > 0 && Number(await p.getAttribute('data-drawn')) === 1_000_000;
    for (let k = 0; k < 60 && !(await done()); k++) {
      const t0 = Date.now();
      await editor.click();
      await page.keyboard.type('x');
      await expect.poll(async () => (await editor.innerText()).length, { timeout: 10_000, interval: 20 }).toBe(k + 1);
      answers.push(Date.now() - t0);
    }
    await page.waitForFunction((el) => Number((el as HTMLElement).dataset.drawn) === 1_000_000, await p.elementHandle(), { timeout: 120_000 });
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(`1 M rows: keystrokes answered in ${answers.join(', ')} ms; main-thread long tasks ${longTasks.join(', ')} ms`);
    // The page is never blocked for a second (the layout runs in a worker, points draw in bounded passes).
    expect(Math.max(0, ...longTasks)).toBeLessThan(1000);
    expect(await p.getAttribute('data-rows')).toBe('1000000');
    expect(await p.locator('.tsml-dive-status').innerText()).toMatch(/^1,000,000 rows · 0 selected/);
    const bytes = await p.evaluate((el) => (el as unknown as { tsmlDive: { bytes: number } }).tsmlDive.bytes);
    // x and y as float32, g as one byte: 9 bytes per point on the wire.
    expect(bytes).toBe(9_000_000);
    expect(e2e.pageErrors).toEqual([]);
  });
});

describe('without WebGL2', () => {
  // Last in this file: the page keeps the init script below.
  it('says so and draws a sample with canvas 2D', async () => {
    const { page, lab } = e2e;
    // A browser without WebGL2: the context is refused, as on a machine with GPU access disabled.
    await page.addInitScript(() => {
      const get = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        return type === 'webgl2' || type === 'webgl' ? null : (get as (...a: unknown[]) => unknown).call(this, type, ...rest);
      } as typeof get;
    });
    {
      writeNotebook(lab, 'dive-2d.ipynb', [
        "const adult = tsml.datasets.census({ n: 3000, seed: 7 });",
        "const d = display.dive(adult, { x: 'age', y: 'hours_per_week', color: 'income' });",
      ]);
      await openNotebook(page, lab, 'dive-2d.ipynb');
      await runCell(page, 0);
      await runCell(page, 1);
      const p = panel(page, 1);
      await p.waitFor();
      await drawn(p);
      expect(await p.getAttribute('data-renderer')).toBe('canvas2d');
      expect(await p.locator('.tsml-dive-status').innerText()).toContain('WebGL2 is not available here: drawing 3,000 sampled points with canvas 2D');
      expect(await p.getAttribute('data-drawn')).toBe('3000');
      // The points are on the canvas: the picture has the income colours.
      const shot = PNG.sync.read(await p.locator('.tsml-dive-stage').screenshot());
      let orange = 0;
      for (let i = 0; i < shot.data.length; i += 4) if (shot.data[i] === 0xf2 && shot.data[i + 1] === 0x8e && shot.data[i + 2] === 0x2b) orange++;
      expect(orange).toBeGreaterThan(100);
    }
    expect(e2e.pageErrors).toEqual([]);
  });
});
