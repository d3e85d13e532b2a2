/**
 * `tsml.data.bucketBy(sequences, opts)`: a loader for variable-length data.
 * Sequences are grouped by length (given boundaries, or `buckets` quantiles),
 * shuffled within their bucket, batched, and padded only to the longest
 * sequence of their batch; each batch is `{ x, mask, lengths, y? }`. Batches
 * are drawn at random in proportion to what each bucket has left, never
 * letting a bucket run more than one batch ahead of its share — so small
 * buckets do not run out early and the last batches of an epoch are not all
 * from one length. Seeded; iterating it again starts a new epoch.
 */
import type * as TF from '@tensorflow/tfjs';
import type { ColumnTable } from 'arquero';
import { createRng, permutation, rngFor, type Rng } from '../random/index.js';
import { quantileSorted } from '../loss/index.js';
import type { Batch } from './data.js';
import { requireTf } from './tf.js';

export interface BucketOptions {
  /** Table inputs: the column of token arrays (default 'tokens') and of labels (optional). */
  x?: string;
  y?: string;
  /** Labels when `sequences` is an array of arrays. */
  labels?: ArrayLike<number>;
  /** Upper length limits of the buckets (a last bucket takes the rest), or… */
  boundaries?: number[];
  /** …this many buckets at length quantiles (default 4). */
  buckets?: number;
  batchSize?: number;
  padValue?: number;
  /** Drop each bucket's last, partial batch. */
  dropLast?: boolean;
  shuffle?: boolean;
  seed?: number;
  /** Longer sequences are cut to this length. */
  maxLength?: number;
}

export interface PaddingReport {
  tokens: number;
  /** Positions in the padded batches, and the share of them that is padding. */
  padded: number;
  waste: number;
  /** The same if every sequence were padded to the longest in the data. */
  paddedToMax: number;
  wasteToMax: number;
}

interface Item {
  seq: ArrayLike<number>;
  label?: number;
}

export function quantileBoundaries(lengths: number[], k: number): number[] {
  const sorted = [...lengths].sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 1; i < k; i++) {
    const q = Math.ceil(quantileSorted(sorted, i / k));
    if (!out.includes(q) && q < sorted[sorted.length - 1]) out.push(q);
  }
  return out;
}

function readItems(input: ColumnTable | ArrayLike<number>[], opts: BucketOptions): Item[] {
  if (typeof (input as ColumnTable).columnNames === 'function') {
    const t = input as ColumnTable;
    const xName = opts.x ?? 'tokens';
    if (!t.columnNames().includes(xName)) throw new TypeError(`bucketBy: the table has no column '${xName}' (columns: ${t.columnNames().join(', ')}); pass { x: 'column of token arrays' }`);
    const xs = t.array(xName) as ArrayLike<number>[];
    const ys = opts.y ? (t.array(opts.y) as ArrayLike<number>) : undefined;
    return Array.from(xs, (seq, i) => ({ seq, label: ys?.[i] }));
  }
  if (!Array.isArray(input)) throw new TypeError('bucketBy: pass an arquero table with a column of token arrays, or an array of sequences (arrays of numbers)');
  if (opts.labels && opts.labels.length !== input.length) throw new RangeError(`bucketBy: ${input.length} sequences but ${opts.labels.length} labels`);
  return input.map((seq, i) => ({ seq, label: opts.labels?.[i] }));
}

export class BucketLoader implements AsyncIterable<Batch> {
  readonly items: Item[];
  readonly boundaries: number[];
  /** Item indices per bucket. */
  readonly bucketItems: number[][];
  readonly batchSize: number;
  private readonly rng: Rng;
  private readonly maxLength: number;
  /** Which bucket each batch of the last epoch came from, in order (for inspection and tests). */
  lastOrder: number[] = [];

  constructor(input: ColumnTable | ArrayLike<number>[], readonly opts: BucketOptions = {}) {
    this.items = readItems(input, opts);
    if (!this.items.length) throw new RangeError('bucketBy: no sequences');
    this.batchSize = opts.batchSize ?? 32;
    if (!(Number.isInteger(this.batchSize) && this.batchSize > 0)) throw new RangeError(`bucketBy: batchSize must be a positive integer, got ${this.batchSize}`);
    const lengths = this.items.map((it) => it.seq.length);
    this.maxLength = opts.maxLength ?? Math.max(...lengths);
    this.boundaries = opts.boundaries ? [...opts.boundaries].sort((a, b) => a - b) : quantileBoundaries(lengths, opts.buckets ?? 4);
    this.bucketItems = Array.from({ length: this.boundaries.length + 1 }, () => []);
    lengths.forEach((len, i) => {
      let b = this.boundaries.findIndex((hi) => len <= hi);
      if (b < 0) b = this.boundaries.length;
      this.bucketItems[b].push(i);
    });
    this.rng = opts.seed === undefined ? rngFor() : createRng(opts.seed);
  }

  private lengthOf(i: number): number {
    return Math.min(this.items[i].seq.length, this.maxLength);
  }

  /** Batches of one epoch as item indices, in the order they will be served. */
  plan(): number[][] {
    const perBucket = this.bucketItems.map((items) => {
      const order = this.opts.shuffle === false ? items : Array.from(permutation(this.rng, items.length), (j) => items[j]);
      const batches: number[][] = [];
      for (let s = 0; s < order.length; s += this.batchSize) {
        const b = order.slice(s, s + this.batchSize);
        if (b.length === this.batchSize || !this.opts.dropLast) batches.push(b);
      }
      return batches;
    });
    const total = perBucket.reduce((n, b) => n + b.length, 0);
    const taken = perBucket.map(() => 0);
    const left = perBucket.map((bs) => bs.reduce((n, b) => n + b.length, 0));
    const out: number[][] = [];
    this.lastOrder = [];
    for (let t = 0; t < total; t++) {
      // Eligible: has batches left and is not already a batch ahead of its share of the epoch.
      let cands = perBucket.map((_, b) => b).filter((b) => taken[b] < perBucket[b].length && taken[b] <= (perBucket[b].length / total) * (t + 1));
      if (!cands.length) cands = perBucket.map((_, b) => b).filter((b) => taken[b] < perBucket[b].length);
      const weight = cands.reduce((s, b) => s + left[b], 0);
      let r = this.rng() * weight;
      let pick = cands[cands.length - 1];
      for (const b of cands) if ((r -= left[b]) < 0) { pick = b; break; }
      const batch = perBucket[pick][taken[pick]++];
      left[pick] -= batch.length;
      out.push(batch);
      this.lastOrder.push(pick);
    }
    return out;
  }

  /** Batches per epoch. */
  get length(): number {
    return this.bucketItems.reduce((n, items) => n + (this.opts.dropLast ? Math.floor(items.length / this.batchSize) : Math.ceil(items.length / this.batchSize)), 0);
  }

  /** Pads one batch: x [b, longest] (int32), mask [b, longest] (1 = token), lengths [b], y [b] when labelled. */
  batch(tf: typeof TF, idx: number[]): Batch {
    const L = Math.max(1, ...idx.map((i) => this.lengthOf(i)));
    const x = new Int32Array(idx.length * L).fill(this.opts.padValue ?? 0);
    const mask = new Float32Array(idx.length * L);
    const lengths = new Int32Array(idx.length);
    idx.forEach((i, r) => {
      const len = this.lengthOf(i);
      const seq = this.items[i].seq;
      for (let j = 0; j < len; j++) x[r * L + j] = seq[j];
      mask.fill(1, r * L, r * L + len);
      lengths[r] = len;
    });
    const b: Batch = { x: tf.tensor2d(x, [idx.length, L], 'int32'), mask: tf.tensor2d(mask, [idx.length, L]), lengths: tf.tensor1d(lengths, 'int32') };
    if (this.items[idx[0]].label !== undefined) b.y = tf.tensor1d(idx.map((i) => Number(this.items[i].label)));
    return b;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Batch> {
    const tf = requireTf();
    for (const idx of this.plan()) yield this.batch(tf, idx);
  }

  /** Padding of one epoch with these buckets and batch size, against padding everything to the longest sequence. */
  padding(): PaddingReport {
    let tokens = 0;
    let padded = 0;
    for (const items of this.bucketItems) {
      for (let s = 0; s < items.length; s += this.batchSize) {
        const b = items.slice(s, s + this.batchSize);
        if (b.length < this.batchSize && this.opts.dropLast) continue;
        const lens = b.map((i) => this.lengthOf(i));
        tokens += lens.reduce((a, c) => a + c, 0);
        padded += Math.max(...lens) * b.length;
      }
    }
    // Batches of a bucket are cut from its shuffled order; the longest per batch varies a little with the shuffle, this counts them unshuffled.
    const n = this.items.length;
    const paddedToMax = n * this.maxLength;
    const all = this.items.reduce((a, _, i) => a + this.lengthOf(i), 0);
    return { tokens, padded, waste: 1 - tokens / padded, paddedToMax, wasteToMax: 1 - all / paddedToMax };
  }
}

/**
 * A loader for variable-length sequences: groups them by length (`boundaries`, or `buckets`
 * quantiles), shuffles within buckets, pads each batch only to its longest sequence and returns `{
 * x, mask, lengths, y? }` batches, drawing buckets in proportion to what they have left.
 */
export function bucketBy(input: ColumnTable | ArrayLike<number>[], opts?: BucketOptions): BucketLoader {
  return new BucketLoader(input, opts);
}
