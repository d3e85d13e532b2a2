/**
 * tsml's JupyterLab extension: registration only. Each panel lives in
 * src/panels/<name>/ and renders one of the MIME types of the shared contract
 * (`tsml/mime`), so the kernel and the extension cannot disagree on names.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { TsmlMime } from 'tsml/mime';
import { OverviewPanel } from './panels/overview/panel';
import { TablePanel } from './panels/table/panel';
import { DivePanel } from './panels/dive/panel';

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

const dive: IRenderMime.IExtension = {
  id: '@tsml/jupyterlab:dive',
  description: 'Facets-style Dive: every row as a point, faceted, coloured, zoomable and selectable (WebGL2).',
  // Safe: it draws the payload's numbers and shows strings as text only; nothing from the output runs.
  rendererFactory: { safe: true, mimeTypes: [TsmlMime.dive], createRenderer: (options) => new DivePanel(options) },
  rank: 10,
  dataType: 'json',
};

const extensions: IRenderMime.IExtension[] = [overview, table, dive];
export default extensions;

// For panels in other extensions (the package is a shared singleton): the channel to the kernel.
export { panelHost, type PanelChannel, type ChannelState } from './channel';
