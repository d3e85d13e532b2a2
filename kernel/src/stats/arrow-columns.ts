/**
 * Overview statistics of Arrow-backed table columns (what readParquet and
 * readArrow return: arquero keeps flechette columns) straight from their
 * batches, through the same accumulators as streamed statistics: numbers
 * are scanned in their typed arrays beside the validity bitmap, UTF-8
 * strings are tallied as bytes (each distinct value decoded once), and no
 * column is copied into a JavaScript array first. The statistics equal the
 * in-memory path's (stream/statistics.ts documents what is exact); deciles
 * are exact up to `keepCap` values per column (2²² by default).
 */
import type { CustomStatistic, NumericStatistics, StringStatistics } from '../mime/index.js';
import type { Kind } from './statistics.js';
import { batchValues, finiteOf } from './stream/batch-values.js';
import { StreamColumn, type ColumnOptions } from './stream/column.js';
import { Utf8Tally } from './stream/utf8-tally.js';
import { Column } from '@uwdata/flechette';
import type { Values } from '../data/columns.js';

interface ArrowLike {
  data: readonly unknown[];
}

export class ArrowColumnStats {
  private readonly column: StreamColumn;

  constructor(name: string, private readonly arrow: ArrowLike, rows: number, private readonly o: ColumnOptions, tally: Utf8Tally) {
    this.column = new StreamColumn(name, rows, o);
    for (const b of arrow.data) this.column.add(batchValues(b as never), tally);
  }

  /** What featureKind needs (kind, and rows with a value). */
  get kind(): { kind: Kind; present: number } {
    return this.column.kind;
  }

  /** The feature's statistics once its kind across datasets is known (a second look at the numbers when needed). */
  finish(kind: Kind): { stats: NumericStatistics | StringStatistics; custom: CustomStatistic[] } {
    const how = this.column.secondRead(kind);
    if (how === 'numbers') {
      this.column.numeric!.startSecondRead(this.o);
      const scratch = { buffer: new Float64Array(0) };
      for (const b of this.arrow.data) this.column.numeric!.revisit(finiteOf(batchValues(b as never), scratch));
    } else if (how === 'text') {
      for (const b of this.arrow.data) this.column.addAsText(new Column([b as never]).toArray() as Values);
    }
    return this.column.finish(kind);
  }
}

export const newTally = (exactCap: number) => new Utf8Tally(Math.max(2 * exactCap, 1024));
