/**
 * Reading the values a picture needs from a tensor (or nested arrays, so
 * `display.heatmap([[1, 2], [3, 4]])` works without tfjs). Large inputs are cut
 * down on the backend first — rows/columns strided, images limited — so a
 * heatmap of a 10k×10k matrix reads at most `maxSide²` values.
 */
import { residence, isTensorLike, type TensorLike, type TensorValues } from './tensor-like.js';

export interface Dense {
  shape: number[];
  /** The input's shape before striding/limiting. */
  fullShape: number[];
  dtype: string;
  data: ArrayLike<number>;
  /** Every `step[i]`-th position of axis i was kept (1 = all). */
  step: number[];
}

function nestedShape(x: unknown): number[] {
  const shape: number[] = [];
  let cur: unknown = x;
  while (Array.isArray(cur) || ArrayBuffer.isView(cur)) {
    const len = (cur as ArrayLike<unknown>).length;
    shape.push(len);
    if (len === 0) break;
    cur = (cur as ArrayLike<unknown>)[0];
  }
  return shape;
}

function fromNested(x: unknown, what: string): Dense {
  const shape = nestedShape(x);
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(size);
  let k = 0;
  const walk = (v: unknown, depth: number) => {
    if (depth === shape.length) {
      data[k++] = typeof v === 'boolean' ? Number(v) : (v as number);
      return;
    }
    const arr = v as ArrayLike<unknown>;
    if ((!Array.isArray(arr) && !ArrayBuffer.isView(arr)) || arr.length !== shape[depth]) {
      throw new TypeError(`${what}: ragged nested array (expected length ${shape[depth]} at depth ${depth})`);
    }
    for (let i = 0; i < arr.length; i++) walk(arr[i], depth + 1);
  };
  walk(x, 0);
  return { shape, fullShape: shape, dtype: 'float32', data, step: shape.map(() => 1) };
}

function numeric(raw: TensorValues, dtype: string, what: string): ArrayLike<number> {
  if (dtype === 'string' || dtype === 'complex64') throw new TypeError(`${what} needs numbers; this tensor is ${dtype}`);
  return raw as ArrayLike<number>;
}

export interface Reduce {
  /** Keep at most this many positions along each of these axes, by striding. */
  maxSide?: { axes: number[]; max: number };
  /** Keep only the first `n` positions of axis 0 (images beyond the grid). */
  limitFirst?: number;
}

/** Cuts the tensor down on its backend; returns the cut tensor (caller disposes it if not `t`) and the strides used. */
function cutDown(t: TensorLike, r: Reduce): { cut: TensorLike; step: number[] } {
  let cut = t;
  const step = t.shape.map(() => 1);
  if (r.limitFirst !== undefined && t.shape[0] > r.limitFirst) {
    cut = t.gather(Array.from({ length: r.limitFirst }, (_, i) => i), 0);
  }
  if (r.maxSide) {
    // One step for every axis keeps the aspect ratio of what is drawn.
    const longest = Math.max(...r.maxSide.axes.map((a) => cut.shape[a]));
    for (const a of r.maxSide.axes) step[a] = Math.max(1, Math.ceil(longest / r.maxSide.max));
    if (step.some((s) => s > 1)) {
      const next = cut.stridedSlice(cut.shape.map(() => 0), cut.shape, step);
      if (cut !== t) cut.dispose();
      cut = next;
    }
  }
  return { cut, step };
}

/** The input's values as numbers: synchronous when its backend reads synchronously, else a promise. */
export function readDense(x: unknown, what: string, r: Reduce = {}): Dense | Promise<Dense> {
  if (!isTensorLike(x)) {
    if (Array.isArray(x) || ArrayBuffer.isView(x)) return fromNested(x, what);
    throw new TypeError(`${what} expects a tensor or a nested array of numbers, got ${x === null ? 'null' : typeof x}`);
  }
  const t = x as TensorLike;
  if (t.isDisposed) throw new Error(`${what}: the tensor is disposed`);
  const { cut, step } = cutDown(t, r);
  const done = (raw: TensorValues): Dense => {
    const shape = [...cut.shape];
    if (cut !== t) cut.dispose();
    return { shape, fullShape: [...t.shape], dtype: t.dtype, data: numeric(raw, t.dtype, what), step };
  };
  if (residence(t).asyncOnly) return cut.data().then(done);
  let raw: TensorValues;
  try {
    raw = cut.dataSync();
  } catch {
    // A backend of another tfjs copy that only reads asynchronously.
    return cut.data().then(done);
  }
  return done(raw);
}

/** Finite min and max (NaN and ±Infinity ignored); [0, 1] when nothing is finite. */
export function finiteRange(data: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < lo && Number.isFinite(v)) lo = v;
    if (v > hi && Number.isFinite(v)) hi = v;
  }
  return lo === Infinity ? [0, 1] : [lo, hi];
}
