/**
 * tsml's JupyterLab extension: registration only. Each panel lives in
 * src/panels/<name>/ and renders one of the MIME types of the shared contract
 * (`tsml/mime`), so the kernel and the extension cannot disagree on names.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { TsmlMime, type TsmlMimeType } from 'tsml/mime';
import { OverviewPanel } from './panels/overview/panel';
import { TablePanel } from './panels/table/panel';
import { LossPanel } from './panels/loss/panel';
import { MissingPanel } from './panels/missing/panel';
import { OutliersPanel } from './panels/outliers/panel';
import { DivePanel } from './panels/dive/panel';

type Panel = new (options: IRenderMime.IRendererOptions) => IRenderMime.IRenderer;

/**
 * Every panel is marked safe: none runs code from the output, user strings are set as text or
 * escaped, and actions only talk to the kernel that made the output — so they render in untrusted
 * notebooks too. Rank 10 puts each ahead of text/html (50+), so the live panel wins over its static
 * fallback.
 */
function panel(name: string, mime: TsmlMimeType, Renderer: Panel, description: string): IRenderMime.IExtension {
  return {
    id: `@tsml/jupyterlab:${name}`,
    description,
    rendererFactory: { safe: true, mimeTypes: [mime], createRenderer: (options) => new Renderer(options) },
    rank: 10,
    dataType: 'json',
  };
}

const extensions: IRenderMime.IExtension[] = [
  panel('overview', TsmlMime.overview, OverviewPanel, 'Facets-style Overview of datasets: statistics, charts and red highlights per feature.'),
  panel('table', TsmlMime.table, TablePanel, 'Tables: every row scrolls and sorts (a page at a time from the kernel); the saved head and tail without one.'),
  panel('loss', TsmlMime.loss, LossPanel, 'Live training curves: smoothed loss and metrics per step, validation per epoch, learning rate, several runs.'),
  panel('missing', TsmlMime.missing, MissingPanel, 'Missing values: per-column shares, nullity matrix, correlation, dendrogram, sentinels, duplicates, imputation previews and a cleaning plan.'),
  panel('dive', TsmlMime.dive, DivePanel, 'Facets-style Dive: every row as a point, faceted, coloured, zoomable and selectable (WebGL2).'),
  panel('outliers', TsmlMime.outliers, OutliersPanel, 'Outliers: IQR, z and modified-z fences with box plots, Isolation Forest and kNN scores with draggable thresholds, flagged rows.'),
];
export default extensions;

// For panels in other extensions (the package is a shared singleton): the channel to the kernel.
export { panelHost, type PanelChannel, type ChannelState } from './channel';
