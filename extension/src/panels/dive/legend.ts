/** The colour legend under the Dive: swatches with counts for categories, a ramp for numbers. */
import { formatValue, type Legend } from 'tsml/dive';

const count = (n: number) => n.toLocaleString('en-US');

function swatch(color: string): HTMLElement {
  const s = document.createElement('span');
  s.className = 'tsml-dive-swatch';
  s.style.background = color;
  return s;
}

export function legendEl(legend: Legend, feature: string | null): HTMLElement {
  const el = document.createElement('div');
  el.className = 'tsml-dive-legend';
  if (legend.kind === 'none' || !feature) return el;
  const title = document.createElement('b');
  title.textContent = `${feature}:`;
  el.append(title);
  const entries = legend.kind === 'category' ? legend.entries : legend.extra;
  if (legend.kind === 'ramp') {
    const ramp = document.createElement('span');
    ramp.className = 'tsml-dive-ramp';
    ramp.style.background = `linear-gradient(90deg, ${legend.stops.join(', ')})`;
    const lo = document.createElement('span'), hi = document.createElement('span');
    lo.textContent = formatValue(legend.min, legend.temporal);
    hi.textContent = formatValue(legend.max, legend.temporal);
    el.append(lo, ramp, hi);
  }
  for (const e of entries) {
    const item = document.createElement('span');
    item.className = 'tsml-dive-legend-item';
    const n = document.createElement('span');
    n.className = 'tsml-dive-count';
    n.textContent = count(e.count);
    item.append(swatch(e.color), e.label, ' ', n);
    el.append(item);
  }
  return el;
}
