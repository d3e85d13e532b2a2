/**
 * The panel <-> kernel channel in a real JupyterLab and Notebook 7: the extension's channel
 * plugin finds the kernel of an output's notebook and opens a `tsml.channel.v1` comm, as a panel
 * does through `panelHost()` (the extension's public export, reached here through the page's
 * module federation container).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openNotebook, outputsOf, readSavedNotebook, runCell, saveNotebook, startE2E, waitForKernelIdle, writeNotebook, type E2E } from './harness/index.js';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const CELLS = [
  [
    'const ch = tsml.openChannel();',
    "ch.on('selection', (m) => { globalThis.picked = m.rows });",
    "ch.on('boom', () => { throw new RangeError('threshold must be positive') });",
    "ch.onConnect((view) => view.send({ type: 'hello', views: ch.connected }));",
    'ch.id',
  ].join('\n'),
  'picked',
  "ch.send({ type: 'highlight', rows: [7, 9] }, [new Float64Array([0.25, 0.5])]); ch.connected",
];

/** Connects through panelHost() from the output of cell `cell`; messages land in window.__tsmlMsgs. */
async function connect(page: Page, cell: number, channelId: string): Promise<string> {
  const node = await outputsOf(page, cell).first().elementHandle();
  return page.evaluate(async ({ node, channelId }) => {
    const w = window as any;
    const container = w._JUPYTERLAB['@tsml/jupyterlab'];
    const mod = (await container.get('./index'))();
    const ch = await mod.panelHost().connect(node, channelId);
    if (!ch) return 'null';
    w.__tsmlHost = mod.panelHost();
    w.__tsmlCh = ch;
    w.__tsmlMsgs = [];
    w.__tsmlStates = [];
    ch.onStateChange((s: string) => w.__tsmlStates.push(s));
    ch.onMessage((m: any, buffers: DataView[]) =>
      w.__tsmlMsgs.push({ ...m, bufferValues: buffers.map((b) => Array.from(new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)))) }));
    return ch.state;
  }, { node, channelId });
}

const messages = (page: Page) => page.evaluate(() => (window as any).__tsmlMsgs as Record<string, any>[]);
const waitForMessage = (page: Page, type: string, timeout = 30_000) =>
  page.waitForFunction((t) => (window as any).__tsmlMsgs?.some((m: any) => m.type === t), type, { timeout, polling: 50 });

async function channelIdOf(page: Page, cell: number): Promise<string> {
  const text = await outputsOf(page, cell).first().innerText();
  return text.trim().replace(/^'|'$/g, '');
}

describe('panel <-> kernel channel in JupyterLab', () => {
  it('a panel sends a value the next cell reads, the kernel pushes to the open panel, a handler error shows, insert code adds a cell', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'channel.ipynb', CELLS);
    await openNotebook(page, lab, 'channel.ipynb');
    await runCell(page, 0);
    const id = await channelIdOf(page, 0);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    await connect(page, 0, id);
    await waitForMessage(page, 'hello');
    expect((await messages(page)).map((m) => m.type)).toEqual(['channel-ready', 'hello']);
    expect(await page.evaluate(() => (window as any).__tsmlCh.state)).toBe('open');

    // (a) panel -> kernel: the next cell reads the value.
    expect(await page.evaluate(() => (window as any).__tsmlCh.send({ type: 'selection', rows: [3, 5, 8] }))).toBe(true);
    await runCell(page, 1);
    expect(await outputsOf(page, 1).first().innerText()).toBe('[ 3, 5, 8 ]');

    // (b) kernel -> open panel, without a new output, binary buffer included.
    await runCell(page, 2);
    await waitForMessage(page, 'highlight');
    const hl = (await messages(page)).find((m) => m.type === 'highlight')!;
    expect(hl.rows).toEqual([7, 9]);
    expect(hl.bufferValues).toEqual([[0.25, 0.5]]);
    expect(await outputsOf(page, 2).first().innerText()).toBe('1');

    // A throwing kernel-side handler shows in the notebook, above the output; the kernel lives on.
    await page.evaluate(() => (window as any).__tsmlCh.send({ type: 'boom' }));
    const strip = page.locator('.jp-Cell').nth(0).locator('.tsml-channel-error');
    await strip.waitFor({ timeout: 30_000 });
    expect(await strip.innerText()).toMatch(/Kernel error in the 'boom' handler[\s\S]*RangeError: threshold must be positive/);
    await strip.locator('button').click();
    expect(await strip.count()).toBe(0);

    // (c) insert code below the output's cell.
    const node = await outputsOf(page, 0).first().elementHandle();
    expect(await page.evaluate((n) => (window as any).__tsmlHost.insertCellBelow(n, 'const fromPanel = 42;'), node)).toBe(true);
    await saveNotebook(page);
    const saved = readSavedNotebook(lab, 'channel.ipynb');
    expect(saved.cells.map((c) => [c.cell_type, Array.isArray(c.source) ? c.source.join('') : c.source])[1]).toEqual(['code', 'const fromPanel = 42;']);
    expect(saved.cells).toHaveLength(CELLS.length + 1);
  });

  it('after a kernel restart the panel reconnects and hears channel-gone from the new kernel', async () => {
    const { page } = e2e;
    await page.evaluate(async () => {
      await (window as any).jupyterapp.shell.currentWidget.sessionContext.restartKernel();
    });
    await waitForKernelIdle(page);
    await page.waitForFunction(() => (window as any).__tsmlCh.state === 'gone', null, { timeout: 30_000 });
    const gone = (await messages(page)).filter((m) => m.type === 'channel-gone');
    expect(gone).toHaveLength(1);
    // The new kernel's answer, not a guess on the page's side.
    expect(gone[0].reason).toMatch(/this kernel has no channel .*run the cell again/);
    expect(await page.evaluate(() => (window as any).__tsmlStates)).toEqual(['open', 'connecting', 'gone']);
    expect(await page.evaluate(() => (window as any).__tsmlCh.send({ type: 'selection', rows: [1] }))).toBe(false);
  });

  it('connect() answers null for a node outside any notebook', async () => {
    const { page } = e2e;
    const result = await page.evaluate(async () => {
      const w = window as any;
      const div = document.createElement('div');
      document.body.append(div);
      const ch = await w.__tsmlHost.connect(div, 'whatever');
      div.remove();
      return ch;
    });
    expect(result).toBeNull();
  });
});

describe('panel <-> kernel channel in Notebook 7', () => {
  it('connects from an output and the next cell reads what the panel sent', async () => {
    const { page, lab } = e2e;
    writeNotebook(lab, 'channel-nb7.ipynb', CELLS);
    await openNotebook(page, lab, 'channel-nb7.ipynb', 60_000, 'notebook');
    await runCell(page, 0);
    const id = await channelIdOf(page, 0);
    expect(await connect(page, 0, id)).not.toBe('null');
    await waitForMessage(page, 'hello');
    await page.evaluate(() => (window as any).__tsmlCh.send({ type: 'selection', rows: [42] }));
    await runCell(page, 1);
    expect(await outputsOf(page, 1).first().innerText()).toBe('[ 42 ]');
  });
});
