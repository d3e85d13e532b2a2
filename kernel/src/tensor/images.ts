/**
 * `display.images(batch)`: a batch of images (N×H×W×C, N×H×W, H×W×C or H×W)
 * as one PNG grid, with optional labels under each image in the HTML form —
 * the "look at your data" cell of every vision lab. Only the first `max`
 * images are read from the backend.
 */
import { encodePng } from '../display/png.js';
import { checkOptions } from '../data/errors.js';
import { JUPYTER_DISPLAY, type MimeBundle } from '../mime/index.js';
import { colormap, type ColormapName } from './colormap.js';
import { andThen } from './heatmap.js';
import { isTensorLike, type TensorLike } from './tensor-like.js';
import { finiteRange, readDense, type Dense } from './values.js';

export interface ImagesOptions {
  /** A caption per image (strings, numbers or a 1-D tensor), e.g. class names or predictions. */
  labels?: readonly (string | number | boolean)[] | TensorLike;
  /** Images per row; default about √N, at most 16. */
  columns?: number;
  /** Pixel scale; default brings small images (MNIST's 28 px) to ~64 px. */
  scale?: number;
  /** Colour map for single-channel images; default 'gray'. */
  colormap?: ColormapName;
  /**
   * Value range mapped to black…white: [lo, hi]; 'auto' (default) picks [0, 1] or
   * [0, 255] when the values fit, else the batch's min…max; 'per-image' stretches each image.
   */
  range?: [number, number] | 'auto' | 'per-image';
  /** Images shown at most; default 64. */
  max?: number;
  title?: string;
}

interface Layout {
  n: number;
  h: number;
  w: number;
  c: number;
}

/** How a shape reads as images; throws a message that says which shapes work. */
export function imageLayout(shape: readonly number[]): Layout {
  const bad = () =>
    new RangeError(
      `display.images needs N×H×W×C (C = 1, 3 or 4), N×H×W, H×W×C or H×W; got shape [${shape.join(', ')}]`,
    );
  const isC = (c: number) => c === 1 || c === 3 || c === 4;
  if (shape.length === 4) {
    if (!isC(shape[3])) throw bad();
    return { n: shape[0], h: shape[1], w: shape[2], c: shape[3] };
  }
  if (shape.length === 3) return isC(shape[2]) ? { n: 1, h: shape[0], w: shape[1], c: shape[2] } : { n: shape[0], h: shape[1], w: shape[2], c: 1 };
  if (shape.length === 2) return { n: 1, h: shape[0], w: shape[1], c: 1 };
  throw bad();
}

function autoRange(d: Dense): [number, number] {
  const [lo, hi] = finiteRange(d.data);
  if (lo >= 0 && hi <= 1 && d.dtype !== 'int32') return [0, 1];
  if (lo >= 0 && hi <= 255) return [0, 255];
  return [lo, hi];
}

const GAP = 2;

function toByte(v: number, lo: number, hi: number): number {
  if (!Number.isFinite(v)) return v === Infinity ? 255 : 0;
  const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
  return Math.round((t < 0 ? 0 : t > 1 ? 1 : t) * 255);
}

/** Draws image `k` of the batch into `out` (RGBA, row stride `outW`) at (x0, y0), scaled. */
function drawImage(d: Dense, L: Layout, k: number, range: [number, number], lut: Uint8Array, scale: number, out: Uint8Array, outW: number, x0: number, y0: number): void {
  const { h, w, c } = L;
  const base = k * h * w * c;
  const [lo, hi] = range;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = base + (y * w + x) * c;
      let r: number, g: number, b: number, a = 255;
      if (c === 1) {
        const i = toByte(d.data[p], lo, hi);
        r = lut[i * 3];
        g = lut[i * 3 + 1];
        b = lut[i * 3 + 2];
      } else {
        r = toByte(d.data[p], lo, hi);
        g = toByte(d.data[p + 1], lo, hi);
        b = toByte(d.data[p + 2], lo, hi);
        if (c === 4) a = toByte(d.data[p + 3], lo, hi);
      }
      for (let sy = 0; sy < scale; sy++) {
        let o = ((y0 + y * scale + sy) * outW + x0 + x * scale) * 4;
        for (let sx = 0; sx < scale; sx++, o += 4) {
          out[o] = r;
          out[o + 1] = g;
          out[o + 2] = b;
          out[o + 3] = a;
        }
      }
    }
  }
}

function rangeFor(d: Dense, L: Layout, k: number, opt: ImagesOptions['range'], batch: [number, number]): [number, number] {
  if (Array.isArray(opt)) return opt;
  if (opt !== 'per-image') return batch;
  const size = L.h * L.w * L.c;
  return finiteRange(Array.prototype.slice.call(d.data, k * size, (k + 1) * size) as number[]);
}

/** Encodes images [from, to) as one RGBA grid PNG. */
function grid(d: Dense, L: Layout, from: number, to: number, cols: number, scale: number, opts: ImagesOptions, batch: [number, number], lut: Uint8Array): { png: Uint8Array; width: number; height: number } {
  const n = to - from;
  const rows = Math.ceil(n / cols);
  const cw = L.w * scale;
  const ch = L.h * scale;
  const width = cols * cw + (cols - 1) * GAP;
  const height = rows * ch + (rows - 1) * GAP;
  const out = new Uint8Array(width * height * 4); // gaps stay transparent
  for (let i = 0; i < n; i++) {
    const k = from + i;
    drawImage(d, L, k, rangeFor(d, L, k, opts.range, batch), lut, scale, out, width, (i % cols) * (cw + GAP), Math.floor(i / cols) * (ch + GAP));
  }
  return { png: encodePng({ width, height, channels: 4, data: out }), width, height };
}

const b64 = (png: Uint8Array) => Buffer.from(png).toString('base64');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function labelText(v: string | number | boolean): string {
  return typeof v === 'number' && !Number.isInteger(v) ? String(+v.toPrecision(4)) : String(v);
}

export function imagesBundle(d: Dense, total: number, labels: string[] | undefined, opts: ImagesOptions = {}): MimeBundle {
  const L = imageLayout(d.shape);
  if (L.n === 0 || L.h === 0 || L.w === 0) throw new RangeError(`display.images: no pixels in shape [${d.shape.join(', ')}]`);
  const lut = colormap(opts.colormap ?? 'gray');
  const cols = Math.max(1, Math.min(L.n, Math.floor(opts.columns ?? Math.min(16, Math.ceil(Math.sqrt(L.n))))));
  const scale = Math.max(1, Math.floor(opts.scale ?? Math.min(8, Math.max(1, Math.floor(64 / Math.max(L.h, L.w))))));
  const batch = Array.isArray(opts.range) ? opts.range : autoRange(d);
  const all = grid(d, L, 0, L.n, cols, scale, opts, batch, lut);
  const kind = L.c === 1 ? (opts.colormap ?? 'gray') : L.c === 3 ? 'RGB' : 'RGBA';
  const count = L.n < total ? `${L.n} of ${total.toLocaleString('en-US')} images` : `${L.n} image${L.n === 1 ? '' : 's'}`;
  const values = opts.range === 'per-image' ? 'each stretched to its own min…max' : `values ${batch[0]}…${batch[1]}`;
  const summary = `${opts.title ? `${opts.title}: ` : ''}${count}, ${L.h}×${L.w} ${kind}, ${values}`;
  let body: string;
  if (labels) {
    // One small PNG per image so each caption sits under its image in any renderer.
    const cells = Array.from({ length: L.n }, (_, k) => {
      const one = grid(d, L, k, k + 1, 1, scale, opts, batch, lut);
      const cap = labels[k] ?? '';
      return `<td style="padding:2px;text-align:center;vertical-align:top"><img src="data:image/png;base64,${b64(one.png)}" width="${one.width}" height="${one.height}" alt="${esc(cap)}" style="image-rendering:pixelated"/><div style="font-size:11px;font-family:monospace">${esc(cap)}</div></td>`;
    });
    const rows: string[] = [];
    for (let i = 0; i < cells.length; i += cols) rows.push(`<tr>${cells.slice(i, i + cols).join('')}</tr>`);
    body = `<table style="border-collapse:collapse">${rows.join('')}</table>`;
  } else {
    body = `<img src="data:image/png;base64,${b64(all.png)}" width="${all.width}" height="${all.height}" alt="${esc(summary)}" style="image-rendering:pixelated"/>`;
  }
  const html = `<div class="tsml-images" style="font-size:12px">${body}<div style="color:#666;margin-top:4px">${esc(summary)}</div></div>`;
  const plainLabels = labels ? `\nlabels: ${labels.slice(0, 32).join(', ')}${labels.length > 32 ? ', …' : ''}` : '';
  return { 'image/png': b64(all.png), 'text/html': html, 'text/plain': summary + plainLabels };
}

function readLabels(l: ImagesOptions['labels'], n: number): string[] | undefined | Promise<string[]> {
  if (l === undefined) return undefined;
  if (isTensorLike(l)) {
    const t = l as TensorLike;
    const conv = (v: ArrayLike<unknown>) => Array.from({ length: Math.min(n, v.length) }, (_, i) => labelText(v[i] as number));
    try {
      return conv(t.dataSync());
    } catch {
      return t.data().then(conv);
    }
  }
  if (!Array.isArray(l)) throw new TypeError('display.images: labels must be an array or a 1-D tensor');
  return l.slice(0, n).map(labelText);
}

/** A value that renders as the image grid. */
export function images(x: unknown, opts: ImagesOptions = {}): { [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle> } {
  checkOptions('display.images', opts, ['labels', 'columns', 'scale', 'colormap', 'range', 'max', 'title', 'display_id', 'metadata'], TypeError);
  const max = Math.max(1, Math.floor(opts.max ?? 64));
  colormap(opts.colormap ?? 'gray'); // fail now on an unknown name, not at render time
  // Validate the shape and read now, so a bad input fails the cell that asked.
  const first = isTensorLike(x) ? imageLayout((x as TensorLike).shape) : undefined;
  const dense = readDense(x, 'display.images', { limitFirst: first && first.n > 1 ? max : undefined });
  const build = (d: Dense): MimeBundle | Promise<MimeBundle> => {
    const L = imageLayout(d.fullShape);
    let shown = d;
    if (L.n > max && d.shape[0] > max && d.shape.length >= 3 && imageLayout(d.shape).n > 1) {
      // Nested arrays are not cut on a backend: cut them here.
      const per = L.h * L.w * L.c;
      shown = { ...d, shape: [max, ...d.shape.slice(1)], data: Array.prototype.slice.call(d.data, 0, max * per) as number[] };
    }
    const n = imageLayout(shown.shape).n;
    return andThen(readLabels(opts.labels, n), (labels) => imagesBundle(shown, L.n, labels, opts));
  };
  const ready = dense instanceof Promise ? undefined : build(dense);
  if (dense instanceof Promise) dense.catch(() => undefined); // shown later or never: no unhandled rejection
  if (ready instanceof Promise) ready.catch(() => undefined);
  return { [JUPYTER_DISPLAY]: () => ready ?? (dense as Promise<Dense>).then(build) };
}
