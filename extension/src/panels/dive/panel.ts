/**
 * The live Dive: toolbar, stage, legend and status over the columns of one
 * `display.dive` output. Layouts run in a worker; a view change re-lays out
 * in place. Without the columns it needs and no kernel to ask, it shows the
 * output's static snapshot and says why.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { viewColumns } from 'tsml/dive';
import type { DivePayload, DiveView } from 'tsml/mime';
import { Card } from './card';
import { toolbar, type ViewChange } from './controls';
import { DiveData } from './data';
import type { DragMode } from './interaction';
import { LayoutClient } from './layout-client';
import { legendEl } from './legend';
import { KernelLink } from './link';
import { Stage } from './stage';

const count = (n: number) => n.toLocaleString('en-US');

/** Why a payload cannot be drawn, or null. */
function invalid(p: unknown): string | null {
  const d = p as DivePayload | null;
  if (!d || typeof d !== 'object') return 'the output holds no Dive payload';
  if (d.version !== 1) return `payload version ${String(d.version)} is newer than this extension (1): update tsml_jupyterlab`;
  if (!Array.isArray(d.columns) || typeof d.rows !== 'number' || !d.view) return 'the payload is incomplete';
  return null;
}

export class DivePanel extends Widget implements IRenderMime.IRenderer {
  private data: DiveData | null = null;
  private view: DiveView | null = null;
  private drag: DragMode = 'pan';
  private stage: Stage | null = null;
  private client: LayoutClient | null = null;
  private card: Card | null = null;
  private bar: HTMLElement = document.createElement('div');
  private readonly legend = document.createElement('div');
  private readonly status = document.createElement('div');
  private readonly tip = document.createElement('div');
  private layoutMs = 0;
  private resizeObserver: ResizeObserver | null = null;
  private themeObserver: MutationObserver | null = null;
  private snapshot: { html: string; text: string } = { html: '', text: '' };
  private link: KernelLink | null = null;
  private kernelNote = '';
  private highlightNote = '';
  /** A layout waits for columns from the kernel; this says whether it re-fits when they arrive. */
  private waiting: { refit: boolean } | null = null;
  private rendered: DivePayload | null = null;
  private renderedAt = 0;
  private firstFrame = false;

  constructor(private readonly options: IRenderMime.IRendererOptions) {
    super();
    this.addClass('tsml-dive');
    this.status.className = 'tsml-dive-status';
    this.status.setAttribute('aria-live', 'polite');
    this.tip.className = 'tsml-dive-tip';
    this.tip.hidden = true;
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const payload = model.data[this.options.mimeType] as unknown as DivePayload;
    const html = model.data['text/html'], text = model.data['text/plain'];
    this.snapshot = { html: typeof html === 'string' ? html : '', text: typeof text === 'string' ? text : '' };
    const why = invalid(payload);
    if (why) {
      this.node.textContent = `tsml Dive cannot render this output: ${why}`;
      this.node.classList.add('tsml-dive-error');
      return;
    }
    // Lab renders an output again on some notebook changes: the same Dive keeps its state.
    if (this.rendered && this.stage && (payload === this.rendered || (payload.channel && payload.channel === this.rendered.channel))) return;
    this.rendered = payload;
    this.dispose_();
    // User Timing marks (the browser's performance panel shows them; bench/dive reads them).
    this.renderedAt = performance.now();
    performance.mark('tsml:dive:render');
    this.data = new DiveData(payload);
    this.view = { ...payload.view };
    this.client = new LayoutClient();
    for (const col of this.data.columns.values()) this.client.addColumn(col);
    // The stage's place, sized, while the kernel is asked for the columns the first view needs: they
    // travel while the (first, slow) WebGL context is created below.
    const holder = document.createElement('div');
    holder.className = 'tsml-dive-stage';
    const height = payload.height ? `${Math.max(120, Math.min(4000, payload.height))}px` : '';
    holder.style.height = height;
    this.node.replaceChildren(this.bar, holder, this.legend, this.status);
    this.node.dataset.state = 'loading';
    this.renderToolbar();
    const missing = viewColumns(this.view).filter((n) => !this.data!.columns.has(n));
    const linking = payload.channel ? this.connect(payload.channel) : null;
    if (linking && missing.length) {
      await linking;
      this.link?.requestColumns(missing);
    }
    if (this.rendered !== payload) return;
    const stage = new Stage({
      selected: (p) => this.onSelected(p),
      clicked: (p, at) => void this.showCard(p, at),
      hovered: (p, at) => this.showTip(p, at),
      cleared: () => this.onSelected(new Uint32Array(0)),
      label: () => (this.view?.label ? this.data?.columns.get(this.view.label) ?? null : null),
    });
    this.stage = stage;
    stage.el.style.height = height;
    this.expose();
    this.card = new Card(() => stage.el.focus({ preventScroll: true }));
    stage.el.append(this.card.el, this.tip);
    holder.replaceWith(stage.el);
    this.resizeObserver = new ResizeObserver(() => this.resized());
    this.resizeObserver.observe(stage.el);
    this.themeObserver = new MutationObserver(() => this.stage?.themeChanged());
    this.themeObserver.observe(document.body, { attributes: true, attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light'] });
    stage.el.addEventListener('tsml-dive-frame', () => this.onFrame());
    await this.relayout(true);
    await linking;
  }

  /**
   * A read-only view of the live state on the panel's node (`node.tsmlDive`), for tests, the benchmark
   * and anyone scripting the page: where a row is drawn, what is selected, bytes received.
   */
  private expose(): void {
    const self = this;
    Object.defineProperty(this.node, 'tsmlDive', {
      configurable: true,
      value: {
        get stats() { return self.stage?.stats; },
        get camera() { return self.stage?.camera; },
        get bytes() { return self.data?.bytes ?? 0; },
        get view() { return self.view; },
        screenOf: (tableRow: number) => { const p = self.data?.position(tableRow) ?? -1; return p < 0 ? null : self.stage?.screenOf(p) ?? null; },
        selectedRows: () => Array.from(self.stage?.selectedPositions ?? [], (p) => self.data!.tableRow(p)),
      },
    });
  }

  private async connect(channel: string): Promise<void> {
    const data = this.data!;
    const link = await KernelLink.connect(this.node, channel, data.payload.sample?.of ?? data.n, {
      column: (msg, buffer) => this.onColumn(msg, buffer),
      highlight: (rows) => this.onHighlight(rows),
      selection: (rows) => this.onKernelSelection(rows),
      gone: (reason) => { this.link = null; this.kernelNote = `not live: ${reason}`; this.updateStatus(); this.renderToolbar(); },
      error: (message) => { this.kernelNote = `kernel error: ${message}`; this.updateStatus(); },
    });
    if (this.data !== data) return link?.close();
    this.link = link;
    performance.mark('tsml:dive:connected', { detail: { live: Boolean(link) } });
    if (!link) this.kernelNote = 'no kernel: selections stay in this view';
    this.renderToolbar();
    this.updateStatus();
  }

  private onColumn(msg: Parameters<DiveData['receive']>[0], buffer: Uint8Array): void {
    const col = this.data?.receive(msg, buffer);
    if (!col) return;
    performance.mark('tsml:dive:column', { detail: { name: col.info.name, bytes: col.data.byteLength } });
    this.client?.addColumn(col);
    const w = this.waiting;
    if (w && viewColumns(this.view!).every((n) => this.data!.columns.has(n))) {
      this.waiting = null;
      void this.relayout(w.refit);
    }
  }

  /** Shown positions of table rows (rows outside a sample are left out), and how many were left out. */
  private positionsOf(rows: Uint32Array): { positions: Uint32Array; outside: number } {
    const data = this.data!;
    const positions: number[] = [];
    for (const r of rows) {
      const p = data.position(r);
      if (p >= 0) positions.push(p);
    }
    return { positions: Uint32Array.from(positions), outside: rows.length - positions.length };
  }

  private onKernelSelection(rows: Uint32Array): void {
    if (!this.stage || !this.data) return;
    const { positions } = this.positionsOf(rows);
    this.stage.setSelection(positions);
    this.node.dataset.selected = String(positions.length);
    this.updateStatus();
  }

  private onHighlight(rows: Uint32Array): void {
    const stage = this.stage;
    if (!this.data || !stage) return;
    const { positions, outside } = this.positionsOf(rows);
    this.highlightNote = rows.length ? `${count(rows.length)} highlighted${outside ? ` (${count(outside)} not in the sample)` : ''}` : '';
    stage.setHighlight(positions);
    this.node.dataset.highlighted = String(positions.length);
    this.updateStatus();
  }

  private resizeTimer = 0;
  private laidAspect = 0;

  /** Canvases follow the stage at once; a layout for the new shape follows when resizing pauses. */
  private resized(): void {
    const stage = this.stage;
    if (!stage) return;
    stage.resize();
    clearTimeout(this.resizeTimer);
    this.resizeTimer = window.setTimeout(() => {
      const a = stage.aspect();
      if (this.laidAspect && Math.abs(Math.log(a / this.laidAspect)) > 0.15) void this.relayout(true);
    }, 200);
  }

  private renderToolbar(): void {
    const data = this.data!;
    const next = toolbar(
      {
        view: this.view!, columns: data.payload.columns, drag: this.drag,
        unavailable: (name) => (data.columns.has(name) || this.canFetch() ? null : 'not in the saved output: run the cell with the tsml kernel to use this column'),
      },
      { view: (c) => void this.change(c), drag: (m) => this.setDrag(m), reset: () => this.stage?.reset(), clear: () => this.stage?.clear() },
    );
    this.bar.replaceWith(next);
    this.bar = next;
  }

  private setDrag(m: DragMode): void {
    this.drag = m;
    if (this.stage) this.stage.interaction.mode = m;
  }

  /** Whether missing columns can be asked for (a kernel channel is connected). */
  private canFetch(): boolean {
    return this.link?.live ?? false;
  }

  private async change(c: ViewChange): Promise<void> {
    const before = this.view!;
    this.view = { ...before, ...c };
    // Geometry changes re-fit the camera; colour, label and size keep the user's zoom.
    const refit = ['row', 'column', 'layout', 'x', 'y', 'sort', 'bins', 'facetValues'].some((k) => k in c && c[k as keyof ViewChange] !== before[k as keyof DiveView]);
    if ('layout' in c) this.renderToolbar();
    await this.relayout(refit);
  }

  private async relayout(refit: boolean): Promise<void> {
    const data = this.data!, stage = this.stage, view = this.view!;
    // Before the stage exists (a control changed while it is created), its first layout uses the new view.
    if (!stage) return;
    const missing = viewColumns(view).filter((n) => !data.columns.has(n));
    if (missing.length && this.link?.live) {
      this.link.requestColumns(missing);
      this.waiting = { refit: refit || (this.waiting?.refit ?? false) };
      this.node.dataset.state = 'loading';
      this.status.textContent = `loading ${missing.join(', ')} from the kernel…`;
      return;
    }
    if (missing.length) {
      this.showStatic(`This view needs ${missing.join(', ')}, which the saved output does not hold: run the cell with the tsml kernel to explore it live.`);
      return;
    }
    const start = performance.now();
    this.node.dataset.state = 'layout';
    await stage.sized();
    let laid;
    try {
      this.laidAspect = stage.aspect();
      laid = await this.client!.layout(data.n, view, this.laidAspect, data.payload.sample?.seed ?? 0);
    } catch (e) {
      this.status.textContent = `Dive layout failed: ${(e as Error).message}`;
      this.node.dataset.state = 'error';
      return;
    }
    if (!laid) return;
    this.layoutMs = laid.ms;
    stage.setLayout(laid, refit);
    this.legend.replaceChildren(...legendEl(laid.layout.colors.legend, view).childNodes);
    this.legend.className = 'tsml-dive-legend';
    this.node.dataset.state = 'ready';
    performance.measure('tsml:dive:layout', { start, detail: { rows: data.n, workerMs: laid.ms } });
    this.updateStatus();
  }

  /** No live data for this view: the output's own snapshot (its PNG and its text, never its markup). */
  private showStatic(reason: string): void {
    const img = document.createElement('img');
    const m = this.snapshot.html.match(/href="data:image\/png;base64,([A-Za-z0-9+/=]+)"/);
    if (m) img.src = `data:image/png;base64,${m[1]}`;
    img.alt = this.snapshot.text;
    img.className = 'tsml-dive-snapshot';
    const note = document.createElement('div');
    note.className = 'tsml-dive-status';
    note.textContent = reason;
    const summary = document.createElement('pre');
    summary.textContent = this.snapshot.text;
    this.node.replaceChildren(summary, img, note);
    this.node.dataset.state = 'static';
  }

  private onSelected(positions: Uint32Array): void {
    const data = this.data!;
    // Sample rows are sorted, so table rows of sorted positions are sorted too.
    const rows = positions.map((p) => data.tableRow(p));
    this.link?.select(rows);
    this.updateStatus();
    this.node.dataset.selected = String(positions.length);
  }

  private onFrame(): void {
    const s = this.stage!.stats;
    if (!this.firstFrame) {
      this.firstFrame = true;
      performance.measure('tsml:dive:first-frame', { start: this.renderedAt, detail: { points: s.drawn } });
    }
    this.node.dataset.frames = String(s.frames);
    this.node.dataset.drawn = String(s.drawn);
  }

  private showTip(position: number, at: [number, number]): void {
    if (position < 0 || !this.data) {
      this.tip.hidden = true;
      return;
    }
    const v = this.data.localValues(position);
    const keys = [this.view!.label, this.view!.color, this.view!.x, this.view!.y].filter((k, i, a): k is string => !!k && a.indexOf(k) === i);
    this.tip.textContent = [`row ${count(this.data.tableRow(position))}`, ...keys.map((k) => `${k}: ${v[k] ?? '–'}`)].join(' · ');
    this.tip.hidden = false;
    this.tip.style.left = `${at[0] + 12}px`;
    this.tip.style.top = `${at[1] + 12}px`;
  }

  private async showCard(position: number, at: [number, number]): Promise<void> {
    const data = this.data!, stage = this.stage!;
    const row = data.tableRow(position);
    this.tip.hidden = true;
    const size = { width: stage.el.clientWidth, height: stage.el.clientHeight };
    const exact = this.link?.live ? await this.link.row(row) : null;
    if (this.data !== data) return;
    const values = exact ?? data.localValues(position);
    const shown = Object.keys(values).length, all = data.payload.columns.length;
    this.card!.show({ row, values, note: shown < all ? `${shown} of ${all} columns (the loaded ones): the kernel has the rest` : undefined }, at, size);
    this.node.dataset.card = String(row);
  }

  private updateStatus(): void {
    const data = this.data, stage = this.stage;
    if (!data || !stage) return;
    const parts: string[] = [];
    const sample = data.payload.sample;
    parts.push(sample ? `${count(data.n)} of ${count(sample.of)} rows (seeded sample, seed ${sample.seed})` : `${count(data.n)} rows`);
    const sel = stage.selectedPositions.length;
    parts.push(`${count(sel)} selected`);
    if (!stage.webgl) parts.push(`WebGL2 is not available here: drawing ${count(Math.min(data.n, 50_000))} sampled points with canvas 2D`);
    if (!this.client?.offThread) parts.push('layout on the main thread (no Web Worker)');
    if (this.highlightNote) parts.push(this.highlightNote);
    if (this.kernelNote) parts.push(this.kernelNote);
    this.status.textContent = parts.join(' · ');
    this.node.dataset.rows = String(data.n);
    this.node.dataset.renderer = stage.webgl ? 'webgl2' : 'canvas2d';
  }

  private dispose_(): void {
    clearTimeout(this.resizeTimer);
    this.resizeObserver?.disconnect();
    this.themeObserver?.disconnect();
    this.stage?.dispose();
    this.client?.dispose();
    this.link?.close();
    this.stage = null;
    this.client = null;
    this.link = null;
    this.waiting = null;
    this.kernelNote = this.highlightNote = '';
    this.firstFrame = false;
  }

  override dispose(): void {
    this.dispose_();
    super.dispose();
  }
}
