/**
 * Notebook helpers: write an .ipynb into the Lab server's root, open it in the browser, run it
 * with Lab's own commands (the ones the Run menu and Ctrl+S call), and read back what Lab saved.
 * Waiting is done on Lab's state (kernel status, cell execution state, model dirtiness),
 * never on fixed sleeps.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { LabServer } from './lab-server.js';

export type CellSpec =
  | string
  | { source: string; type?: 'code' | 'markdown'; tags?: string[] };

export interface NbOutput {
  output_type: 'stream' | 'execute_result' | 'display_data' | 'error';
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}
export interface NbCell {
  cell_type: 'code' | 'markdown';
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: NbOutput[];
  execution_count?: number | null;
}
export interface Notebook { nbformat: number; metadata: Record<string, unknown>; cells: NbCell[] }

/** Writes an nbformat 4 notebook using the tsml kernel into the server's root dir; returns its path. */
export function writeNotebook(lab: LabServer, name: string, cells: CellSpec[], kernel = 'tsml'): string {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: kernel, display_name: 'TypeScript (tsml)', language: 'typescript' },
      language_info: { name: 'typescript' },
    },
    cells: cells.map((c, i) => {
      const { source, type = 'code', tags } = typeof c === 'string' ? { source: c } : c;
      return {
        cell_type: type,
        id: `cell-${i}`,
        metadata: tags ? { tags } : {},
        source,
        ...(type === 'code' ? { outputs: [], execution_count: null } : {}),
      };
    }),
  };
  const path = join(lab.rootDir, name);
  writeFileSync(path, JSON.stringify(nb, null, 1));
  return path;
}

/** The notebook as Lab saved it to disk. */
export function readSavedNotebook(lab: LabServer, name: string): Notebook {
  return JSON.parse(readFileSync(join(lab.rootDir, name), 'utf8')) as Notebook;
}

/** The text of a saved output (stream text or a MIME type's data), joined as nbformat allows lists. */
export function outputText(out: NbOutput, mime = 'text/plain'): string {
  const v = out.output_type === 'stream' ? out.text : out.data?.[mime];
  return Array.isArray(v) ? v.join('') : String(v ?? '');
}

/**
 * Opens `name` in Lab and waits until the app is restored, the notebook is the current widget,
 * and its kernel has started and is idle.
 */
/** Opens a notebook in JupyterLab, or with `ui: 'notebook'` in Notebook 7 (same server), and waits for its idle kernel. */
export async function openNotebook(page: Page, lab: LabServer, name: string, timeoutMs = 60_000, ui: 'lab' | 'notebook' = 'lab'): Promise<void> {
  const path = name.split('/').map(encodeURIComponent).join('/');
  await page.goto(`${lab.url}/${ui === 'lab' ? 'lab/tree' : 'notebooks'}/${path}?token=${lab.token}`);
  await page.waitForFunction(() => window.jupyterapp !== undefined, null, { timeout: timeoutMs });
  await page.evaluate(async () => { await window.jupyterapp.restored; });
  await page.waitForFunction((p) => window.jupyterapp.shell.currentWidget?.context?.path === p, name, { timeout: timeoutMs });
  await page.evaluate(async () => {
    const panel = window.jupyterapp.shell.currentWidget!;
    await panel.context.ready;
    await panel.sessionContext.ready;
  });
  await waitForKernelIdle(page, timeoutMs);
}

export async function waitForKernelIdle(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(
    () => window.jupyterapp.shell.currentWidget?.sessionContext.session?.kernel?.status === 'idle',
    null,
    { timeout: timeoutMs, polling: 100 },
  );
}

/**
 * Runs every cell with Lab's "Run All Cells" command and waits until no cell is running and the
 * kernel is idle again. A cell that fails stops the run (Lab sends stop_on_error), except cells
 * tagged `raises-exception`.
 */
export async function runAllCells(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('notebook:run-all-cells');
  });
  await waitForCellsDone(page, timeoutMs);
}

/** Runs one cell (0-based): makes it the active cell, as a click would, then "Run Selected Cell". */
export async function runCell(page: Page, index: number, timeoutMs = 60_000): Promise<void> {
  await page.evaluate(async (i) => {
    const app = window.jupyterapp;
    await app.commands.execute('notebook:enter-command-mode');
    app.shell.currentWidget!.content.activeCellIndex = i;
    await app.commands.execute('notebook:run-cell');
  }, index);
  await waitForCellsDone(page, timeoutMs);
}

/**
 * Waits until every code cell's last execute request is complete (reply and idle received) and
 * the kernel is idle. Lab's "Run All" promise and cell states settle at the first error reply,
 * while the kernel may still be answering later cells; the requests' own futures do not.
 */
export async function waitForCellsDone(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.evaluate(async (ms) => {
    const panel = window.jupyterapp.shell.currentWidget!;
    const done = panel.content.widgets.map((c) => c.outputArea?.future?.done);
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`cells still running after ${ms} ms`)), ms));
    await Promise.race([Promise.allSettled(done), timeout]);
  }, timeoutMs);
  await page.waitForFunction(
    () => window.jupyterapp.shell.currentWidget?.sessionContext.session?.kernel?.status === 'idle',
    null,
    { timeout: timeoutMs, polling: 100 },
  );
}

/** Saves the current notebook with the command Ctrl+S runs and waits until Lab has written it. */
export async function saveNotebook(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('docmanager:save');
  });
  await page.waitForFunction(() => window.jupyterapp.shell.currentWidget?.context.model.dirty === false, null, { timeout: timeoutMs });
}

/** The current notebook's area (all cells), e.g. for screenshots. */
export const notebookArea = (page: Page): Locator => page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');

/** Cell `index` (0-based) of the current notebook. */
export const cellAt = (page: Page, index: number): Locator =>
  notebookArea(page).locator('.jp-Cell').nth(index);

/** The rendered outputs of cell `index`, one locator per output. */
export const outputsOf = (page: Page, index: number): Locator => cellAt(page, index).locator('.jp-OutputArea-output');
