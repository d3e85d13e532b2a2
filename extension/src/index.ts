/**
 * tsml's JupyterLab extension: registration only. Each panel lives in
 * src/panels/<name>/ and renders one of the MIME types of the shared contract
 * (`tsml/mime`), so the kernel and the extension cannot disagree on names.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { TsmlMime } from 'tsml/mime';
import { OverviewPanel } from './panels/overview/panel';
import { TablePanel } from './panels/table/panel';
import { LossPanel } from './panels/loss/panel';

const overview: IRenderMime.IExtension = {
  id: '@tsml/jupyterlab:overview',
  description: 'Facets-style Overview of datasets: statistics, charts and red highlights per feature.',
  // Safe: the panel runs no code from the output and escapes every string it shows, so it also renders in untrusted notebooks.
  rendererFactory: { safe: true, mimeTypes: [TsmlMime.overview], createRenderer: (options) => new OverviewPanel(options) },
  // Ahead of text/html (rank 50+), so the live panel wins over the static fallback.
  rank: 10,
  dataType: 'json',
};

const table: IRenderMime.IExtension = {
  id: '@tsml/jupyterlab:table',
  description: 'Tables: every row scrolls and sorts (a page at a time from the kernel); the saved head and tail without one.',
  // Safe for the same reasons: cells are set as text, never as markup.
  rendererFactory: { safe: true, mimeTypes: [TsmlMime.table], createRenderer: (options) => new TablePanel(options) },
  rank: 10,
  dataType: 'json',
};

const loss: IRenderMime.IExtension = {
  id: '@tsml/jupyterlab:loss',
  description: 'Live training curves: smoothed loss and metrics per step, validation per epoch, learning rate, several runs.',
  // Safe: it draws numbers on a canvas and sets text only.
  rendererFactory: { safe: true, mimeTypes: [TsmlMime.loss], createRenderer: (options) => new LossPanel(options) },
  rank: 10,
  dataType: 'json',
};

const extensions: IRenderMime.IExtension[] = [overview, table, loss];
export default extensions;

// For panels in other extensions (the package is a shared singleton): the channel to the kernel.
export { panelHost, type PanelChannel, type ChannelState } from './channel';
