/**
 * A numeric column's statistics over batches, in two reads of the file.
 *
 * First read: per batch, the in-memory scan (scanNumeric, so NaN, nulls,
 * ±Infinity, zeros and types are decided exactly as in memory), whose counts
 * add up (`addCounts`: min, max, and Neumaier-compensated sums merged), and
 * a fixed-size sample of the finite values. Second read, once min, max,
 * count and sum are final: Σ (x − mean)² with the final mean (two-pass,
 * as in memory, so std_dev agrees to rounding), the equal-width histogram
 * over the final [min, max] (the same edges, so the same counts), and the
 * ranks the deciles and median need (rank-refiner.ts). Memory: the sample and
 * what the refiner keeps, never the column.
 */
import type { CustomStatistic, NumericStatistics } from '../../mime/index.js';
import { equalWidthCounts } from '../histogram.js';
import { numericFromSummary, numericPlan, type NumericOptions, type NumericPlan } from '../numeric.js';
import type { NumericCounts, NumericScan } from '../numeric-scan.js';
import type { ArrayKind } from './batch-values.js';
import { RankRefiner } from './rank-refiner.js';
import { BernoulliSample } from './sample.js';

export interface SketchOptions {
  /** Finite values sampled per column in the first read (brackets the ranks). */
  sampleSize: number;
  /** Values per column the second read may keep to make quantiles exact. */
  keepCap: number;
  /** Seeds the sample. */
  seed: number;
}

/** Adds `b`'s counts to `a`; `a.sum` stays compensated through `comp` (returned). */
export function addCounts(a: NumericCounts, b: NumericCounts, comp: number): number {
  a.rows += b.rows;
  a.missing += b.missing;
  a.nan += b.nan;
  a.posInf += b.posInf;
  a.negInf += b.negInf;
  a.zeros += b.zeros;
  if (b.count > 0) {
    if (!(a.min <= b.min)) a.min = b.min;
    if (!(a.max >= b.max)) a.max = b.max;
  }
  a.count += b.count;
  const t = a.sum + b.sum;
  comp += Math.abs(a.sum) >= Math.abs(b.sum) ? a.sum - t + b.sum : b.sum - t + a.sum;
  a.sum = t;
  return comp;
}

export class NumericColumn {
  private readonly counts: NumericCounts = { rows: 0, missing: 0, nan: 0, posInf: 0, negInf: 0, zeros: 0, count: 0, min: NaN, max: NaN, sum: 0 };
  private comp = 0;
  /** Every batch scanned INT (whole numbers, no NaN, no infinities; or booleans, dates). */
  private whole = true;
  private nulls = 0;
  private array?: ArrayKind;
  private readonly sample: BernoulliSample;
  private plan?: NumericPlan;
  private refiner?: RankRefiner;
  private squares = 0;
  private histogram?: Float64Array;

  constructor(rows: number, private readonly sketch: SketchOptions) {
    this.sample = new BernoulliSample(rows, sketch.sampleSize, sketch.seed);
  }

  /** First read: one batch's scan, its null count and the array kind it came as. */
  add(scan: NumericScan, nulls: number, array: ArrayKind): void {
    this.comp = addCounts(this.counts, scan, this.comp);
    // A batch of nulls alone says nothing about whole numbers (in memory its nulls are just missing).
    if (nulls < scan.rows) this.whole &&= scan.type === 'INT';
    this.nulls += nulls;
    this.array ??= array;
    this.sample.add(scan.finite);
  }

  /** First read: rows that were null before the column showed what it holds. */
  addNulls(rows: number): void {
    this.counts.rows += rows;
    this.counts.missing += rows;
    this.nulls += rows;
  }

  /** Rows with something in them, NaN included: without any, the column is no evidence of numbers (as in memory). */
  get evidence(): boolean {
    return this.counts.rows > this.nulls;
  }

  get present(): number {
    return this.counts.rows - this.counts.missing;
  }

  /**
   * As scanNumeric decides on the whole column in memory: there it is one
   * plain array as soon as any batch has a null, else a typed array like the
   * first batch's, and a Float32Array is FLOAT even when its values are whole.
   */
  get type(): 'INT' | 'FLOAT' {
    if (this.nulls === 0 && this.array === 'float32') return 'FLOAT';
    return this.whole ? 'INT' : 'FLOAT';
  }

  /** The second read is needed when there are finite values. */
  get needsSecondRead(): boolean {
    return this.counts.count > 0;
  }

  /** Between the reads: the plan from the final counts, and the brackets from the sample. */
  startSecondRead(o: NumericOptions): void {
    const c = this.final();
    this.plan = numericPlan(c, o);
    this.histogram = new Float64Array(o.buckets);
    this.refiner = new RankRefiner(this.plan.ranks, c.count, c.min, c.max, this.sample.sorted(), this.sketch.keepCap);
  }

  /** Second read: one batch's finite values (scanNumeric's `finite`). */
  revisit(finite: Float64Array): void {
    const { mean, edges } = this.plan!;
    // One running sum in row order, as the in-memory loop adds them.
    let ss = this.squares;
    for (let i = 0; i < finite.length; i++) ss += (finite[i] - mean) ** 2;
    this.squares = ss;
    const counts = equalWidthCounts(finite, edges);
    for (let b = 0; b < counts.length; b++) this.histogram![b] += counts[b];
    this.refiner!.add(finite);
  }

  finish(o: NumericOptions): { stats: NumericStatistics; custom: CustomStatistic[] } {
    const c = this.final();
    const plan = this.plan ?? numericPlan(c, o);
    const found = this.refiner ? this.refiner.resolve() : { at: new Map<number, number>() };
    return numericFromSummary(c, plan, { squares: this.squares, counts: this.histogram ?? new Float64Array(o.buckets), ...found }, o);
  }

  private final(): NumericCounts {
    return { ...this.counts, sum: this.counts.sum + this.comp };
  }
}
