/**
 * The missing-values panel's statistics, column by column, with each column
 * read once: its missing flags, its imputation previews (present values
 * binned, the mean/median/mode fills, forward/backward fill binned as it
 * goes, kNN on small tables), its sentinels, and its share of the row hashes
 * that find duplicates. Numbers pass through two scratch arrays reused by
 * every column; Arrow strings are counted as bytes (Utf8Counts) and only the
 * values shown are decoded, so a 1 M × 20 table makes no per-row JavaScript
 * values at all.
 */
import type { ColumnTable } from 'arquero';
import type { MissingColumn } from '../mime/index.js';
import { missingBits, rowNumbers, valueKind, type ValueKind } from '../stats/access.js';
import { profileNumbers, modeOf } from '../stats/numeric-profile.js';
import { numericSentinels, textSentinels, utf8Sentinels, type Sentinel } from '../stats/sentinels.js';
import { Utf8Counts } from '../stats/utf8-counts.js';
import type { RowHashes } from '../stats/duplicates.js';
import { cellCounts, cellIndex, valuesAtRanks } from '../stats/bin-select.js';
import { linearFrom, linearRanks } from '../stats/order-statistics.js';
import { columnOf, mode } from '../data/columns.js';
import { knnImpute } from '../clean/verbs/knn-impute.js';

const BINS = 20;
const TOP = 10;

export interface ColumnScan {
  column: MissingColumn;
  /** Packed missing flags (bit i % 32 of word i / 32). */
  mask: Uint32Array;
  sentinels: Sentinel[];
}

/** Reads columns one at a time into the panel's statistics; `hashes` collects each column's share of the row hashes. */
export class MissingScanner {
  private readonly numbers: Float64Array;
  private readonly finite: Float64Array;

  constructor(private readonly table: ColumnTable, private readonly hashes: RowHashes, private readonly knnRows: number) {
    this.numbers = new Float64Array(table.numRows());
    this.finite = new Float64Array(table.numRows());
  }

  scan(name: string): ColumnScan {
    const kind = valueKind(this.table, name);
    if (kind === 'number') return this.numeric(name);
    const counts = kind === 'text' ? Utf8Counts.of(this.table, name) : undefined;
    return counts ? this.utf8(name, counts) : this.other(name, kind);
  }

  private numeric(name: string): ColumnScan {
    const x = rowNumbers(this.table, name, this.numbers);
    this.hashes.numbers(x);
    return this.withKnn(name, numericScan(name, x, this.finite));
  }

  /** A numeric column's scan made elsewhere (a worker thread), its row hashes added here in column order. */
  hashOnly(x: Float64Array): void {
    this.hashes.numbers(x);
  }

  /** Adds the kNN preview to a numeric scan (small tables only: kNN reads every numeric column). */
  withKnn(name: string, scan: ColumnScan): ColumnScan {
    const { column } = scan;
    if (column.after && this.table.numRows() <= this.knnRows) column.after.knn = this.knnPreview(name, column.hist.edges!);
    return scan;
  }

  private knnPreview(name: string, edges: number[]): number[] {
    const features = this.table.columnNames().filter((c) => valueKind(this.table, c) === 'number');
    const reference = Object.fromEntries(features.map((c) => [c, rowNumbers(this.table, c)]));
    const filled = knnImpute(this.table.select(features), [name], { reference, k: 5 }).array(name) as ArrayLike<number>;
    const values = Float64Array.from(filled).filter((v) => v - v === 0);
    return binned(values, edges).counts;
  }

  private utf8(name: string, counts: Utf8Counts): ColumnScan {
    this.hashes.ids(counts.ids);
    const mask = new Uint32Array((counts.ids.length + 31) >>> 5);
    for (let i = 0; i < counts.ids.length; i++) if (counts.ids[i] < 0) mask[i >>> 5] |= 1 << (i & 31);
    const top = counts.top(TOP);
    const rest = counts.present - top.reduce((s, t) => s + t.count, 0);
    const column: MissingColumn = {
      name, kind: 'text', missing: counts.ids.length - counts.present,
      hist: { labels: [...top.map((t) => t.value), ...(rest ? ['(other)'] : [])], counts: [...top.map((t) => t.count), ...(rest ? [rest] : [])] },
      fill: { mode: top[0]?.value },
    };
    return { column, mask, sentinels: utf8Sentinels(name, counts) };
  }

  private other(name: string, kind: ValueKind): ColumnScan {
    const values = columnOf(this.table, name);
    this.hashes.values(values);
    const mask = missingBits(this.table, name);
    const tally = new Map<string, number>();
    let missing = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || (typeof v === 'number' && v !== v)) missing++;
      else {
        const key = String(v);
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
    }
    const top = [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const shown = top.slice(0, TOP);
    const rest = top.slice(TOP).reduce((s, [, c]) => s + c, 0);
    const column: MissingColumn = {
      name, kind, missing,
      hist: { labels: [...shown.map(([l]) => l), ...(rest ? ['(other)'] : [])], counts: [...shown.map(([, c]) => c), ...(rest ? [rest] : [])] },
      fill: { mode: top.length ? mode(values) : undefined },
    };
    return { column, mask, sentinels: kind === 'text' ? textSentinels(name, values) : [] };
  }
}

/**
 * A numeric column's statistics from its numbers (one per row, NaN missing):
 * flags, binned present values, the fills, the ffill/bfill previews and the
 * sentinels. Pure, with `finite` as scratch, so a worker thread computes it
 * the same, bit for bit, as the calling thread.
 */
export function numericScan(name: string, x: Float64Array, finite: Float64Array): ColumnScan {
  const p = profileNumbers(x, finite);
  const present = p.values;
  const k = present.length;
  const edges = k ? Array.from({ length: BINS + 1 }, (_, i) => (p.max === p.min ? p.min - 0.5 + i / BINS : p.min + ((p.max - p.min) * i) / BINS)) : [];
  const bins = k ? binned(present, edges) : undefined;
  const fillMode = k ? modeOf(present) : undefined;
  const median = bins ? bins.median() : undefined;
  const column: MissingColumn = {
    name, kind: 'number', missing: p.missing,
    hist: { edges, counts: bins ? bins.counts : [] },
    fill: k ? { mean: p.sum / k, median, ...(fillMode === undefined ? {} : { mode: fillMode }) } : {},
  };
  if (p.missing > 0 && bins) column.after = bins.filled(x, p.mask);
  return { column, mask: p.mask, sentinels: numericSentinels(name, x, p, median) };
}

/** Fine cells per bin: 20 × 1,024 counts (80 KB) place the median within a few hundred values. */
const FINE = 1024;

/**
 * The finite values of a column binned on `edges` (as binIndex places them)
 * through cells 1,024 times finer, from which the bin counts are sums and
 * the median is a selection among the few values of its cell. Cells are
 * found by a multiply (cellAt), which may move a value on a cell's edge to
 * the next cell: the values of the two cells at each bin edge are gathered
 * (in the median's pass) and binned exactly (cellIndex, the bin position
 * scaled by 1,024, exact in binary), so bins are exactly binIndex's.
 */
export function binned(values: Float64Array, edges: number[]) {
  const lo = edges[0], span = edges[BINS] - lo;
  const cells = BINS * FINE;
  const fine = cellCounts(values, lo, span, cells);
  const binOf = (v: number) => (cellIndex(v, lo, span, cells) / FINE) | 0;
  const atEdges: number[] = [];
  for (let b = 1; b < BINS; b++) for (const c of [b * FINE - 1, b * FINE]) if (fine[c]) atEdges.push(c);
  const parts = new Map<number, Float64Array>();
  const n = values.length;
  const at = n ? valuesAtRanks(values, lo, span, fine, linearRanks(n, [0.5]), { cells: atEdges, parts }) : undefined;
  const counts = new Array<number>(BINS).fill(0);
  for (let c = 0; c < cells; c++) counts[(c / FINE) | 0] += fine[c];
  // The edge cells' values, counted above by cell, move to their exact bins.
  for (const [c, part] of parts) {
    counts[(c / FINE) | 0] -= part.length;
    for (const v of part) counts[binOf(v)]++;
  }
  return {
    counts,
    /** pandas' median (the linear quantile at 0.5). */
    median(): number {
      return at ? linearFrom(n, 0.5, at) : NaN;
    },
    /**
     * After forward and after backward fill: each run of missing rows counts
     * in the bin of the value before it (ffill) or after it (bfill), when that
     * value is finite (±Infinity is not carried).
     */
    filled(x: Float64Array, mask: Uint32Array): { ffill: number[]; bfill: number[] } {
      const ffill = counts.slice(), bfill = counts.slice();
      const n = x.length;
      // Rows below `next` belong to runs already counted.
      let next = 0;
      for (let w = 0; w < mask.length; w++) {
        if ((w << 5) + 32 <= next) continue;
        let bits = next > w << 5 ? mask[w] & (-1 << (next & 31)) : mask[w];
        while (bits) {
          const start = (w << 5) + 31 - Math.clz32(bits & -bits);
          let end = start + 1;
          while (end < n && x[end] !== x[end]) end++;
          if (start > 0 && x[start - 1] - x[start - 1] === 0) ffill[binOf(x[start - 1])] += end - start;
          if (end < n && x[end] - x[end] === 0) bfill[binOf(x[end])] += end - start;
          next = end;
          if (end >= (w + 1) << 5) break;
          bits &= -1 << (end & 31);
        }
      }
      return { ffill, bfill };
    },
  };
}
