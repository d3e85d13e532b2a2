/**
 * The live loss panel. JupyterLab hands every update_display_data of the
 * output to the same renderer (renderModel again), so the panel keeps its DOM:
 * one canvas per metric, created once and repainted on the next animation
 * frame (updates arriving faster coalesce into one paint). Smoothing and log-y
 * are per view; hover shows each line's value at the pointer.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { formatValue, lossModel, nearest, runLine, type ChartGeometry, type LossModel } from 'tsml/loss';
import { BOX, drawChart, drawCrosshair, themeOf } from './canvas';
import { legend, toolbar, type View } from './controls';

interface ChartView {
  figure: HTMLElement;
  canvas: HTMLCanvasElement;
  geometry?: ChartGeometry;
}

export class LossPanel extends Widget implements IRenderMime.IRenderer {
  private model: LossModel | null = null;
  private view: View | null = null;
  private readonly head = document.createElement('div');
  private readonly legendEl = document.createElement('div');
  private readonly grid = document.createElement('div');
  private readonly tip = document.createElement('div');
  private readonly charts = new Map<string, ChartView>();
  private toolbarEl: HTMLElement | null = null;
  private frame = 0;

  constructor(private readonly options: IRenderMime.IRendererOptions) {
    super();
    this.addClass('tsml-loss');
    this.head.className = 'tsml-loss-status';
    this.head.setAttribute('aria-live', 'polite');
    this.legendEl.className = 'tsml-loss-legend';
    this.grid.className = 'tsml-loss-grid';
    this.tip.className = 'tsml-loss-tip';
    this.tip.hidden = true;
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    try {
      this.model = lossModel(model.data[this.options.mimeType]);
    } catch (e) {
      this.node.textContent = `tsml loss chart cannot render this output: ${(e as Error).message}`;
      return;
    }
    if (!this.view) {
      this.view = { smoothing: this.model.smoothing, logY: this.model.logY };
      this.toolbarEl = toolbar(this.view, (c) => {
        this.view = { ...this.view!, ...c };
        this.schedule();
      });
      this.node.replaceChildren(this.head, this.toolbarEl, this.legendEl, this.grid, this.tip);
    }
    this.schedule();
  }

  /** One paint per animation frame, whatever the update rate. */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  private chartView(metric: string): ChartView {
    let v = this.charts.get(metric);
    if (v) return v;
    const figure = document.createElement('figure');
    figure.className = 'tsml-loss-chart';
    figure.dataset.metric = metric;
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.style.width = `${BOX.width}px`;
    canvas.style.height = `${BOX.height}px`;
    figure.append(canvas);
    canvas.addEventListener('mousemove', (e) => this.hover(metric, e));
    canvas.addEventListener('mouseleave', () => this.unhover(metric));
    v = { figure, canvas };
    this.charts.set(metric, v);
    this.grid.append(figure);
    return v;
  }

  private paint(): void {
    const model = this.model;
    const view = this.view;
    if (!model || !view) return;
    const start = performance.now();
    this.head.replaceChildren(...(model.title ? [Object.assign(document.createElement('strong'), { textContent: model.title })] : []), ...model.runs.map((r) => Object.assign(document.createElement('div'), { textContent: runLine(r), className: `tsml-loss-run tsml-loss-${r.status}` })));
    this.legendEl.replaceChildren(...legend(model));
    // Set with the paint, not on receipt: the attribute says what the panel shows.
    this.node.dataset.status = model.runs.map((r) => r.status).join(' ');
    const theme = themeOf(this.node);
    let points = 0;
    for (const chart of model.charts) {
      const v = this.chartView(chart.metric);
      v.canvas.setAttribute('aria-label', `${chart.metric} by ${model.xLabel}`);
      v.geometry = drawChart(v.canvas, chart, { smoothing: view.smoothing, logY: view.logY, xLog: model.xLog, xLabel: model.xLabel, marker: model.marker }, theme);
      for (const l of chart.lines) points += l.buckets.length;
    }
    // The performance panel (and bench/training) read how long a paint takes.
    performance.measure('tsml:loss:draw', { start, detail: { points } });
  }

  private hover(metric: string, e: MouseEvent): void {
    const v = this.charts.get(metric);
    const g = v?.geometry;
    if (!v || !g || !this.model) return;
    const rect = v.canvas.getBoundingClientRect();
    const px = e.clientX - rect.left;
    if (px < g.plot.left || px > g.plot.right) return this.unhover(metric);
    this.paint();
    drawCrosshair(v.canvas, g, px, themeOf(this.node));
    const rows = nearest(g, px).map((n) => {
      const who = this.model!.runs.length > 1 ? `${n.line.run} ` : '';
      const raw = n.bucket.n > 1 ? ` (raw ${formatValue(n.bucket.min)}–${formatValue(n.bucket.max)})` : n.line.series === 'lr' ? '' : ` (raw ${formatValue(n.bucket.last)})`;
      return `${who}${n.line.series}: ${formatValue(n.smooth)}${raw}`;
    });
    const x = nearest(g, px)[0]?.bucket.x;
    this.tip.textContent = [`${this.model.xLabel} ${x === undefined ? '' : formatValue(x)}`, ...rows].join('\n');
    this.tip.hidden = false;
    const host = this.node.getBoundingClientRect();
    this.tip.style.left = `${rect.left - host.left + px + 12}px`;
    this.tip.style.top = `${rect.top - host.top + 20}px`;
  }

  private unhover(_metric: string): void {
    this.tip.hidden = true;
    this.schedule();
  }

  override dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    super.dispose();
  }
}
