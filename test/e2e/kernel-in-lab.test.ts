/**
 * The tsml kernel inside a real JupyterLab, driven by headless Chromium: what a student sees
 * when they open a notebook and press Run All, and what Lab writes to disk when they save.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cellAt, expectScreenshot, notebookArea, openNotebook, outputsOf, outputText, readSavedNotebook,
  runAllCells, runCell, saveNotebook, startE2E, writeNotebook, type E2E,
} from './harness/index.js';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

describe('tsml kernel in JupyterLab', () => {
  it('runs cells, renders results, streams and errors, keeps going, and saves the outputs', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'basics.ipynb', [
      'const x: number = 40;\nx + 2',
      "console.log('hello from tsml', x);",
      // Tagged so Run All goes on past it, as nbclient and tsml run also do.
      { source: "throw new RangeError('learning rate must be positive');", tags: ['raises-exception'] },
      '`x is still ${x}`',
    ]);
    await openNotebook(page, lab, 'basics.ipynb');
    await expect.poll(() => page.locator('.jp-NotebookPanel-toolbar .jp-KernelName').innerText()).toContain('TypeScript (tsml)');

    await runAllCells(page);

    const result = outputsOf(page, 0);
    await expect.poll(() => result.count()).toBe(1);
    expect(await result.first().innerText()).toBe('42');
    expect(await cellAt(page, 0).locator('.jp-OutputPrompt').innerText()).toBe('[1]:');

    const stream = outputsOf(page, 1);
    expect(await stream.count()).toBe(1);
    expect(await stream.first().getAttribute('data-mime-type')).toBe('application/vnd.jupyter.stdout');
    expect((await stream.first().innerText()).trimEnd()).toBe('hello from tsml 40');

    const error = outputsOf(page, 2);
    expect(await error.count()).toBe(1);
    expect(await error.first().getAttribute('data-mime-type')).toBe('application/vnd.jupyter.stderr');
    const errorText = await error.first().innerText();
    expect(errorText).toContain('RangeError: learning rate must be positive');
    expect(errorText).toContain('Cell In[3], line 1');

    expect(await outputsOf(page, 3).first().innerText()).toBe("'x is still 40'");

    await saveNotebook(page);
    const saved = readSavedNotebook(lab, 'basics.ipynb');
    const outs = saved.cells.map((c) => c.outputs ?? []);
    expect(saved.cells.map((c) => c.execution_count)).toEqual([1, 2, 3, 4]);
    expect(outs[0]).toMatchObject([{ output_type: 'execute_result', execution_count: 1 }]);
    expect(outputText(outs[0][0])).toBe('42');
    expect(outs[1]).toMatchObject([{ output_type: 'stream', name: 'stdout' }]);
    expect(outputText(outs[1][0])).toBe('hello from tsml 40\n');
    expect(outs[2]).toMatchObject([{ output_type: 'error', ename: 'RangeError', evalue: 'learning rate must be positive' }]);
    expect(outputText(outs[3][0])).toBe("'x is still 40'");

    // Throws on a mismatch (diff image in test/artifacts/e2e/); writes the reference when missing.
    await expectScreenshot(notebookArea(page), 'kernel-in-lab-basics');
    expect(e2e.pageErrors).toEqual([]);
  });

  it('stops Run All at an untagged error; the next cell still runs on its own', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'stops.ipynb', [
      // Fails at once: Lab's Run All sends every cell together, and they reach the kernel a few ms
      // apart, some after this error. The kernel must abort the whole batch, not just what was queued.
      "const y = 1;\nthrow new Error('boom');",
      'y + 1',
      ...Array.from({ length: 8 }, (_, i) => `globalThis.ran${i} = true`),
      "Object.keys(globalThis).filter((k) => k.startsWith('ran'))",
    ]);
    await openNotebook(page, lab, 'stops.ipynb');

    await runAllCells(page);
    expect(await outputsOf(page, 0).first().innerText()).toContain('Error: boom');
    // Lab sent stop_on_error, so the kernel aborted every cell after it: no output, no count.
    for (let i = 1; i <= 10; i++) expect(await outputsOf(page, i).count(), `cell ${i}`).toBe(0);

    await runCell(page, 1);
    expect(await outputsOf(page, 1).first().innerText()).toBe('2');
    // None of the aborted cells ran behind the notebook's back.
    await runCell(page, 10);
    expect(await outputsOf(page, 10).first().innerText()).toBe('[]');

    await saveNotebook(page);
    const saved = readSavedNotebook(lab, 'stops.ipynb');
    expect(saved.cells[0].outputs).toMatchObject([{ output_type: 'error', ename: 'Error', evalue: 'boom' }]);
    expect(saved.cells[1].outputs).toMatchObject([{ output_type: 'execute_result' }]);
    expect(outputText(saved.cells[1].outputs![0])).toBe('2');
    expect(e2e.pageErrors).toEqual([]);
  });
});
