/**
 * Headless Debian Chromium driven by playwright-core, set up so screenshots are comparable
 * across runs: fixed viewport, device scale factor 1, software GL (SwiftShader) rather than
 * whatever GPU the machine has, and a JupyterLab theme chosen through Lab's own settings.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { LabServer } from './lab-server.js';

export const CHROMIUM = process.env.TSML_CHROMIUM ?? '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 900 } as const;

export type Theme = 'light' | 'dark';
const THEME_NAMES: Record<Theme, string> = { light: 'JupyterLab Light', dark: 'JupyterLab Dark' };

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`bash scripts/setup.sh\` (it installs Debian's chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
}

export async function newContext(browser: Browser, theme: Theme = 'light'): Promise<BrowserContext> {
  return browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    // Lab's adaptive theme follows prefers-color-scheme when enabled; keep the two in step.
    colorScheme: theme,
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
}

async function putSettings(lab: LabServer, plugin: string, settings: object): Promise<void> {
  const res = await lab.api(`/lab/api/settings/${plugin}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    // The settings API stores the raw JSON5 text the Settings Editor would write.
    body: JSON.stringify({ raw: JSON.stringify(settings) }),
  });
  if (!res.ok) throw new Error(`PUT settings ${plugin}: HTTP ${res.status} ${await res.text()}`);
}

/**
 * Sets Lab's user settings before a page loads: the theme, and no news or update toasts
 * (a toast over a notebook would show up in screenshots).
 */
export async function configureLab(lab: LabServer, theme: Theme = 'light'): Promise<void> {
  await putSettings(lab, '@jupyterlab/apputils-extension:themes', { theme: THEME_NAMES[theme], 'adaptive-theme': false });
  await putSettings(lab, '@jupyterlab/apputils-extension:notification', { fetchNews: 'false', checkForUpdates: false });
}

/** Switches the theme of an open page through the same command the Settings menu runs. */
export async function switchTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate(async (name) => {
    await window.jupyterapp.commands.execute('apputils:change-theme', { theme: name });
  }, THEME_NAMES[theme]);
  const light = theme === 'light' ? 'true' : 'false';
  await page.waitForFunction((want) => document.body.dataset.jpThemeLight === want, light);
}
