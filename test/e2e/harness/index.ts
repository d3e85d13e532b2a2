/**
 * End-to-end harness: a real JupyterLab server and headless Chromium, one pair per test file.
 *
 *   let e2e: E2E;
 *   beforeAll(async () => { e2e = await startE2E(); });
 *   afterAll(async () => { await e2e?.close(); });
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { configureLab, launchBrowser, newContext, type Theme } from './browser.js';
import { startLabServer, type LabServer, type LabServerOptions } from './lab-server.js';

export * from './browser.js';
export * from './lab-server.js';
export * from './notebook.js';
export * from './screenshot.js';

export interface E2E {
  lab: LabServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors thrown in the page, to put in failure messages. */
  pageErrors: string[];
  /** Closes the browser and stops the server (and its kernels); safe after a partial start. */
  close(): Promise<void>;
}

export interface E2EOptions extends LabServerOptions {
  theme?: Theme;
}

export async function startE2E(opts: E2EOptions = {}): Promise<E2E> {
  const lab = await startLabServer(opts);
  let browser: Browser | undefined;
  try {
    await configureLab(lab, opts.theme ?? 'light');
    browser = await launchBrowser();
    const context = await newContext(browser, opts.theme ?? 'light');
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      try { await browser!.close(); } finally { await lab.stop(); }
    };
    return { lab, browser, context, page, pageErrors, close };
  } catch (err) {
    await browser?.close().catch(() => {});
    await lab.stop();
    throw err;
  }
}
