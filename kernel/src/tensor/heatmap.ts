/**
 * `display.heatmap(t2d)`: a 2-D tensor (or nested array) as a colour-mapped PNG
 * with a colour bar and its value range — the quick look at a weight matrix,
 * an attention map or a confusion matrix. Small matrices are scaled up so a
 * cell is visible; large ones are strided down to `maxSide` on the backend.
 */
import { encodePng } from '../display/png.js';
import { checkOptions } from '../data/errors.js';
import { JUPYTER_DISPLAY, type MimeBundle } from '../mime/index.js';
import { colormap, type ColormapName } from './colormap.js';
import { isTensorLike, type TensorLike } from './tensor-like.js';
import { finiteRange, readDense, type Dense } from './values.js';

export interface HeatmapOptions {
  /** 'viridis' (default), 'magma', 'coolwarm' (signed values) or 'gray'. */
  colormap?: ColormapName;
  /** Value mapped to the first colour; default the smallest finite value. */
  min?: number;
  /** Value mapped to the last colour; default the largest finite value. */
  max?: number;
  /** Pixels per cell; default fits the larger side into ~320 px (at most 64 per cell). */
  scale?: number;
  /** Rows/columns beyond this are strided (every k-th kept); default 512. */
  maxSide?: number;
  title?: string;
}

/** Applies `f` now, or when `v` resolves (named so: a module exporting `then` is a thenable to import()). */
export const andThen = <T, U>(v: T | Promise<T>, f: (x: T) => U): U | Promise<U> => (v instanceof Promise ? v.then(f) : f(v));

const b64 = (png: Uint8Array) => Buffer.from(png).toString('base64');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : String(+v.toPrecision(4));
}

/** Maps values to colour-map indices 0-255, or -1 for NaN/±Infinity outside the range. */
export function toIndex(v: number, lo: number, hi: number): number {
  if (Number.isNaN(v)) return -1;
  const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
  return Math.round((t < 0 ? 0 : t > 1 ? 1 : t) * 255);
}

function shapeOf(x: unknown): number[] | undefined {
  return isTensorLike(x) ? (x as TensorLike).shape : undefined;
}

/** RGB pixels of the heatmap at `scale` pixels per cell; NaN cells are white. */
export function heatmapPixels(d: Dense, lo: number, hi: number, lut: Uint8Array, scale: number): { width: number; height: number; data: Uint8Array } {
  const [h, w] = d.shape;
  const width = w * scale;
  const height = h * scale;
  const data = new Uint8Array(width * height * 3);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const i = toIndex(d.data[r * w + c], lo, hi);
      const [R, G, B] = i < 0 ? [255, 255, 255] : [lut[i * 3], lut[i * 3 + 1], lut[i * 3 + 2]];
      for (let y = r * scale; y < (r + 1) * scale; y++) {
        let o = (y * width + c * scale) * 3;
        for (let x = 0; x < scale; x++, o += 3) {
          data[o] = R;
          data[o + 1] = G;
          data[o + 2] = B;
        }
      }
    }
  }
  return { width, height, data };
}

function colorbar(lut: Uint8Array): Uint8Array {
  const width = 256;
  const height = 10;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(lut.subarray(x * 3, x * 3 + 3), (y * width + x) * 3);
  return encodePng({ width, height, channels: 3, data });
}

export function heatmapBundle(d: Dense, opts: HeatmapOptions = {}): MimeBundle {
  const [h, w] = d.shape;
  if (!h || !w) throw new RangeError(`display.heatmap: nothing to draw in shape [${d.shape.join(', ')}]`);
  const name = opts.colormap ?? 'viridis';
  const lut = colormap(name);
  const [autoLo, autoHi] = finiteRange(d.data);
  const lo = opts.min ?? autoLo;
  const hi = opts.max ?? autoHi;
  const scale = Math.max(1, Math.floor(opts.scale ?? Math.min(64, Math.max(1, Math.floor(320 / Math.max(h, w))))));
  const px = heatmapPixels(d, lo, hi, lut, scale);
  const png = encodePng({ ...px, channels: 3 });
  const strided = d.step.some((s) => s > 1) ? `, strided from ${d.fullShape.join('×')} (every ${d.step.join('×')})` : '';
  const label = `${opts.title ? `${opts.title}: ` : ''}heatmap ${h}×${w}${strided} (${name}, ${fmt(lo)} … ${fmt(hi)})`;
  const html =
    `<div class="tsml-heatmap" style="font-size:12px">${opts.title ? `<div style="font-weight:bold;margin-bottom:4px">${esc(opts.title)}</div>` : ''}` +
    `<img src="data:image/png;base64,${b64(png)}" width="${px.width}" height="${px.height}" alt="${esc(label)}" style="image-rendering:pixelated"/>` +
    `<table style="border-collapse:collapse;margin-top:4px"><tr><td style="padding:0 4px;font-family:monospace">${esc(fmt(lo))}</td>` +
    `<td style="padding:0"><img src="data:image/png;base64,${b64(colorbar(lut))}" width="160" height="10" alt="${esc(name)} colour bar"/></td>` +
    `<td style="padding:0 4px;font-family:monospace">${esc(fmt(hi))}</td></tr></table>` +
    (strided ? `<div style="color:#888">${esc(strided.slice(2))}</div>` : '') +
    `</div>`;
  return { 'image/png': b64(png), 'text/html': html, 'text/plain': label };
}

/** A value that renders as the heatmap (read synchronously on cpu/wasm, asynchronously on GPU backends). */
export function heatmap(x: unknown, opts: HeatmapOptions = {}): { [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle> } {
  checkOptions('display.heatmap', opts, ['colormap', 'min', 'max', 'scale', 'maxSide', 'title', 'display_id', 'metadata'], TypeError);
  const shape = shapeOf(x);
  if (shape && shape.length !== 2) {
    throw new RangeError(`display.heatmap needs a 2-D tensor, got shape [${shape.join(', ')}]; slice or reshape it first, e.g. t.reshape([rows, cols])`);
  }
  colormap(opts.colormap ?? 'viridis'); // fail now on an unknown name, not at render time
  // Read now so a bad input fails the cell that asked, not the renderer later.
  const dense = readDense(x, 'display.heatmap', { maxSide: { axes: [0, 1], max: opts.maxSide ?? 512 } });
  const build = (d: Dense) => {
    if (d.shape.length === 1) d = { ...d, shape: [1, d.shape[0]], fullShape: [1, d.fullShape[0]], step: [1, d.step[0]] };
    if (d.shape.length !== 2) throw new RangeError(`display.heatmap needs a 2-D array, got shape [${d.shape.join(', ')}]`);
    return heatmapBundle(d, opts);
  };
  const ready = dense instanceof Promise ? undefined : build(dense);
  if (dense instanceof Promise) dense.catch(() => undefined); // shown later or never: no unhandled rejection
  return { [JUPYTER_DISPLAY]: () => ready ?? andThen(dense, build) };
}
