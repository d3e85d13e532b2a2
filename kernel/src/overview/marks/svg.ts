/**
 * The few SVG pieces every Overview chart is made of, as strings, so the same
 * charts serve the static HTML fallback (no script) and the live panel.
 * Colours are presentation attributes (they survive sanitisers that drop
 * <style>); the panel's CSS overrides them by class for light/dark themes.
 */
export const PALETTE = ['#4285f4', '#f4a300', '#0f9d58', '#db4437', '#9334e6', '#00acc1'];

export const seriesColor = (i: number) => PALETTE[i % PALETTE.length];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export interface Size {
  width: number;
  height: number;
}

/** Plot area inside the chart: room for a y label above and x labels below. */
export const PAD = { left: 4, right: 4, top: 12, bottom: 12 };

export type Scale = (v: number) => number;

export function linear([d0, d1]: [number, number], [r0, r1]: [number, number]): Scale {
  const span = d1 - d0;
  return span === 0 ? () => (r0 + r1) / 2 : (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/**
 * Bar heights: linear, or log with the smallest positive value one decade
 * above the floor so that a single row still shows as a bar.
 */
export function yScale(values: number[], height: number, log: boolean): Scale {
  const max = Math.max(0, ...values);
  if (max <= 0) return () => 0;
  if (!log) return (v) => (v / max) * height;
  const eps = Math.min(...values.filter((v) => v > 0)) / 10;
  const top = Math.log10(max / eps);
  return (v) => (v > 0 ? (Math.log10(v / eps) / top) * height : 0);
}

const r = (v: number) => Math.round(v * 10) / 10;

export function rect(x: number, y: number, w: number, h: number, fill: string, cls: string, title?: string): string {
  const t = title ? `<title>${esc(title)}</title>` : '';
  return `<rect class="${cls}" x="${r(x)}" y="${r(y)}" width="${r(Math.max(w, 1))}" height="${r(h)}" fill="${fill}" fill-opacity="0.6">${t}</rect>`;
}

export function text(x: number, y: number, s: string, anchor: 'start' | 'middle' | 'end' = 'start', title?: string): string {
  const t = title ? `<title>${esc(title)}</title>` : '';
  return `<text class="tsml-ov-axis" x="${r(x)}" y="${r(y)}" text-anchor="${anchor}" font-size="9" fill="#666">${esc(s)}${t}</text>`;
}

export function polyline(points: [number, number][], stroke: string, cls: string): string {
  return `<polyline class="${cls}" points="${points.map(([x, y]) => `${r(x)},${r(y)}`).join(' ')}" fill="none" stroke="${stroke}" stroke-width="1.5"/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, cls: string, width = 1, title?: string): string {
  const t = title ? `<title>${esc(title)}</title>` : '';
  return `<line class="${cls}" x1="${r(x1)}" y1="${r(y1)}" x2="${r(x2)}" y2="${r(y2)}" stroke="${stroke}" stroke-width="${width}">${t}</line>`;
}

export function circle(cx: number, cy: number, radius: number, fill: string, cls: string, title?: string): string {
  const t = title ? `<title>${esc(title)}</title>` : '';
  return `<circle class="${cls}" cx="${r(cx)}" cy="${r(cy)}" r="${radius}" fill="${fill}">${t}</circle>`;
}

export function svg(size: Size, label: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="tsml-ov-chart" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size.height}" role="img" aria-label="${esc(label)}">${body}</svg>`;
}

/** The chart's series class, e.g. `tsml-ov-s0`, which the panel's CSS colours by theme. */
export const seriesClass = (i: number) => `tsml-ov-s${i % PALETTE.length}`;
