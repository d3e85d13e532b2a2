/**
 * The MIME bundle of a tensor: tsml's tensor payload, static HTML and numpy-style
 * text. Only the previewed positions are read (see preview.ts), so rendering a
 * 1000×1000 tensor reads a 20×12 corner grid, not a million values.
 */
import { TsmlMime, tsmlBundle, type MimeBundle, type TensorPayload } from '../mime/index.js';
import { tensorHtml, type TensorFacts } from './html.js';
import { htmlPlan, readGrid, subGrid, textPlan, unionPlan, type Grid, type PreviewResult } from './preview.js';
import { memoryInUse, residence, type TensorLike } from './tensor-like.js';
import { tensorText } from './text.js';

const jsonSafe = (c: Grid['values'][number]) => (typeof c === 'number' && !Number.isFinite(c) ? String(c) : c);

function facts(t: TensorLike): TensorFacts {
  const r = residence(t);
  return { shape: [...t.shape], dtype: t.dtype, size: t.size, bytes: r.bytes, backend: r.backend, memory: memoryInUse() };
}

function assemble(f: TensorFacts, result: PreviewResult): MimeBundle {
  const text = textPlan(f.shape);
  const html = htmlPlan(f.shape);
  const grid = result.grid;
  const htmlGrid = grid && subGrid(grid, html);
  const payload: TensorPayload = {
    shape: f.shape,
    dtype: f.dtype,
    backend: f.backend,
    size: f.size,
    bytes: f.bytes,
    preview: htmlGrid
      ? { axes: htmlGrid.axes, values: htmlGrid.values.map(jsonSafe), truncated: htmlGrid.values.length < f.size }
      : null,
    ...(result.note ? { note: result.note } : {}),
    ...(f.memory ? { memory: f.memory } : {}),
  };
  return tsmlBundle(TsmlMime.tensor, payload, {
    html: tensorHtml(f, htmlGrid, result.note),
    text: tensorText(f.shape, f.dtype, grid && subGrid(grid, text), result.note),
  });
}

/**
 * Renders a tensor. Synchronous on backends that read synchronously (cpu, wasm,
 * tensorflow) so outputs keep their order; a promise for GPU backends.
 */
export function tensorBundle(t: TensorLike): MimeBundle | Promise<MimeBundle> {
  const f = facts(t);
  if (t.isDisposed) return assemble(f, { note: 'disposed' });
  const plan = unionPlan(textPlan(f.shape), htmlPlan(f.shape));
  const result = readGrid(t, plan);
  return result instanceof Promise ? result.then((r) => assemble(f, r)) : assemble(f, result);
}

/** The text form alone, for `console.log(t)` / util.inspect; a GPU tensor shows its header only. */
export function tensorInspect(t: TensorLike): string {
  const f = facts(t);
  if (t.isDisposed) return tensorText(f.shape, f.dtype, undefined, 'disposed');
  const plan = textPlan(f.shape);
  if (residence(t).asyncOnly) return tensorText(f.shape, f.dtype, undefined, `on ${f.backend}; display it or await t.data()`);
  try {
    const r = readGrid(t, plan);
    if (r instanceof Promise) {
      r.catch(() => undefined);
      return tensorText(f.shape, f.dtype, undefined, 'values not readable synchronously');
    }
    return tensorText(f.shape, f.dtype, r.grid, r.note);
  } catch (e) {
    return tensorText(f.shape, f.dtype, undefined, `values not shown: ${(e as Error).message}`);
  }
}

/**
 * Always synchronous, for renderers that cannot wait (the shape-based formatter
 * of tensors from another tfjs copy): a GPU tensor shows its header and a note.
 */
export function tensorBundleSync(t: TensorLike): MimeBundle {
  const f = facts(t);
  if (t.isDisposed) return assemble(f, { note: 'disposed' });
  const plan = unionPlan(textPlan(f.shape), htmlPlan(f.shape));
  const result = readGrid(t, plan);
  if (result instanceof Promise) {
    result.catch(() => undefined);
    return assemble(f, { note: `values on ${f.backend ?? 'a GPU backend'}: read them with await t.data()` });
  }
  return assemble(f, result);
}
