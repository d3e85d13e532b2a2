/**
 * The loss panel's controls (native, labelled: keyboard- and screen-reader-
 * accessible) and legend. Builds DOM only; the panel decides what to repaint.
 */
import { legendEntries, type LossModel } from 'tsml/loss';

export interface View {
  smoothing: number;
  logY: boolean;
}

let uid = 0;

function labelled(control: HTMLInputElement, text: string, after = false): HTMLElement {
  control.id = `tsml-loss-ctl-${++uid}`;
  const label = document.createElement('label');
  label.htmlFor = control.id;
  label.textContent = text;
  const wrap = document.createElement('span');
  wrap.className = 'tsml-loss-control';
  wrap.append(...(after ? [control, label] : [label, control]));
  return wrap;
}

export function toolbar(view: View, onChange: (c: Partial<View>) => void): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'tsml-loss-toolbar';
  const slider = document.createElement('input');
  slider.type = 'range';
  slider.min = '0';
  slider.max = '0.99';
  slider.step = '0.01';
  slider.value = String(view.smoothing);
  const shown = document.createElement('output');
  shown.className = 'tsml-loss-smoothing';
  shown.textContent = view.smoothing.toFixed(2);
  slider.addEventListener('input', () => {
    shown.textContent = Number(slider.value).toFixed(2);
    onChange({ smoothing: Number(slider.value) });
  });
  const log = document.createElement('input');
  log.type = 'checkbox';
  log.checked = view.logY;
  log.addEventListener('change', () => onChange({ logY: log.checked }));
  const smoothing = labelled(slider, 'Smoothing');
  smoothing.append(shown);
  bar.append(smoothing, labelled(log, 'Log y', true));
  return bar;
}

export function legend(model: LossModel): HTMLElement[] {
  return legendEntries(model).map((e) => {
    const item = document.createElement('span');
    item.className = 'tsml-loss-key';
    const swatch = document.createElement('span');
    swatch.className = 'tsml-loss-swatch';
    swatch.style.borderTop = `2px ${e.dashed ? 'dashed' : 'solid'} ${e.color}`;
    item.append(swatch, e.name);
    return item;
  });
}
