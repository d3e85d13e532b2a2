/**
 * What `fit` and `fitLoop` accept as data, turned into one shape: batches per
 * epoch, an optional validation set, and how many steps an epoch has.
 * In memory: `{ x, y, mask? }` tensors (or `[x, y]`), or an arquero table with
 * `x`/`y` column lists; streamed: any (async) iterable of `{ x, y, mask? }`
 * batches (re-iterated each epoch, e.g. `tsml.data.bucketBy`), or a tf.data
 * dataset. In-memory data is shuffled every epoch with tsml's seeded generator.
 */
import type * as TF from '@tensorflow/tfjs';
import type { ColumnTable } from 'arquero';
import { permutation, rngFor } from '../random/index.js';
import { tableToTensor } from '../tensor/table.js';

type Tensor = TF.Tensor;
export type Inputs = Tensor | Tensor[];

export interface Batch {
  x: Inputs;
  y?: Inputs;
  /** 1 where a position counts (a real token), 0 where it is padding; the loss is averaged over the 1s. */
  mask?: Tensor;
  [key: string]: unknown;
}

export type BatchIterable = AsyncIterable<Batch> | Iterable<Batch>;
/** tf.data datasets iterate through `iterator()`. */
export interface DatasetLike {
  iterator(): Promise<{ next(): Promise<IteratorResult<Batch>> }>;
}

export type DataInput = { x: Inputs; y?: Inputs; mask?: Tensor } | [Inputs, Inputs] | ColumnTable | BatchIterable | DatasetLike;

export interface DataOptions {
  batchSize?: number;
  shuffle?: boolean;
  /** Seed of the shuffle (default: tsml.seed's stream). */
  seed?: number;
  /** Table inputs: feature columns and target column(s). */
  x?: string | string[];
  y?: string | string[];
  /** Fraction of in-memory data held out for validation: the last rows, before shuffling (as Keras). */
  validationSplit?: number;
  validationData?: DataInput;
}

export interface Source {
  batches(epoch: number): AsyncIterable<{ batch: Batch; owned: boolean }>;
  /** Micro-batches per epoch, when known before the epoch runs. */
  batchesPerEpoch: number | null;
  examples: number | null;
  validation?: Source;
  /** The first rows, in order (in-memory data only): lets fitLoop learn its metric names without drawing from the shuffle. */
  peek?(): Batch;
  dispose(): void;
}

const isTensor = (v: unknown): v is Tensor => typeof v === 'object' && v !== null && typeof (v as Tensor).dataSync === 'function' && Array.isArray((v as Tensor).shape);
const isInputs = (v: unknown): v is Inputs => isTensor(v) || (Array.isArray(v) && v.length > 0 && v.every(isTensor));
const isTable = (v: unknown): v is ColumnTable => typeof (v as ColumnTable | null)?.columnNames === 'function' && typeof (v as ColumnTable).numRows === 'function';
const firstTensor = (x: Inputs) => (Array.isArray(x) ? x[0] : x);

export function rows(x: Inputs): number {
  return firstTensor(x).shape[0] ?? 0;
}

function mapInputs(x: Inputs, f: (t: Tensor) => Tensor): Inputs {
  return Array.isArray(x) ? x.map(f) : f(x);
}

export function disposeBatch(tf: typeof TF, b: Batch): void {
  for (const v of Object.values(b)) if (isInputs(v)) tf.dispose(v as Tensor | Tensor[]);
}

function describeInput(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length} (${v.slice(0, 3).map((x) => (isTensor(x) ? 'tensor' : typeof x)).join(', ')})`;
  return typeof v === 'object' ? `an object with keys ${Object.keys(v as object).slice(0, 6).join(', ') || '(none)'}` : typeof v;
}

/** In-memory tensors: seeded shuffle per epoch, batches gathered on the backend. */
function tensorSource(tf: typeof TF, data: { x: Inputs; y?: Inputs; mask?: Tensor }, opts: DataOptions, owned: Tensor[]): Source {
  const n = rows(data.x);
  const check = (name: string, t: Inputs | undefined) => {
    if (t && rows(t) !== n) throw new RangeError(`fit: ${name} has ${rows(t)} rows but x has ${n}; every input needs one row per example`);
  };
  check('y', data.y);
  check('mask', data.mask);
  const batchSize = opts.batchSize ?? 32;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new RangeError(`fit: batchSize must be a positive integer, got ${batchSize}`);
  let train = data;
  let validation: Source | undefined;
  const split = opts.validationSplit ?? 0;
  if (split) {
    if (!(split > 0 && split < 1)) throw new RangeError(`fit: validationSplit must be between 0 and 1 (exclusive), got ${split}`);
    // Keras' and tfjs' split point, so a validation split holds the same rows as theirs.
    const nTrain = Math.floor(n * (1 - split));
    const nVal = n - nTrain;
    if (nTrain < 1 || nVal < 1) throw new RangeError(`fit: validationSplit ${split} of ${n} rows leaves ${nTrain} to train on and ${nVal} to validate`);
    const part = (x: Inputs, start: number, size: number) => mapInputs(x, (t) => { const s = t.slice(start, size); owned.push(s); return s; });
    const pick = (start: number, size: number) => ({
      x: part(data.x, start, size),
      y: data.y && part(data.y, start, size),
      mask: data.mask && (part(data.mask, start, size) as Tensor),
    });
    train = pick(0, nTrain);
    validation = tensorSource(tf, pick(nTrain, nVal), { batchSize, shuffle: false }, owned);
  }
  const size = rows(train.x);
  const shuffle = opts.shuffle ?? true;
  const rng = rngFor(opts.seed);
  return {
    batchesPerEpoch: Math.ceil(size / batchSize),
    examples: size,
    validation,
    async *batches() {
      const order = shuffle ? permutation(rng, size) : null;
      for (let start = 0; start < size; start += batchSize) {
        const end = Math.min(size, start + batchSize);
        let take: (t: Tensor) => Tensor;
        if (order) {
          const idx = tf.tensor1d(order.subarray(start, end), 'int32');
          take = (t) => tf.gather(t, idx);
          const batch = { x: mapInputs(train.x, take), y: train.y && mapInputs(train.y, take), mask: train.mask && take(train.mask) };
          idx.dispose();
          yield { batch: strip(batch), owned: true };
        } else {
          take = (t) => t.slice(start, end - start);
          yield { batch: strip({ x: mapInputs(train.x, take), y: train.y && mapInputs(train.y, take), mask: train.mask && take(train.mask) }), owned: true };
        }
      }
    },
    peek() {
      const take = (t: Tensor) => t.slice(0, Math.min(size, batchSize));
      return strip({ x: mapInputs(train.x, take), y: train.y && mapInputs(train.y, take), mask: train.mask && take(train.mask) });
    },
    dispose() {
      tf.dispose(owned);
      owned.length = 0;
    },
  };
}

function strip(b: Batch): Batch {
  for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
  return b;
}

/** Iterables are iterated afresh each epoch; their batches are disposed after use (pass `keepBatches` to keep them). */
function iterableSource(data: BatchIterable | DatasetLike, keep: boolean): Source {
  let measured: number | null = null;
  const src: Source = {
    batchesPerEpoch: typeof (data as unknown as { length?: unknown }).length === 'number' ? (data as unknown as { length: number }).length : null,
    examples: null,
    async *batches() {
      let count = 0;
      if (typeof (data as DatasetLike).iterator === 'function' && !(Symbol.asyncIterator in data) && !(Symbol.iterator in data)) {
        const it = await (data as DatasetLike).iterator();
        for (let r = await it.next(); !r.done; r = await it.next()) {
          count++;
          yield { batch: asBatch(r.value, count), owned: !keep };
        }
      } else {
        for await (const b of data as AsyncIterable<Batch>) {
          count++;
          yield { batch: asBatch(b, count), owned: !keep };
        }
      }
      if (count === 0) throw new RangeError('fit: the data iterable gave no batches. An iterator (not an iterable) is used up after one pass: pass an object whose [Symbol.asyncIterator]() starts a new pass, e.g. tsml.data.bucketBy(...)');
      measured = count;
      if (src.batchesPerEpoch === null) src.batchesPerEpoch = measured;
    },
    dispose() {},
  };
  return src;
}

function asBatch(v: unknown, i: number): Batch {
  if (Array.isArray(v) && v.length === 2 && isInputs(v[0])) return { x: v[0], y: v[1] as Inputs };
  const b = v as Batch;
  if (!b || !isInputs(b.x) && !isInputs((b as { xs?: unknown }).xs)) throw new TypeError(`fit: batch ${i} is ${describeInput(v)}; each batch must be { x, y } (or [x, y], or tf.data's { xs, ys }) with tensors`);
  // tf.data's convention.
  if (!b.x && (b as { xs?: Inputs }).xs) return { ...b, x: (b as unknown as { xs: Inputs }).xs, y: (b as unknown as { ys?: Inputs }).ys };
  return b;
}

export function makeSource(tf: typeof TF, data: DataInput, opts: DataOptions & { keepBatches?: boolean }, role = 'data'): Source {
  const owned: Tensor[] = [];
  let src: Source;
  if (isTable(data)) {
    if (!opts.x || !opts.y) throw new TypeError(`fit: a table as ${role} needs the columns: pass { x: ['feature', …], y: 'target' } in the options`);
    const x = tableToTensor(data, Array.isArray(opts.x) ? opts.x : [opts.x]) as unknown as Tensor;
    const y = tableToTensor(data, opts.y) as unknown as Tensor;
    owned.push(x, y);
    src = tensorSource(tf, { x, y }, opts, owned);
  } else if (Array.isArray(data) && data.length === 2 && isInputs(data[0])) {
    src = tensorSource(tf, { x: data[0], y: data[1] }, opts, owned);
  } else if (data && typeof data === 'object' && isInputs((data as { x?: unknown }).x)) {
    src = tensorSource(tf, data as { x: Inputs; y?: Inputs; mask?: Tensor }, opts, owned);
  } else if (data && typeof data === 'object' && (Symbol.asyncIterator in data || Symbol.iterator in data || typeof (data as DatasetLike).iterator === 'function')) {
    if (opts.validationSplit) throw new TypeError('fit: validationSplit needs in-memory data (tensors or a table); with batches from an iterable, pass validationData');
    src = iterableSource(data as BatchIterable, Boolean(opts.keepBatches));
  } else {
    throw new TypeError(`fit: ${role} is ${describeInput(data)}. Pass { x, y } tensors, [x, y], an arquero table with { x: [...columns], y: 'column' } options, or an (async) iterable of { x, y } batches`);
  }
  if (opts.validationData !== undefined) {
    if (src.validation) throw new TypeError('fit: pass validationSplit or validationData, not both');
    const val = makeSource(tf, opts.validationData, { ...opts, validationData: undefined, validationSplit: undefined, shuffle: false }, 'validationData');
    src.validation = val;
    const own = src.dispose;
    src.dispose = () => { own(); val.dispose(); };
  }
  return src;
}
