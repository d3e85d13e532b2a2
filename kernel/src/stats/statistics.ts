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

type Kind = 'INT' | 'FLOAT' | 'STRING';

interface Column {
  values: Values;
  scan: NumericScan | null;
  present: number;
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
function kindOf(columns: (Column | undefined)[]): Kind {
  let kind: Kind | undefined;
  let fallback: Kind | undefined;
  for (const c of columns) {
    if (!c) continue;
    const k: Kind = c.scan ? c.scan.type : 'STRING';
    if (c.present === 0) {
      fallback ??= k;
      continue;
    }
    if (k === 'STRING' || kind === 'STRING') kind = 'STRING';
    else kind = kind === 'FLOAT' || k === 'FLOAT' ? 'FLOAT' : 'INT';
  }
  return kind ?? fallback ?? 'STRING';
}

export function computeStatistics(tables: ColumnTable | ColumnTable[], options: StatisticsOptions = {}): DatasetFeatureStatisticsList {
  const list = Array.isArray(tables) ? tables : [tables];
  const { topK = 100, buckets = 10, exactCap = 10_000 } = options;
  if (!(Number.isInteger(topK) && topK >= 0)) throw new RangeError(`topK must be a whole number ≥ 0, got ${topK}`);
  if (!(Number.isInteger(buckets) && buckets >= 1)) throw new RangeError(`buckets must be a whole number ≥ 1, got ${buckets}`);
  const quantileBuckets = 10;
  const names = list.map((_, i) => options.names?.[i] ?? (list.length === 1 ? 'data' : `dataset ${i + 1}`));
  const weights = list.map((t) => weightsOf(t, options.weights));
  const features: string[] = [];
  for (const t of list) for (const n of t.columnNames()) if (!features.includes(n)) features.push(n);
  const datasets: DatasetFeatureStatistics[] = list.map((t, i) => {
    const ds: DatasetFeatureStatistics = { name: names[i], numExamples: t.numRows(), features: [] };
    if (weights[i]) ds.weightedNumExamples = weights[i]!.reduce((a, b) => a + b, 0);
    return ds;
  });
  for (const name of features) {
    const columns = list.map((t, i): Column | undefined => {
      if (!t.columnNames().includes(name)) return undefined;
      const values = columnOf(t, name);
      const scan = scanNumeric(values, weights[i]);
      const present = scan ? scan.rows - scan.missing : countPresent(values);
      return { values, scan, present };
    });
    const kind = kindOf(columns);
    columns.forEach((c, i) => {
      const rows = list[i].numRows();
      const feature: FeatureNameStatistics = { name, type: kind };
      let custom: CustomStatistic[] = [];
      if (!c) {
        const w = weights[i] && { present: 0, missing: datasets[i].weightedNumExamples as number };
        const commonStats = commonStatistics(rows, rows, w || undefined, quantileBuckets);
        if (kind === 'STRING') feature.stringStats = { commonStats };
        else feature.numStats = { commonStats };
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

function countPresent(values: Values): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v === null || v === undefined || (typeof v === 'number' && v !== v))) n++;
  }
  return n;
}
