/**
 * A bounded preview of a tensor's values: per axis, the leading and trailing
 * positions to show (numpy's summarisation), and only those values read from
 * the backend. A 10⁹-element tensor costs a few small gathers to preview, never
 * a full download.
 */
import { residence, type TensorLike, type TensorValues } from './tensor-like.js';

/** One axis of a preview: positions [0, head) and [length - tail, length) are shown. */
export interface AxisView {
  length: number;
  head: number;
  tail: number;
}

export type Cell = number | boolean | string | [number, number];

/** Values of the shown positions of every axis, row-major. */
export interface Grid {
  dtype: string;
  axes: AxisView[];
  values: Cell[];
}

export const shownCount = (a: AxisView) => a.head + a.tail;
export const isElided = (a: AxisView) => a.head + a.tail < a.length;

/** numpy prints everything up to 1,000 elements and 3 per axis edge beyond that. */
export const NUMPY_THRESHOLD = 1000;
export const NUMPY_EDGE = 3;

function edge(length: number, n: number): AxisView {
  return length > 2 * n ? { length, head: n, tail: n } : { length, head: length, tail: 0 };
}

/** Shrinks leading (batch/channel) axes until the shown grid has at most `maxCells` values. */
function fitBudget(axes: AxisView[], maxCells: number): AxisView[] {
  const out = axes.map((a) => ({ ...a }));
  const cells = () => out.reduce((n, a) => n * shownCount(a), 1);
  const steps: [number, number][] = [
    [2, 2],
    [1, 1],
    [1, 0],
  ];
  for (const [h, t] of steps) {
    for (let i = 0; i < out.length - 2 && cells() > maxCells; i++) {
      const a = out[i];
      if (shownCount(a) > h + t && a.length > h + t) out[i] = { length: a.length, head: h, tail: t };
    }
  }
  // Only absurd ranks get here: fall back to the first position of the remaining axes.
  for (let i = 0; i < out.length && cells() > maxCells; i++) out[i] = { length: out[i].length, head: Math.min(1, out[i].length), tail: 0 };
  return out;
}

/** What `text/plain` shows: numpy's rule (everything up to 1,000 values, else 3 per edge), capped for high ranks. */
export function textPlan(shape: number[]): AxisView[] {
  const size = shape.reduce((a, b) => a * b, 1);
  const axes = size > NUMPY_THRESHOLD ? shape.map((n) => edge(n, NUMPY_EDGE)) : shape.map((n) => ({ length: n, head: n, tail: 0 }));
  return fitBudget(axes, 5_000);
}

/** What the HTML table shows: up to 20 rows and 12 columns of each 2-D slice, 2 slices per leading edge. */
export function htmlPlan(shape: number[]): AxisView[] {
  const r = shape.length;
  const axes = shape.map((n, i) => (i === r - 1 ? edge(n, 6) : i === r - 2 ? edge(n, 10) : edge(n, 2)));
  return fitBudget(axes, 2_000);
}

/** The smallest plan that contains both plans, axis by axis. */
export function unionPlan(a: AxisView[], b: AxisView[]): AxisView[] {
  return a.map((x, i) => {
    const y = b[i];
    const head = Math.max(x.head, y.head);
    const tail = Math.max(x.tail, y.tail);
    return head + tail >= x.length ? { length: x.length, head: x.length, tail: 0 } : { length: x.length, head, tail };
  });
}

/** Original index of each shown position of an axis. */
export function shownIndices(a: AxisView): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.head; i++) out.push(i);
  for (let i = a.length - a.tail; i < a.length; i++) out.push(i);
  return out;
}

/** A sub-grid (each axis a subset of the grid's shown positions) without reading the tensor again. */
export function subGrid(g: Grid, plan: AxisView[]): Grid {
  const pos = g.axes.map((a, i) => {
    const hidden = a.length - a.head - a.tail;
    return shownIndices(plan[i]).map((j) => {
      if (j >= a.head && j < a.length - a.tail) throw new RangeError(`index ${j} of axis ${i} was not read`);
      return j < a.head ? j : j - hidden;
    });
  });
  const dims = g.axes.map(shownCount);
  const values: Cell[] = [];
  const walk = (axis: number, offset: number) => {
    if (axis === dims.length) {
      values.push(g.values[offset]);
      return;
    }
    for (const p of pos[axis]) walk(axis + 1, offset * dims[axis] + p);
  };
  walk(0, 0);
  return { dtype: g.dtype, axes: plan, values };
}

function toCells(raw: TensorValues, dtype: string): Cell[] {
  if (dtype === 'complex64') {
    const out: Cell[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as number, raw[i + 1] as number]);
    return out;
  }
  if (dtype === 'bool') return Array.from(raw as Uint8Array, (v) => v !== 0);
  return Array.from(raw as ArrayLike<Cell>);
}

/** Picks the shown positions out of a fully read tensor (when gather is unavailable, e.g. complex64). */
function pickFromFull(raw: Cell[], shape: number[], plan: AxisView[]): Cell[] {
  const full: Grid = { dtype: '', axes: shape.map((n) => ({ length: n, head: n, tail: 0 })), values: raw };
  return subGrid(full, plan).values;
}

/** Reads everything when a backend cannot gather, as long as that stays cheap. */
const FULL_READ_LIMIT = 1_000_000;

/**
 * Gathers the shown positions axis by axis, most reducing axis first, so the
 * intermediate tensors stay small; returns the small tensor (or `t` itself).
 */
function gatherPlan(t: TensorLike, plan: AxisView[]): TensorLike {
  const order = plan
    .map((a, i) => ({ i, ratio: shownCount(a) / Math.max(1, a.length) }))
    .filter(({ i }) => isElided(plan[i]))
    .sort((x, y) => x.ratio - y.ratio);
  let cur = t;
  try {
    for (const { i } of order) {
      const next = cur.gather(shownIndices(plan[i]), i);
      if (cur !== t) cur.dispose();
      cur = next;
    }
    return cur;
  } catch (e) {
    if (cur !== t) cur.dispose();
    throw e;
  }
}

export type PreviewResult = { grid: Grid; note?: undefined } | { grid?: undefined; note: string };

function finish(t: TensorLike, plan: AxisView[], read: (x: TensorLike) => TensorValues | Promise<TensorValues>, then: (raw: TensorValues, picked: boolean) => PreviewResult): PreviewResult | Promise<PreviewResult> {
  let small: TensorLike;
  try {
    small = gatherPlan(t, plan);
  } catch (e) {
    if (t.size > FULL_READ_LIMIT) return { note: `values not shown: ${(e as Error).message}` };
    const raw = read(t);
    return raw instanceof Promise ? raw.then((r) => then(r, false)) : then(raw, false);
  }
  const done = () => {
    if (small !== t) small.dispose();
  };
  try {
    const raw = read(small);
    if (raw instanceof Promise) {
      return raw.then(
        (r) => {
          done();
          return then(r, true);
        },
        (e) => {
          done();
          throw e;
        },
      );
    }
    done();
    return then(raw, true);
  } catch (e) {
    done();
    throw e;
  }
}

/**
 * Reads the values `plan` shows. Synchronous when the tensor's backend allows a
 * synchronous read (cpu, wasm, tensorflow); a promise for GPU backends.
 */
export function readGrid(t: TensorLike, plan: AxisView[]): PreviewResult | Promise<PreviewResult> {
  if (t.isDisposed) return { note: 'disposed' };
  const build = (raw: TensorValues, picked: boolean): PreviewResult => {
    const cells = toCells(raw, t.dtype);
    return { grid: { dtype: t.dtype, axes: plan, values: picked ? cells : pickFromFull(cells, t.shape, plan) } };
  };
  const safe = (p: PreviewResult | Promise<PreviewResult>) =>
    p instanceof Promise ? p.catch((e: Error): PreviewResult => ({ note: `values not shown: ${e.message}` })) : p;
  if (t.size === 0) return { grid: { dtype: t.dtype, axes: plan, values: [] } };
  if (residence(t).asyncOnly) return safe(finish(t, plan, (x) => x.data(), build));
  try {
    return finish(t, plan, (x) => x.dataSync(), build);
  } catch {
    // A backend of another tfjs copy that cannot read synchronously: read asynchronously instead.
    return safe(finish(t, plan, (x) => x.data(), build));
  }
}
