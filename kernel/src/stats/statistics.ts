/**
 * `computeStatistics`: Facets' DatasetFeatureStatisticsList (proto3 JSON
 * mapping) for one table or several (train/test). Every feature seen in any
 * table appears in every dataset, in order of first appearance; where a table
 * lacks it, all of its rows count as missing. A feature is numeric ('INT' or
 * 'FLOAT') when its values are numeric in every table that has any, else
 * 'STRING' everywhere.
 */
import type { ColumnTable } from 'arquero';
import type { CustomStatistic, DatasetFeatureStatistics, DatasetFeatureStatisticsList, FeatureNameStatistics } from '../mime/index.js';
import { columnOf, type Values } from '../data/columns.js';
import { commonStatistics } from './common.js';
import { numericStatistics } from './numeric.js';
import { missingScan, scanNumeric, type NumericScan } from './numeric-scan.js';
import { stringStatistics } from './strings.js';
import { arrowColumnOf, directNumbers, type ArrowColumn } from './access.js';
import { ArrowColumnStats, newTally } from './arrow-columns.js';
import { batchValues } from './stream/batch-values.js';

export interface StatisticsOptions {
  /** Dataset names, one per table (default 'data' for one table, 'dataset 1', 'dataset 2', … for several). */
  names?: string[];
  /** Name of a numeric column holding each row's weight (missing or NaN weights count as 0). */
  weights?: string;
  /** Top values kept per string feature (default 100). */
  topK?: number;
  /** Equal-width histogram buckets (default 10). */
  buckets?: number;
  /** Distinct values counted exactly per string feature before Misra–Gries takes over (default 10,000). */
  exactCap?: number;
}

export type Kind = 'INT' | 'FLOAT' | 'STRING';

type Column =
  | { values: Values; scan: NumericScan | null; present: number; arrow?: undefined }
  /** Arrow-backed: statistics from the batches, no values array. */
  | { arrow: ArrowColumnStats };

/** The options with their defaults, checked, and the dataset names (shared with streamed statistics). */
export function settings(options: StatisticsOptions, datasets: number) {
  const { topK = 100, buckets = 10, exactCap = 10_000 } = options;
  if (!(Number.isInteger(topK) && topK >= 0)) throw new RangeError(`topK must be a whole number ≥ 0, got ${topK}`);
  if (!(Number.isInteger(buckets) && buckets >= 1)) throw new RangeError(`buckets must be a whole number ≥ 1, got ${buckets}`);
  const names = Array.from({ length: datasets }, (_, i) => options.names?.[i] ?? (datasets === 1 ? 'data' : `dataset ${i + 1}`));
  return { topK, buckets, exactCap, quantileBuckets: 10, names };
}

function weightsOf(table: ColumnTable, name: string | undefined): Float64Array | undefined {
  if (name === undefined) return undefined;
  if (!table.columnNames().includes(name)) throw new Error(`weights: no column '${name}' in table (columns: ${table.columnNames().join(', ')})`);
  const values = columnOf(table, name);
  const w = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = Number(values[i] ?? NaN);
    w[i] = Number.isNaN(x) ? 0 : x;
  }
  return w;
}

/** The feature's type: numeric if numeric wherever it has values; a column with no values decides nothing. */
export function featureKind(columns: ({ kind: Kind; present: number } | undefined)[]): Kind {
  let kind: Kind | undefined;
  let fallback: Kind | undefined;
  for (const c of columns) {
    if (!c) continue;
    const k = c.kind;
    if (c.present === 0) {
      fallback ??= k;
      continue;
    }
    if (k === 'STRING' || kind === 'STRING') kind = 'STRING';
    else kind = kind === 'FLOAT' || k === 'FLOAT' ? 'FLOAT' : 'INT';
  }
  return kind ?? fallback ?? 'STRING';
}

/** A feature of a dataset that lacks its column: every row missing. */
export function absentFeature(name: string, kind: Kind, rows: number, quantileBuckets: number, weightedRows?: number): FeatureNameStatistics {
  const commonStats = commonStatistics(rows, rows, weightedRows === undefined ? undefined : { present: 0, missing: weightedRows }, quantileBuckets);
  return kind === 'STRING' ? { name, type: kind, stringStats: { commonStats } } : { name, type: kind, numStats: { commonStats } };
}

/**
 * Facets Overview statistics of one table or several (train/test) as a
 * `DatasetFeatureStatisticsList` (proto3 JSON): per numeric feature count, missing, mean, std dev,
 * zeros, min, median, max, histogram and deciles; per string feature unique, top values and a rank
 * histogram. Options: `names`, `weights` (a column), `topK` (100), `buckets` (10).
 */
export function computeStatistics(tables: ColumnTable | ColumnTable[], options: StatisticsOptions = {}): DatasetFeatureStatisticsList {
  const list = Array.isArray(tables) ? tables : [tables];
  const { topK, buckets, exactCap, quantileBuckets, names } = settings(options, list.length);
  const weights = list.map((t) => weightsOf(t, options.weights));
  const features: string[] = [];
  for (const t of list) for (const n of t.columnNames()) if (!features.includes(n)) features.push(n);
  const datasets: DatasetFeatureStatistics[] = list.map((t, i) => {
    const ds: DatasetFeatureStatistics = { name: names[i], numExamples: t.numRows(), features: [] };
    if (weights[i]) ds.weightedNumExamples = weights[i]!.reduce((a, b) => a + b, 0);
    return ds;
  });
  const tally = newTally(exactCap);
  const streamOptions = { topK, buckets, exactCap, quantileBuckets, sampleSize: 2 ** 18, keepCap: 2 ** 22, seed: 0 };
  for (const name of features) {
    const columns = list.map((t, i): Column | undefined => {
      if (!t.columnNames().includes(name)) return undefined;
      const stored = weights[i] ? undefined : arrowColumnOf(t, name);
      if (stored) {
        const direct = singleNumericBatch(stored);
        if (direct) {
          const scan = scanNumeric(direct.values, undefined, direct.validity);
          return { values: direct.values, scan, present: scan ? scan.rows - scan.missing : 0 };
        }
        return { arrow: new ArrowColumnStats(name, stored, t.numRows(), streamOptions, tally) };
      }
      const values = columnOf(t, name);
      const scan = scanNumeric(values, weights[i]);
      const present = scan ? scan.rows - scan.missing : countPresent(values);
      return { values, scan, present };
    });
    const kind = featureKind(columns.map((c) => c && (c.arrow ? c.arrow.kind : { kind: c.scan ? c.scan.type : 'STRING', present: c.present })));
    columns.forEach((c, i) => {
      const rows = list[i].numRows();
      if (!c) {
        datasets[i].features!.push(absentFeature(name, kind, rows, quantileBuckets, datasets[i].weightedNumExamples as number | undefined));
        return;
      }
      const feature: FeatureNameStatistics = { name, type: kind };
      let custom: CustomStatistic[] = [];
      if (c.arrow) {
        const r = c.arrow.finish(kind);
        custom = r.custom;
        if (kind === 'STRING') feature.stringStats = r.stats as never;
        else feature.numStats = r.stats as never;
      } else if (kind === 'STRING') {
        ({ stats: feature.stringStats, custom } = stringStatistics(c.values, { topK, exactCap, quantileBuckets }, weights[i]));
      } else {
        const scan = c.scan ?? missingScan(rows, kind, weights[i]);
        ({ stats: feature.numStats, custom } = numericStatistics(scan, { buckets, quantileBuckets }));
      }
      if (custom.length) feature.customStats = custom;
      datasets[i].features!.push(feature);
    });
  }
  return { datasets };
}

/**
 * An Arrow number column in one batch (a Parquet row group, an IPC record
 * batch): its typed array and validity bitmap, which the in-memory scan
 * reads as they are (no copy). Other Arrow columns go through the batch
 * accumulators.
 */
function singleNumericBatch(col: ArrowColumn): { values: ArrayLike<number>; validity?: Uint8Array } | undefined {
  if (col.data.length !== 1) return undefined;
  const b = col.data[0];
  // int64 (what NumPy writes for integers) is converted once, as the batch accumulators would convert it.
  const int64 = !directNumbers(b) && (b.values as unknown) instanceof BigInt64Array ? batchValues(b as never) : undefined;
  const v = int64?.kind === 'numbers' && int64.values instanceof Float64Array ? int64.values : directNumbers(b);
  if (!v || !ArrayBuffer.isView(v)) return undefined;
  // With nulls, the in-memory view is a plain array: a column of nulls only is no evidence of numbers, and
  // float32 values that are all whole read as INT. Those two keep the batch accumulators' answer.
  if (b.nullCount > 0 && (b.nullCount >= b.length || v instanceof Float32Array)) return undefined;
  const values = (v as unknown as Float64Array).subarray(0, b.length);
  return { values, validity: b.nullCount > 0 && b.validity?.length ? b.validity : undefined };
}

function countPresent(values: Values): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v === null || v === undefined || (typeof v === 'number' && v !== v))) n++;
  }
  return n;
}
