/**
 * The Overview's toolbar: native, labelled form controls (so they are
 * keyboard- and screen-reader-accessible for free), each bound to one field of
 * the view state. Builds DOM only; the panel decides what a change redraws.
 */
import { SORT_LABELS, type OverviewModel, type SortMode, type ViewOptions, sortModes } from 'tsml/overview';

export type Change = Partial<ViewOptions>;

let uid = 0;

function labelled(control: HTMLElement, text: string, after = false): HTMLElement {
  const id = `tsml-ov-ctl-${++uid}`;
  control.id = id;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = text;
  const wrap = document.createElement('span');
  wrap.className = 'tsml-ov-control';
  wrap.append(...(after ? [control, label] : [label, control]));
  return wrap;
}

function select<T extends string>(options: [T, string][], value: T, text: string, onChange: (v: T) => void): HTMLElement {
  const el = document.createElement('select');
  for (const [v, l] of options) el.add(new Option(l, v, v === value, v === value));
  el.addEventListener('change', () => onChange(el.value as T));
  return labelled(el, text);
}

function checkbox(value: boolean, text: string, onChange: (v: boolean) => void): HTMLElement {
  const el = document.createElement('input');
  el.type = 'checkbox';
  el.checked = value;
  el.addEventListener('change', () => onChange(el.checked));
  return labelled(el, text, true);
}

function search(value: string, onChange: (v: string) => void): HTMLElement {
  const el = document.createElement('input');
  el.type = 'search';
  el.placeholder = 'name or /regex/';
  el.value = value;
  el.addEventListener('input', () => onChange(el.value));
  return labelled(el, 'Search features');
}

export function toolbar(model: OverviewModel, view: ViewOptions, onChange: (c: Change) => void): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'tsml-ov-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Overview controls');
  // Notebook command-mode shortcuts (arrows, Home, letters) would otherwise act on the cell, not the focused control.
  bar.addEventListener('keydown', (e) => e.stopPropagation());
  const modes = sortModes(model).map((m): [SortMode, string] => [m, SORT_LABELS[m]]);
  bar.append(
    search(view.search, (search) => onChange({ search })),
    select(modes, view.sort, 'Sort by', (sort) => onChange({ sort })),
    checkbox(view.reverse, 'Reverse', (reverse) => onChange({ reverse })),
    select([['histogram', 'Histogram'], ['quantiles', 'Quantiles']], view.numericChart, 'Numeric chart', (numericChart) => onChange({ numericChart })),
    select([['auto', 'Auto'], ['bars', 'Top values'], ['cumulative', 'Cumulative']], view.categoricalChart, 'Categorical chart', (categoricalChart) => onChange({ categoricalChart })),
    checkbox(view.log, 'Log scale', (log) => onChange({ log })),
    checkbox(view.percent, 'Percentages', (percent) => onChange({ percent })),
    checkbox(view.expand, 'Expand', (expand) => onChange({ expand })),
  );
  if (model.hasWeights) bar.append(checkbox(view.weighted, 'Weighted', (weighted) => onChange({ weighted })));
  return bar;
}
