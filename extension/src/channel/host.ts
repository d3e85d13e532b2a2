/**
 * The panel host: what a tsml renderer uses to reach the kernel behind its
 * output. Renderers are made by the rendermime registry and get no services,
 * so the channel plugin hands the host a way to find an output's notebook
 * (`setLocator`) when JupyterLab (or Notebook 7) activates it.
 */
import type { ISessionContext } from '@jupyterlab/apputils';
import type { ChannelError } from 'tsml/mime';
import { LiveChannel } from './live';
import type { ConnectOptions, PanelChannel } from './types';

/** Where an output lives: its notebook's session, and a way to add cells next to it. */
export interface OutputSite {
  session: ISessionContext;
  /** Inserts a code cell with `source` below the cell that shows `node`; false when that cell is not found. */
  insertCellBelow(node: HTMLElement, source: string): boolean;
}

export type Locator = (node: HTMLElement) => OutputSite | null;

/** How long a renderer's node may take to be attached to the page. */
const ATTACH_TIMEOUT_MS = 10_000;
/** How long connect() waits for the channel plugin when a renderer asks before it activated. */
const PLUGIN_TIMEOUT_MS = 5_000;

export class PanelHost {
  private locator: Locator | null = null;
  private located!: () => void;
  private readonly activated = new Promise<void>((r) => (this.located = r));

  /** Called by the channel plugin. */
  setLocator(locator: Locator): void {
    this.locator = locator;
    this.located();
  }

  /** True once the channel plugin is active (a live JupyterLab or Notebook 7 page). */
  get available(): boolean {
    return this.locator !== null;
  }

  /**
   * A channel to the kernel-side channel `channelId`, through the kernel of the
   * notebook that shows `node`; null when there is no kernel, the output is not
   * in a notebook, or the channel plugin is not running.
   */
  async connect(node: HTMLElement, channelId: string, opts: ConnectOptions = {}): Promise<PanelChannel | null> {
    const site = await this.siteOf(node);
    if (!site) return null;
    await site.session.ready;
    if (site.session.isDisposed || !site.session.session?.kernel) return null;
    return new LiveChannel(channelId, site.session, opts.showErrors === false ? undefined : (e) => showError(node, e));
  }

  /** Inserts a code cell with `source` below the cell whose output holds `node`. */
  async insertCellBelow(node: HTMLElement, source: string): Promise<boolean> {
    const site = await this.siteOf(node);
    return site ? site.insertCellBelow(node, source) : false;
  }

  private async siteOf(node: HTMLElement): Promise<OutputSite | null> {
    if (!this.locator) await Promise.race([this.activated, delay(PLUGIN_TIMEOUT_MS)]);
    if (!this.locator || !(await attached(node))) return null;
    return this.locator(node);
  }
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Renderers run before their node is in the page; wait until it is (or give up). */
async function attached(node: HTMLElement): Promise<boolean> {
  const until = Date.now() + ATTACH_TIMEOUT_MS;
  while (!node.isConnected) {
    if (Date.now() > until) return false;
    await delay(50);
  }
  return true;
}

/** A dismissable strip above the panel with the kernel-side error. */
function showError(node: HTMLElement, e: ChannelError): void {
  const strip = document.createElement('div');
  strip.className = 'tsml-channel-error';
  strip.setAttribute('role', 'alert');
  const text = document.createElement('pre');
  text.textContent = `Kernel error in ${e.where}:\n${(e.traceback ?? []).join('\n') || `${e.ename}: ${e.evalue}`}`;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = '×';
  dismiss.title = 'Dismiss';
  dismiss.addEventListener('click', () => strip.remove());
  strip.append(dismiss, text);
  if (node.parentElement) node.parentElement.insertBefore(strip, node);
  else node.prepend(strip);
}

let host: PanelHost | undefined;

/** The page's one panel host (shared by every tsml renderer and the channel plugin). */
export function panelHost(): PanelHost {
  return (host ??= new PanelHost());
}
