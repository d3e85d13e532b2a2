/**
 * tsml's JupyterLab extension: registration only. Each panel lives in
 * src/panels/<name>/ and renders one of the MIME types of the shared contract
 * (`tsml/mime`), so the kernel and the extension cannot disagree on names.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { TsmlMime } from 'tsml/mime';
import { OverviewPanel } from './panels/overview/panel';
import { MissingPanel } from './panels/missing/panel';
import { OutliersPanel } from './panels/outliers/panel';

const overview: IRenderMime.IExtension = {
  id: '@tsml/jupyterlab:overview',
  description: 'Facets-style Overview of datasets: statistics, charts and red highlights per feature.',
  // Safe: the panel runs no code from the output and escapes every string it shows, so it also renders in untrusted notebooks.
  rendererFactory: { safe: true, mimeTypes: [TsmlMime.overview], createRenderer: (options) => new OverviewPanel(options) },
  // Ahead of text/html (rank 50+), so the live panel wins over the static fallback.
  rank: 10,
  dataType: 'json',
};

const missing: IRenderMime.IExtension = {
  id: '@tsml/jupyterlab:missing',
  description: 'Missing values: per-column shares, nullity matrix, correlation, dendrogram, sentinels, duplicates, imputation previews and a cleaning plan.',
  // Safe: user strings are escaped; actions only talk to the kernel that made the output.
  rendererFactory: { safe: true, mimeTypes: [TsmlMime.missing], createRenderer: (options) => new MissingPanel(options) },
  rank: 10,
  dataType: 'json',
};

const outliers: IRenderMime.IExtension = {
  id: '@tsml/jupyterlab:outliers',
  description: 'Outliers: IQR, z and modified-z fences with box plots, Isolation Forest and kNN scores with draggable thresholds, flagged rows.',
  rendererFactory: { safe: true, mimeTypes: [TsmlMime.outliers], createRenderer: (options) => new OutliersPanel(options) },
  rank: 10,
  dataType: 'json',
};

const extensions: IRenderMime.IExtension[] = [overview, missing, outliers];
export default extensions;

// For panels in other extensions (the package is a shared singleton): the channel to the kernel.
export { panelHost, type PanelChannel, type ChannelState } from './channel';
