/**
 * The live missing-values panel: the charts and tables of the static fallback
 * (from `tsml/missing`) with its actions — drag the drop threshold, drop the
 * columns above it, treat chosen sentinels as missing, drop duplicates, and
 * preview an imputation (column, strategy) before adding it — each adding a
 * step to the cleaning plan at the bottom.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import type { MissingColumn, MissingPayload } from 'tsml/mime';
import { aboveThreshold, afterCounts, barsSvg, byMissing, dendrogramSvg, duplicatesLine, heatmapSvg, matrixSvg, previewSvg, sentinelsTable, summaryLine, type PreviewStrategy } from 'tsml/missing';
import { PlanBox } from '../cleaning/plan-box';
import { button, el, labelled, section } from '../cleaning/dom';

const STRATEGIES: PreviewStrategy[] = ['median', 'mean', 'mode', 'constant', 'ffill', 'bfill', 'knn'];

export class MissingPanel extends Widget implements IRenderMime.IRenderer {
  private p!: MissingPayload;
  private plan!: PlanBox;
  private threshold = 0.3;

  constructor(private readonly options: IRenderMime.IRendererOptions) {
    super();
    this.addClass('tsml-cl');
    // Arrow keys, Enter and letters in the panel's controls are theirs, not notebook shortcuts.
    this.node.addEventListener('keydown', (e) => e.stopPropagation());
    this.addClass('tsml-mv-panel');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const p = model.data[this.options.mimeType] as MissingPayload | undefined;
    if (!p || !Array.isArray(p.columns) || !p.matrix) {
      this.node.textContent = 'tsml missing-values panel: this output has no payload it can read.';
      return;
    }
    this.p = p;
    this.threshold = p.threshold;
    this.plan = new PlanBox(this.node, p.name);
    // Side by side where the output is wide enough, so the charts fit on a screen or two.
    const row = (...parts: HTMLElement[]) => el('div', 'tsml-cl-row', '', '', parts);
    this.node.replaceChildren(
      el('div', 'tsml-mv-summary', summaryLine(p)),
      el('div', 'tsml-mv-charts', '', '', [
        row(this.barsSection(), section('Nullity matrix', el('div', 'tsml-mv-scroll', '', matrixSvg(p)))),
        row(section('Nullity correlation', el('div', 'tsml-mv-scroll', '', heatmapSvg(p))), section('Nullity dendrogram', el('div', 'tsml-mv-scroll', '', dendrogramSvg(p)))),
      ]),
      row(this.sentinelSection(), this.duplicatesSection()),
      row(this.imputeSection(), this.plan.node),
    );
    await this.plan.connect(p.channel);
  }

  private barsSection(): HTMLElement {
    const chart = el('div', 'tsml-mv-bars', '', barsSvg(this.p, this.threshold));
    const note = el('div', 'tsml-mv-note');
    const slider = document.createElement('input');
    slider.type = 'range';
    slider.min = '0';
    slider.max = '100';
    slider.step = '1';
    slider.value = String(Math.round(this.threshold * 100));
    const drop = button('Drop these columns', () => this.plan.add({ call: 'dropColumns', args: [aboveThreshold(this.p, this.threshold)] }));
    const update = () => {
      this.threshold = Number(slider.value) / 100;
      chart.innerHTML = barsSvg(this.p, this.threshold);
      const cols = aboveThreshold(this.p, this.threshold);
      note.textContent = cols.length ? `${cols.length} column${cols.length === 1 ? '' : 's'} above ${slider.value} %: ${cols.join(', ')}` : `No column above ${slider.value} %`;
      drop.disabled = cols.length === 0;
    };
    slider.addEventListener('input', update);
    update();
    return section('Missing per column', el('div', 'tsml-cl-toolbar', '', '', [labelled(slider, 'Drop threshold (%)'), drop]), note, chart);
  }

  private sentinelSection(): HTMLElement {
    const s = this.p.sentinels;
    const table = el('div', '', '', sentinelsTable(this.p, true));
    if (!s.length) return section('Values that probably mean missing', table);
    const act = button('Treat checked as missing', () => {
      const spec: Record<string, (number | string)[] | '<0'> = {};
      table.querySelectorAll<HTMLInputElement>('input.tsml-mv-sentinel:checked').forEach((box) => {
        const f = s[Number(box.dataset.index)];
        if (f.kind === 'negative') spec[f.column] = '<0';
        else if (spec[f.column] !== '<0') ((spec[f.column] ??= []) as (number | string)[]).push(f.value);
      });
      if (Object.keys(spec).length) this.plan.add({ call: 'treatAsMissing', args: [spec] });
    });
    return section('Values that probably mean missing', table, act);
  }

  private duplicatesSection(): HTMLElement {
    const act = button('Drop duplicates', () => this.plan.add({ call: 'dropDuplicates', args: [] }));
    act.disabled = this.p.duplicates.count === 0;
    return section('Duplicates', el('div', '', duplicatesLine(this.p)), act);
  }

  private imputeSection(): HTMLElement {
    const cols = byMissing(this.p).filter((c) => c.missing > 0);
    if (!cols.length) return section('Imputation', el('div', '', 'Nothing to impute: no column has missing values.'));
    const column = document.createElement('select');
    for (const c of cols) column.add(new Option(`${c.name} (${c.missing.toLocaleString('en-US')} missing)`, c.name));
    const strategy = document.createElement('select');
    const constant = document.createElement('input');
    constant.type = 'text';
    constant.size = 8;
    const indicator = document.createElement('input');
    indicator.type = 'checkbox';
    indicator.checked = true;
    const chart = el('div', 'tsml-mv-preview');
    const note = el('div', 'tsml-mv-note');
    const current = (): MissingColumn => cols.find((c) => c.name === column.value)!;
    const constantValue = (c: MissingColumn): unknown => (c.kind === 'number' && constant.value.trim() !== '' && Number.isFinite(Number(constant.value)) ? Number(constant.value) : constant.value);
    const refill = () => {
      const c = current();
      const allowed = STRATEGIES.filter((s) => c.kind === 'number' || !['mean', 'median', 'knn'].includes(s));
      const keep = allowed.includes(strategy.value as PreviewStrategy) ? strategy.value : allowed[0];
      strategy.replaceChildren(...allowed.map((s) => new Option(s, s, s === keep, s === keep)));
      redraw();
    };
    const redraw = () => {
      const c = current();
      const s = strategy.value as PreviewStrategy;
      constant.hidden = s !== 'constant';
      chart.innerHTML = previewSvg(c, s, constantValue(c));
      const fill = s === 'constant' ? constantValue(c) : (c.fill as Record<string, unknown>)[s];
      const ind = indicator.checked ? ` Adds ${c.name}_missing (1 on ${c.missing.toLocaleString('en-US')} rows).` : '';
      const what = fill !== undefined ? `fills ${c.missing.toLocaleString('en-US')} values with ${typeof fill === 'number' ? Number(fill.toPrecision(6)) : JSON.stringify(fill)}` : s === 'knn' ? 'fills each value with the mean of its 5 nearest rows' : `fills each value with the ${s === 'ffill' ? 'previous' : 'next'} present one`;
      note.textContent = `${s}: ${what} (learned from the table shown here; a plan fitted on train learns from train).${ind}${afterCounts(c, s, constantValue(c)) ? '' : ' Preview not computed for this table size.'}`;
    };
    column.addEventListener('change', refill);
    strategy.addEventListener('change', redraw);
    constant.addEventListener('input', redraw);
    indicator.addEventListener('change', redraw);
    const add = button('Add imputation step', () => {
      const c = current();
      const s = strategy.value;
      this.plan.add({ call: 'impute', args: [{ [c.name]: s === 'constant' ? { constant: constantValue(c) } : s }, { indicator: indicator.checked }] });
    });
    refill();
    return section('Imputation preview', el('div', 'tsml-cl-toolbar', '', '', [labelled(column, 'Column'), labelled(strategy, 'Strategy'), constant, labelled(indicator, 'Indicator column', true), add]), chart, note);
  }
}
