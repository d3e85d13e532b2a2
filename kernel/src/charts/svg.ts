/**
 * Static SVG charts for the course notebooks: scatter (with an optional
 * least-squares trendline), lines, histogram and bars. Each returns a Chart
 * that renders itself (`Symbol.for('Jupyter.display')`) as image/svg+xml with
 * the same SVG as text/html and a one-line text/plain, so the notebook reads
 * on GitHub and after a headless run; no script, no network.
 */
const W = 520;
const H = 320;
const M = { left: 58, right: 16, top: 30, bottom: 44 };
const COLORS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#ff9da6', '#9d755d'];

export interface Axes { title?: string; xLabel?: string; yLabel?: string; /** Name the series in a key (lines; default when there are 2 to 8). */ legend?: boolean }
export interface Series { name?: string; x?: ArrayLike<number>; y: ArrayLike<number> }

export class Chart {
  constructor(readonly svg: string, readonly summary: string) {}
  [Symbol.for('Jupyter.display')]() {
    return { 'image/svg+xml': this.svg, 'text/html': this.svg, 'text/plain': this.summary };
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(1) : String(+v.toPrecision(3)));

function extent(values: number[]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (lo === Infinity) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

function frame(xs: [number, number], ys: [number, number], axes: Axes, body: (sx: (v: number) => number, sy: (v: number) => number) => string, legend: string[] = [], yTicks = true): string {
  const sx = (v: number) => M.left + ((v - xs[0]) / (xs[1] - xs[0])) * (W - M.left - M.right);
  const sy = (v: number) => H - M.bottom - ((v - ys[0]) / (ys[1] - ys[0])) * (H - M.top - M.bottom);
  const ticks = (r: [number, number]) => {
    const raw = (r[1] - r[0]) / 5;
    const p = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * p).find((v) => v >= raw)!;
    const out: number[] = [];
    for (let t = Math.ceil(r[0] / step) * step; t <= r[1]; t += step) out.push(+t.toPrecision(12));
    return out;
  };
  const grid = [
    ...ticks(xs).map((t) => `<line x1="${sx(t)}" x2="${sx(t)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eee"/><text x="${sx(t)}" y="${H - M.bottom + 14}" text-anchor="middle">${fmt(t)}</text>`),
    ...(yTicks ? ticks(ys) : []).map((t) => `<line x1="${M.left}" x2="${W - M.right}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eee"/><text x="${M.left - 4}" y="${sy(t) + 3}" text-anchor="end">${fmt(t)}</text>`),
  ].join('');
  const keys = legend.map((name, i) => `<rect x="${W - M.right - 120}" y="${M.top + 4 + i * 14}" width="9" height="9" fill="${COLORS[i % COLORS.length]}"/><text x="${W - M.right - 107}" y="${M.top + 12 + i * 14}">${esc(name)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="10" fill="#333">`
    + `<rect width="${W}" height="${H}" fill="#fff"/>${grid}`
    + `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#999"/>`
    + body(sx, sy) + keys
    + `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13">${esc(axes.title ?? '')}</text>`
    + `<text x="${(W + M.left) / 2}" y="${H - 8}" text-anchor="middle">${esc(axes.xLabel ?? '')}</text>`
    + `<text transform="translate(14 ${(H + M.top - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(axes.yLabel ?? '')}</text></svg>`;
}

/** Points; `trendline` adds the least-squares line of y on x (and says its equation). */
export function scatter(x: ArrayLike<number>, y: ArrayLike<number>, opts: Axes & { trendline?: boolean; diagonal?: boolean } = {}): Chart {
  const xs = Array.from(x), ys = Array.from(y);
  const [xr, yr] = [extent(xs), extent(ys)];
  let line = '';
  let summary = `scatter of ${xs.length} points`;
  const body = (sx: (v: number) => number, sy: (v: number) => number) => {
    let out = xs.map((v, i) => `<circle cx="${sx(v).toFixed(1)}" cy="${sy(ys[i]).toFixed(1)}" r="2.2" fill="${COLORS[0]}" fill-opacity="0.6"/>`).join('');
    if (opts.diagonal) {
      const lo = Math.max(xr[0], yr[0]), hi = Math.min(xr[1], yr[1]);
      out += `<line x1="${sx(lo)}" y1="${sy(lo)}" x2="${sx(hi)}" y2="${sy(hi)}" stroke="#999" stroke-dasharray="4 3"/>`;
    }
    if (opts.trendline && xs.length > 1) {
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length, my = ys.reduce((a, b) => a + b, 0) / ys.length;
      const b = xs.reduce((s, v, i) => s + (v - mx) * (ys[i] - my), 0) / xs.reduce((s, v) => s + (v - mx) ** 2, 0);
      const a = my - b * mx;
      line = `trendline y = ${fmt(a)} + ${fmt(b)}·x`;
      summary += `; ${line}`;
      out += `<line x1="${sx(xr[0])}" y1="${sy(a + b * xr[0])}" x2="${sx(xr[1])}" y2="${sy(a + b * xr[1])}" stroke="${COLORS[1]}" stroke-width="2"/>`
        + `<text x="${M.left + 6}" y="${M.top + 14}" fill="${COLORS[1]}">${esc(line)}</text>`;
    }
    return out;
  };
  const svg = frame(xr, yr, opts, body);
  return new Chart(svg, `${opts.title ? opts.title + ': ' : ''}${summary}`);
}

/** One polyline per series (x defaults to 0, 1, 2, …). */
export function lines(series: Series[], opts: Axes = {}): Chart {
  const xsOf = (s: Series) => (s.x ? Array.from(s.x) : Array.from({ length: s.y.length }, (_, i) => i));
  const xr = extent(series.flatMap(xsOf)), yr = extent(series.flatMap((s) => Array.from(s.y)));
  const svg = frame(xr, yr, opts, (sx, sy) => series.map((s, k) => {
    const xs = xsOf(s);
    const step = Math.max(1, Math.floor(xs.length / 1000));
    const pts = xs.filter((_, i) => i % step === 0).map((v, i) => `${sx(v).toFixed(1)},${sy(s.y[i * step]).toFixed(1)}`).join(' ');
    return `<polyline points="${pts}" fill="none" stroke="${COLORS[k % COLORS.length]}" stroke-width="1.3"/>`;
  }).join(''), opts.legend ?? (series.length > 1 && series.length <= 8) ? series.map((s, i) => s.name ?? `series ${i + 1}`) : []);
  return new Chart(svg, `${opts.title ? opts.title + ': ' : ''}${series.map((s) => `${s.name ?? 'series'} (${s.y.length} points)`).join(', ')}`);
}

/** Equal-width histogram of `values` in `bins` buckets (counts; `density` scales to a density). */
export function histogram(values: ArrayLike<number>, opts: Axes & { bins?: number; density?: boolean; curve?: (x: number) => number } = {}): Chart {
  const vs = Array.from(values).filter(Number.isFinite);
  const bins = opts.bins ?? 30;
  const [lo, hi] = extent(vs);
  const width = (hi - lo) / bins;
  const counts = new Array(bins).fill(0);
  for (const v of vs) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  const heights = counts.map((c) => (opts.density ? c / (vs.length * width) : c));
  const top = Math.max(...heights, ...(opts.curve ? Array.from({ length: 50 }, (_, i) => opts.curve!(lo + ((hi - lo) * i) / 49)) : [])) * 1.05;
  const svg = frame([lo, hi], [0, top || 1], opts, (sx, sy) => heights.map((h, i) =>
    `<rect x="${sx(lo + i * width)}" y="${sy(h)}" width="${Math.max(0.5, sx(lo + (i + 1) * width) - sx(lo + i * width) - 1)}" height="${sy(0) - sy(h)}" fill="${COLORS[0]}"/>`).join('')
    + (opts.curve ? `<polyline fill="none" stroke="${COLORS[1]}" stroke-width="2" points="${Array.from({ length: 80 }, (_, i) => { const x = lo + ((hi - lo) * i) / 79; return `${sx(x).toFixed(1)},${sy(opts.curve!(x)).toFixed(1)}`; }).join(' ')}"/>` : ''));
  return new Chart(svg, `${opts.title ? opts.title + ': ' : ''}histogram of ${vs.length} values in ${bins} bins over [${fmt(lo)}, ${fmt(hi)}]`);
}

/** Horizontal bars, one per label (negative values to the left of zero). */
export function bars(labels: string[], values: ArrayLike<number>, opts: Axes = {}): Chart {
  const vs = Array.from(values);
  const lo = Math.min(0, ...vs), hi = Math.max(0, ...vs);
  const xr: [number, number] = [lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05];
  const band = (H - M.top - M.bottom) / labels.length;
  const svg = frame(xr, [0, labels.length], { ...opts }, (sx) => labels.map((l, i) => {
    const y = M.top + i * band;
    const [a, b] = [sx(Math.min(0, vs[i])), sx(Math.max(0, vs[i]))];
    return `<rect x="${a}" y="${y + band * 0.15}" width="${Math.max(0.5, b - a)}" height="${band * 0.7}" fill="${vs[i] < 0 ? COLORS[3] : COLORS[0]}"/>`
      + `<text x="${sx(0) + (vs[i] < 0 ? 4 : -4)}" y="${y + band * 0.62}" text-anchor="${vs[i] < 0 ? 'start' : 'end'}">${esc(l)}</text>`;
  }).join(''), [], false);
  return new Chart(svg, `${opts.title ? opts.title + ': ' : ''}${labels.map((l, i) => `${l} ${fmt(vs[i])}`).join(', ')}`);
}
