/**
 * Where values are missing, as missingno shows it: per-column counts, each
 * row's completeness (the sparkline beside the nullity matrix, with its
 * least and most complete rows), the nullity correlation (Pearson on the
 * null indicators) and the nullity dendrogram (average linkage on them).
 * Missing flags are kept packed, 32 rows to a word, so pair counts are
 * popcounts of ANDed words: 20 columns of 1 M rows cost 190 × 31 k word
 * operations, not 190 M comparisons.
 */
import type { ColumnTable } from 'arquero';
import { countBits, missingBits, popcount } from './access.js';
import { masksThreaded } from './nullity-threads.js';
import { averageLinkage, leafOrder, type Merge } from './linkage.js';

export { nullityLabel } from './nullity-label.js';

export interface Nullity {
  rows: number;
  columns: string[];
  /** Missing values per column. */
  missing: number[];
  /** Per column, packed missing flags (bit i % 32 of word i / 32: row i is missing). */
  masks: Uint32Array[];
}

export interface NullityOptions {
  /** Threads, the caller included (default: the cores, at most 4, on tables of 100,000 rows or more whose Arrow buffers are shared, as readParquet's are; 1: none). */
  threads?: number;
}

/** Missing flags of every column (or of `columns`). */
export function nullity(table: ColumnTable, columns: string[] = table.columnNames(), opts: NullityOptions = {}): Nullity {
  const threaded = masksThreaded(table, columns, opts.threads ?? Infinity);
  if (threaded) return { rows: table.numRows(), columns, ...threaded };
  const masks = columns.map((c) => missingBits(table, c));
  return { rows: table.numRows(), columns, missing: masks.map(countBits), masks };
}

export interface Completeness {
  /** Present values per row. */
  present: Uint32Array;
  /** First least complete row and its present count (missingno's sparkline marks). */
  min: { row: number; present: number };
  max: { row: number; present: number };
}

/** Present values per row, walking only the missing bits. */
export function completeness(n: Nullity): Completeness {
  const present = new Uint32Array(n.rows).fill(n.columns.length);
  for (const mask of n.masks) {
    for (let w = 0; w < mask.length; w++) {
      let bits = mask[w];
      while (bits) {
        const low = bits & -bits;
        present[(w << 5) + (31 - Math.clz32(low))]--;
        bits ^= low;
      }
    }
  }
  let lo = 0, hi = 0;
  for (let i = 1; i < n.rows; i++) {
    if (present[i] < present[lo]) lo = i;
    if (present[i] > present[hi]) hi = i;
  }
  return { present, min: { row: lo, present: present[lo] ?? 0 }, max: { row: hi, present: present[hi] ?? 0 } };
}

/** Rows where both columns are missing (no branch on empty words: with a few per cent missing most words are not). */
function both(a: Uint32Array, b: Uint32Array): number {
  let c = 0;
  for (let w = 0; w < a.length; w++) c += popcount(a[w] & b[w]);
  return c;
}

const pairCache = new WeakMap<Nullity, Float64Array>();

/** Rows where columns i and j (i > j) are both missing, at i(i − 1)/2 + j: counted once per Nullity for the heatmap and the dendrogram. */
function pairCounts(n: Nullity): Float64Array {
  let counts = pairCache.get(n);
  if (counts) return counts;
  const c = n.columns.length;
  counts = new Float64Array((c * (c - 1)) / 2);
  for (let i = 1; i < c; i++) {
    // A column without missing values shares none.
    if (!n.missing[i]) continue;
    for (let j = 0; j < i; j++) if (n.missing[j]) counts[(i * (i - 1)) / 2 + j] = both(n.masks[i], n.masks[j]);
  }
  pairCache.set(n, counts);
  return counts;
}

const pairAt = (counts: Float64Array, i: number, j: number) => (i > j ? counts[(i * (i - 1)) / 2 + j] : counts[(j * (j - 1)) / 2 + i]);

export interface NullityCorrelation {
  /** Columns with some but not all values missing (missingno drops the others), in table order. */
  columns: string[];
  /** r[i][j]: Pearson correlation of the null indicators of columns i and j. */
  r: number[][];
}

/** missingno's heatmap matrix: `df.isnull().corr()` over the columns whose nullity varies. */
export function nullityCorrelation(n: Nullity): NullityCorrelation {
  const keep = n.columns.map((_, i) => i).filter((i) => n.missing[i] > 0 && n.missing[i] < n.rows);
  const N = n.rows;
  const r = keep.map(() => new Array<number>(keep.length).fill(1));
  const pairs = pairCounts(n);
  for (let a = 0; a < keep.length; a++) {
    for (let b = 0; b < a; b++) {
      const i = keep[a], j = keep[b];
      const ni = n.missing[i], nj = n.missing[j];
      const cov = N * pairAt(pairs, i, j) - ni * nj;
      const v = cov / Math.sqrt(ni * (N - ni) * nj * (N - nj));
      r[a][b] = r[b][a] = Math.max(-1, Math.min(1, v));
    }
  }
  return { columns: keep.map((i) => n.columns[i]), r };
}

export interface NullityDendrogram {
  /** Columns left to right, as missingno's dendrogram lists them. */
  order: string[];
  /** SciPy's linkage matrix over the columns (in table order). */
  merges: Merge[];
}

/** missingno's dendrogram: average linkage of the columns' null indicators under Euclidean distance. */
export function nullityDendrogram(n: Nullity): NullityDendrogram {
  const c = n.columns.length;
  const d = new Float64Array((c * (c - 1)) / 2);
  const pairs = pairCounts(n);
  let k = 0;
  for (let i = 0; i < c; i++) {
    for (let j = i + 1; j < c; j++) d[k++] = Math.sqrt(n.missing[i] + n.missing[j] - 2 * pairAt(pairs, i, j));
  }
  const merges = averageLinkage(d, c);
  return { order: leafOrder(merges, c).map((i) => n.columns[i]), merges };
}
