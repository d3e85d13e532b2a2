/**
 * The live Overview: the toolbar over the same tables and charts the static
 * fallback shows (from `tsml/overview`), redrawn when a control changes.
 * Column widths are fixed by CSS, so sorting and toggles never move the layout.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { DEFAULT_VIEW, overviewModel, rows, sectionTable, seriesClass, visibleFeatures, type FeatureKind, type OverviewModel, type ViewOptions } from 'tsml/overview';
import { toolbar, type Change } from './controls';

const TITLES: Record<FeatureKind, string> = { numeric: 'Numeric features', categorical: 'Categorical features' };

export class OverviewPanel extends Widget implements IRenderMime.IRenderer {
  private view: ViewOptions = { ...DEFAULT_VIEW };
  private payload: unknown;
  private model: OverviewModel | null = null;
  private readonly body = document.createElement('div');
  private readonly status = document.createElement('div');

  constructor(private readonly options: IRenderMime.IRendererOptions) {
    super();
    this.addClass('tsml-ov');
    this.addClass('tsml-ov-panel');
    this.status.className = 'tsml-ov-status';
    this.status.setAttribute('aria-live', 'polite');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const start = performance.now();
    this.payload = model.data[this.options.mimeType];
    try {
      this.model = overviewModel(this.payload, { weighted: this.view.weighted });
    } catch (e) {
      this.node.textContent = `tsml Overview cannot render this output: ${(e as Error).message}`;
      this.node.classList.add('tsml-ov-error');
      return;
    }
    this.node.replaceChildren(this.legend(this.model), toolbar(this.model, this.view, (c) => this.change(c)), this.status, this.body);
    this.draw();
    // Visible in the browser's performance panel; bench/overview reads it for the first-render figure.
    performance.measure('tsml:overview:render', { start, detail: { features: this.model.features.length } });
    // Up to the frame that shows it (style, layout, paint), which a user waits for too.
    requestAnimationFrame(() => setTimeout(() => performance.measure('tsml:overview:frame', { start }), 0));
  }

  private change(c: Change): void {
    const start = performance.now();
    const reread = c.weighted !== undefined && c.weighted !== this.view.weighted;
    this.view = { ...this.view, ...c };
    if (reread) this.model = overviewModel(this.payload, { weighted: this.view.weighted });
    this.draw();
    performance.measure('tsml:overview:redraw', { start, detail: { change: Object.keys(c) } });
  }

  private legend(model: OverviewModel): HTMLElement {
    const el = document.createElement('div');
    el.className = 'tsml-ov-legend';
    for (const [i, d] of model.datasets.entries()) {
      const item = document.createElement('span');
      const swatch = document.createElement('span');
      swatch.className = `tsml-ov-swatch ${seriesClass(i)}`;
      item.append(swatch, `${d.name} (${rows(d.examples)})`);
      el.append(item);
    }
    return el;
  }

  private draw(): void {
    const model = this.model;
    if (!model) return;
    let shown = 0;
    const html = (['numeric', 'categorical'] as const).map((kind) => {
      const features = visibleFeatures(model, kind, this.view);
      const all = model.features.filter((f) => f.kind === kind).length;
      shown += features.length;
      if (!all) return '';
      const count = features.length === all ? `${all}` : `${features.length} of ${all}`;
      return `<section class="tsml-ov-section" data-kind="${kind}"><h4>${TITLES[kind]} (${count})</h4>${features.length ? sectionTable(kind, features, model, this.view) : ''}</section>`;
    });
    // Every string in the markup went through esc(): feature names and values come from user data.
    this.body.innerHTML = html.join('');
    this.status.textContent = this.view.search ? `${shown} of ${model.features.length} features match` : '';
  }
}
