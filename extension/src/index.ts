/**
 * tsml's JupyterLab extension: registration only. Each panel lives in
 * src/panels/<name>/ and renders one of the MIME types of the shared contract
 * (`tsml/mime`), so the kernel and the extension cannot disagree on names.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { TsmlMime } from 'tsml/mime';
import { OverviewPanel } from './panels/overview/panel';

const overview: IRenderMime.IExtension = {
  id: '@tsml/jupyterlab:overview',
  description: 'Facets-style Overview of datasets: statistics, charts and red highlights per feature.',
  // Safe: the panel runs no code from the output and escapes every string it shows, so it also renders in untrusted notebooks.
  rendererFactory: { safe: true, mimeTypes: [TsmlMime.overview], createRenderer: (options) => new OverviewPanel(options) },
  // Ahead of text/html (rank 50+), so the live panel wins over the static fallback.
  rank: 10,
  dataType: 'json',
};

const extensions: IRenderMime.IExtension[] = [overview];
export default extensions;

// For panels in other extensions (the package is a shared singleton): the channel to the kernel.
export { panelHost, type PanelChannel, type ChannelState } from './channel';
