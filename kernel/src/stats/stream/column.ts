/**
 * One column of one streamed dataset. What it holds is decided by its first
 * batch with something in it, as the in-memory scan decides on the whole
 * column: UTF-8 strings are tallied as bytes; typed numbers, and plain
 * values that scan as numeric (booleans, dates), are numeric; other values
 * are strings. Null rows seen before that are kept as a count and join
 * whichever side wins. A numeric column whose feature turns out to be a
 * STRING (another dataset has strings under the same name) is read once
 * more as text (`addAsText`), the in-memory definition of those values.
 */
import type { CustomStatistic, NumericStatistics, StringStatistics } from '../../mime/index.js';
import type { Values } from '../../data/columns.js';
import { murmur3 } from '../hyperloglog.js';
import { numericStatistics, type NumericOptions } from '../numeric.js';
import { missingScan, scanNumeric } from '../numeric-scan.js';
import { StringAccumulator, type StringOptions } from '../strings.js';
import type { Kind } from '../statistics.js';
import type { BatchValues } from './batch-values.js';
import { NumericColumn, type SketchOptions } from './numeric-column.js';
import type { Utf8Tally } from './utf8-tally.js';

export interface ColumnOptions extends NumericOptions, StringOptions, SketchOptions {}

type Result = { stats: NumericStatistics | StringStatistics; custom: CustomStatistic[] };

/** The numbers of a batch, as scanNumeric takes them. */
function scanBatch(b: Exclude<BatchValues, { kind: 'utf8' }>) {
  return b.kind === 'numbers' ? scanNumeric(b.values, undefined, b.validity) : scanNumeric(b.values);
}

export class StreamColumn {
  numeric?: NumericColumn;
  private strings?: StringAccumulator;
  /** Null rows before the column showed what it holds. */
  private pending = 0;
  /** The numbers again, as text, when the feature is a STRING. */
  private textual?: StringAccumulator;

  constructor(
    readonly name: string,
    private readonly rows: number,
    private readonly o: ColumnOptions,
  ) {}

  private asStrings(): StringAccumulator {
    if (this.numeric) throw new Error(`column '${this.name}' holds numbers in one row group and text in another`);
    if (!this.strings) {
      this.strings = new StringAccumulator(this.o);
      this.strings.addMissing(this.pending);
    }
    return this.strings;
  }

  private asNumbers(): NumericColumn {
    if (this.strings) throw new Error(`column '${this.name}' holds text in one row group and numbers in another`);
    if (!this.numeric) {
      // A seed per column, so columns are not all sampled at the same rows.
      this.numeric = new NumericColumn(this.rows, { ...this.o, seed: (this.o.seed ^ murmur3(this.name)) >>> 0 });
      this.numeric.addNulls(this.pending);
    }
    return this.numeric;
  }

  /** First read: one batch. */
  add(b: BatchValues, tally: Utf8Tally): void {
    if (b.kind === 'utf8') {
      const acc = this.asStrings();
      acc.addMissing(tally.tally(b.bytes, b.offsets, b.length, b.validity));
      tally.feed(acc, b.bytes, this.o.exactCap);
      return;
    }
    if (this.strings) {
      this.strings.add(b.values);
      return;
    }
    const scan = scanBatch(b);
    if (scan) this.asNumbers().add(scan, b.nulls, b.array);
    else if (b.nulls < b.length) this.asStrings().add(b.values);
    else if (this.numeric) this.numeric.addNulls(b.length);
    else this.pending += b.length;
  }

  /** Numeric with at least one non-null row: as in memory, a column of nulls only is no evidence of numbers. */
  private get isNumeric(): boolean {
    return this.numeric?.evidence ?? false;
  }

  /** What featureKind needs. */
  get kind(): { kind: Kind; present: number } {
    if (this.isNumeric) return { kind: this.numeric!.type, present: this.numeric!.present };
    return { kind: 'STRING', present: this.strings?.present ?? 0 };
  }

  /** Whether the second read must visit this column for a feature of `kind`. */
  secondRead(kind: Kind): 'numbers' | 'text' | undefined {
    if (!this.isNumeric) return undefined;
    if (kind === 'STRING') return 'text';
    return this.numeric!.needsSecondRead ? 'numbers' : undefined;
  }

  /** Second read, feature is a STRING: the values as text, from the batch's exact values. */
  addAsText(values: Values): void {
    this.textual ??= new StringAccumulator(this.o);
    this.textual.add(values);
  }

  finish(kind: Kind): Result {
    if (kind === 'STRING') {
      if (this.textual) return this.textual.finish();
      if (this.strings) return this.strings.finish();
      const empty = new StringAccumulator(this.o);
      empty.addMissing(this.rows);
      return empty.finish();
    }
    if (this.isNumeric) return this.numeric!.finish(this.o);
    return numericStatistics(missingScan(this.rows, kind), this.o);
  }
}
