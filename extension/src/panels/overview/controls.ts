/**
 * The Overview's toolbar: native, labelled form controls (so they are
 * keyboard- and screen-reader-accessible for free), each bound to one field of
 * the view state. Builds DOM only; the panel decides what a change redraws.
 */
import { SORT_LABELS, type OverviewModel, type SortMode, type ViewOptions, sortModes } from 'tsml/overview';
import { checkboxEl, labelled, selectEl } from '../../form';

export type Change = Partial<ViewOptions>;

const CONTROL = 'tsml-ov-control';

function select<T extends string>(options: [T, string][], value: T, text: string, onChange: (v: T) => void): HTMLElement {
  return labelled(selectEl(options, value, onChange), text, CONTROL);
}

function checkbox(value: boolean, text: string, onChange: (v: boolean) => void): HTMLElement {
  return labelled(checkboxEl(value, onChange), text, CONTROL, true);
}

function search(value: string, onChange: (v: string) => void): HTMLElement {
  const el = document.createElement('input');
  el.type = 'search';
  el.placeholder = 'name or /regex/';
  el.value = value;
  el.addEventListener('input', () => onChange(el.value));
  return labelled(el, 'Search features', CONTROL);
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
