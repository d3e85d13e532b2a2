/**
 * The Dive's toolbar: one native control per view option (facets, layout,
 * axes, sort, colour, label, size, bins, values, colours, point size), the
 * drag mode and the view/selection buttons. Columns that cannot be loaded
 * (no kernel, not embedded) are listed but disabled, with the reason.
 */
import type { DiveColumnSummary, DiveView } from 'tsml/mime';
import { labelled, selectEl } from '../../form';
import type { DragMode } from './interaction';

export type ViewChange = Partial<DiveView>;

const CONTROL = 'tsml-dive-control';
const NONE = '';

export interface ToolbarHandlers {
  view(c: ViewChange): void;
  drag(mode: DragMode): void;
  reset(): void;
  clear(): void;
}

export interface ToolbarState {
  view: DiveView;
  columns: DiveColumnSummary[];
  /** Why a column cannot be used now (null when it can). */
  unavailable(name: string): string | null;
  drag: DragMode;
}

function columnSelect(text: string, key: keyof DiveView, s: ToolbarState, on: ToolbarHandlers, filter: (c: DiveColumnSummary) => boolean = () => true): HTMLElement {
  const options: [string, string][] = [[NONE, '(none)'], ...s.columns.filter(filter).map((c): [string, string] => [c.name, c.name])];
  const value = (s.view[key] as string | null) ?? NONE;
  const el = selectEl(options, value, (v) => on.view({ [key]: v === NONE ? null : v }), (v) => (v === NONE ? null : s.unavailable(v)));
  el.dataset.option = key;
  return labelled(el, text, CONTROL);
}

function numberInput(text: string, key: 'bins' | 'facetValues' | 'colorValues', min: number, max: number, s: ToolbarState, on: ToolbarHandlers): HTMLElement {
  const el = document.createElement('input');
  el.type = 'number';
  el.min = String(min);
  el.max = String(max);
  el.step = '1';
  el.value = String(s.view[key]);
  el.dataset.option = key;
  el.addEventListener('change', () => {
    const v = Math.round(Number(el.value));
    if (Number.isFinite(v) && v >= min && v <= max) on.view({ [key]: v });
    else el.value = String(s.view[key]);
  });
  return labelled(el, text, CONTROL);
}

function button(text: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.title = title;
  b.className = 'tsml-dive-button';
  b.addEventListener('click', onClick);
  return b;
}

export function toolbar(s: ToolbarState, on: ToolbarHandlers): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'tsml-dive-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Dive controls');
  // Notebook command-mode shortcuts (arrows, letters) would otherwise act on the cell, not the focused control.
  bar.addEventListener('keydown', (e) => e.stopPropagation());
  const numeric = (c: DiveColumnSummary) => c.kind === 'number';
  const scatter = s.view.layout === 'scatter';
  const layout = selectEl<'stack' | 'scatter'>([['stack', 'Stacked'], ['scatter', 'Scatter']], s.view.layout, (layout) => on.view({ layout }));
  layout.dataset.option = 'layout';
  const point = document.createElement('input');
  point.type = 'range';
  point.min = '0.25';
  point.max = '4';
  point.step = '0.25';
  point.value = String(s.view.pointScale);
  point.addEventListener('change', () => on.view({ pointScale: Number(point.value) }));
  const drag = selectEl<DragMode>([['pan', 'Pan'], ['box', 'Box select'], ['lasso', 'Lasso select']], s.drag, (m) => on.drag(m));
  bar.append(
    columnSelect('Rows', 'row', s, on),
    columnSelect('Columns', 'column', s, on),
    numberInput('Bins', 'bins', 1, 100, s, on),
    numberInput('Values', 'facetValues', 1, 100, s, on),
    labelled(layout, 'Layout', CONTROL),
    ...(scatter ? [columnSelect('X', 'x', s, on), columnSelect('Y', 'y', s, on)] : [columnSelect('Sort', 'sort', s, on)]),
    columnSelect('Color', 'color', s, on),
    numberInput('Colors', 'colorValues', 1, 20, s, on),
    columnSelect('Label', 'label', s, on),
    columnSelect('Size', 'size', s, on, numeric),
    labelled(point, 'Point size', CONTROL),
    labelled(drag, 'Drag', CONTROL),
    button('Reset view', 'Fit everything (double-click, or 0)', on.reset),
    button('Clear selection', 'Select nothing (Esc)', on.clear),
  );
  return bar;
}
