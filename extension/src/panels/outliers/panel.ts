/**
 * The live outliers panel: per-column fences, counts and box plots redrawn as
 * Tukey's k moves; a score histogram per detector whose threshold the user
 * drags (or types), with the count and contamination it implies; the flagged
 * rows with the rules that flag them; cap/drop steps for the cleaning plan.
 * Each setting goes back to the kernel, where `view.rows()` follows it.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import type { OutliersPayload, ScorePayload } from 'tsml/mime';
import { columnsTable, defaultSetting, flaggedAt, flaggedTable, iqrCounts, scoreAt, scoreSvg, type OutlierSetting } from 'tsml/outliers';
import type { PanelChannel } from '../../channel';
import { PlanBox } from '../cleaning/plan-box';
import { button, el, labelled, section } from '../cleaning/dom';

export class OutliersPanel extends Widget implements IRenderMime.IRenderer {
  private p!: OutliersPayload;
  private set!: OutlierSetting;
  private plan!: PlanBox;
  private channel: PanelChannel | null = null;
  private readonly columns = el('div', 'tsml-ol-scroll');
  private readonly flagged = el('div', 'tsml-ol-scroll tsml-ol-flaggedbox');
  private readonly flaggedNote = el('div', 'tsml-ol-note');
  private readonly diveNote = el('span', 'tsml-ol-note');

  constructor(private readonly options: IRenderMime.IRendererOptions) {
    super();
    this.addClass('tsml-cl');
    // Arrow keys, Enter and letters in the panel's controls are theirs, not notebook shortcuts.
    this.node.addEventListener('keydown', (e) => e.stopPropagation());
    this.addClass('tsml-ol-panel');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const p = model.data[this.options.mimeType] as OutliersPayload | undefined;
    if (!p || !Array.isArray(p.columns) || !Array.isArray(p.kGrid)) {
      this.node.textContent = 'tsml outliers panel: this output has no payload it can read.';
      return;
    }
    this.p = p;
    this.set = defaultSetting(p);
    this.plan = new PlanBox(this.node, p.name);
    const k = document.createElement('input');
    k.type = 'range';
    k.min = String(p.kGrid[0]);
    k.max = String(p.kGrid[p.kGrid.length - 1]);
    k.step = '0.1';
    k.value = String(p.k);
    const kText = el('output', 'tsml-ol-k', `k = ${p.k}`);
    k.addEventListener('input', () => {
      this.set.k = Number(k.value);
      kText.textContent = `k = ${this.set.k}`;
      this.drawColumns();
      this.drawFlagged();
      this.sendSetting();
    });
    const cap = button('Cap IQR outliers', () => this.plan.add({ call: 'capOutliers', args: [this.withOutliers(), { rule: 'iqr', k: this.set.k }] }));
    const drop = button('Drop rows with IQR outliers', () => this.plan.add({ call: 'dropOutliers', args: [this.withOutliers(), { rule: 'iqr', k: this.set.k }] }));
    this.node.replaceChildren(
      el('div', 'tsml-ol-summary', `${p.rows.toLocaleString('en-US')} rows; ${p.columns.length} numeric columns; |z| > ${p.z}, modified z > ${p.modifiedZ}`),
      section('Per column', el('div', 'tsml-cl-toolbar', '', '', [labelled(k, 'Tukey k'), kText, cap, drop]), this.columns),
      el('div', 'tsml-cl-row', '', '', p.scores.map((s) => this.scoreSection(s))),
      ...p.notes.map((t) => el('p', 'tsml-ol-note', t)),
      section('Flagged rows', this.flaggedNote, this.flagged),
      this.diveRow(),
      this.plan.node,
    );
    this.drawColumns();
    this.drawFlagged();
    this.channel = await this.plan.connect(p.channel, (m) => {
      if (m.type === 'channel-ready') this.sendSetting();
      if (m.type === 'highlighted') this.diveNote.textContent = `${Number(m.rows).toLocaleString('en-US')} rows highlighted in the Dive`;
    });
  }

  /** "Highlight in Dive" when the output was made with a Dive of the same table; the kernel marks the rows there. */
  private diveRow(): HTMLElement {
    if (!this.p.dive) return el('p', 'tsml-ol-note', 'Pass { dive: d } (d = display.dive(table)) to mark these rows in a Dive; o.rows() gives them to the next cell.');
    const b = button('Highlight in Dive', () => {
      if (!this.channel?.send({ type: 'highlight-dive' })) this.diveNote.textContent = 'Needs the kernel that made this output.';
    });
    return el('div', 'tsml-cl-toolbar', '', '', [b, this.diveNote]);
  }

  private withOutliers(): string[] {
    return this.p.columns.filter((c) => {
      const { low, high } = iqrCounts(this.p, c, this.set.k);
      return low + high > 0;
    }).map((c) => c.name);
  }

  private sendSetting(): void {
    this.channel?.send({ type: 'setting', k: this.set.k, thresholds: this.set.thresholds });
  }

  private drawColumns(): void {
    this.columns.innerHTML = columnsTable(this.p, this.set.k);
  }

  private drawFlagged(): void {
    const rows = flaggedAt(this.p, this.set);
    this.flaggedNote.textContent = `${rows.length.toLocaleString('en-US')} row${rows.length === 1 ? '' : 's'} flagged${this.p.candidatesTruncated ? ' among the 2,000 candidate rows' : ''}`;
    this.flagged.innerHTML = flaggedTable(this.p, this.set, 100);
    // Click a header to sort by it (numbers descending, the row number ascending).
    this.flagged.querySelectorAll('th').forEach((th, col) => {
      th.style.cursor = 'pointer';
      th.title = 'sort by this column';
      th.addEventListener('click', () => this.sortFlagged(col));
    });
  }

  private sortFlagged(col: number): void {
    const body = this.flagged.querySelector('tbody');
    if (!body) return;
    const key = (tr: Element) => tr.children[col]?.textContent ?? '';
    const rows = [...body.children].sort((a, b) => {
      const x = parseFloat(key(a)), y = parseFloat(key(b));
      if (Number.isFinite(x) && Number.isFinite(y)) return col === 0 ? x - y : y - x;
      return key(a).localeCompare(key(b));
    });
    body.replaceChildren(...rows);
  }

  private scoreSection(s: ScorePayload): HTMLElement {
    const chart = el('div', 'tsml-ol-score');
    chart.dataset.detector = s.detector;
    const input = document.createElement('input');
    input.type = 'number';
    input.step = 'any';
    const draw = () => {
      const t = this.set.thresholds[s.detector] ?? s.threshold;
      chart.innerHTML = scoreSvg(s, t);
      input.value = String(Number(t.toPrecision(6)));
    };
    const setTo = (t: number) => {
      this.set.thresholds[s.detector] = t;
      draw();
      this.drawFlagged();
      this.sendSetting();
    };
    input.addEventListener('change', () => Number.isFinite(Number(input.value)) && setTo(Number(input.value)));
    // Drag anywhere on the histogram: the threshold follows the pointer.
    let dragging = false;
    const at = (e: PointerEvent) => {
      const svg = chart.querySelector('svg');
      if (!svg) return;
      const box = svg.getBoundingClientRect();
      setTo(scoreAt(s, ((e.clientX - box.left) / box.width) * Number(svg.getAttribute('width'))));
    };
    chart.addEventListener('pointerdown', (e) => {
      dragging = true;
      chart.setPointerCapture(e.pointerId);
      at(e);
    });
    chart.addEventListener('pointermove', (e) => dragging && at(e));
    chart.addEventListener('pointerup', () => (dragging = false));
    draw();
    const name = s.detector === 'iforest' ? 'Isolation Forest' : 'kNN';
    return section(s.label, chart, el('div', 'tsml-cl-toolbar', '', '', [labelled(input, `${name} threshold`)]));
  }
}
