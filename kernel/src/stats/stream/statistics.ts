/**
 * `statisticsFromParquet`: the same DatasetFeatureStatisticsList as
 * `computeStatistics(await readParquet(path))`, for files that need not fit
 * in memory. Each file is read one column chunk at a time, twice at most:
 * the first read gathers every count, min, max, sum, string tallies and a
 * sample of each numeric column; the second reads only the numeric columns
 * again for what needs their final min, max and mean: std_dev (two-pass), the
 * equal-width histogram and exact deciles and median (rank-refiner.ts).
 * Memory is a chunk at a time plus, per column, a fixed sample and at most
 * `keepCap` values, whatever the row count.
 *
 * Exact as in memory: counts, missing, NaN and ±Infinity counts, zeros, min,
 * max, mean, std_dev (to rounding: sums are merged across chunks),
 * histogram counts, string counts and top values while a column has at most
 * `exactCap` distinct values, avg_length always. Deciles and median are
 * exact unless the custom stat `tsml.quantiles` says 'approximate'; then
 * `tsml.quantilesRankError` is the measured error, as a fraction of the
 * values (rank-refiner.ts). Past `exactCap` distinct values, top values and
 * unique are labelled approximate as in memory (strings.ts, utf8-tally.ts).
 */
import type { DatasetFeatureStatistics, DatasetFeatureStatisticsList, FeatureNameStatistics, NumericStatistics, StringStatistics } from '../../mime/index.js';
import type { Values } from '../../data/columns.js';
import { absentFeature, featureKind, settings, type Kind, type StatisticsOptions } from '../statistics.js';
import { Column } from '@uwdata/flechette';
import { batchValues, finiteOf } from './batch-values.js';
import { StreamColumn, type ColumnOptions } from './column.js';
import { chunksOf, openParquet, type ParquetSource } from './parquet-source.js';
import { Utf8Tally } from './utf8-tally.js';

export interface StreamStatisticsOptions extends Omit<StatisticsOptions, 'weights'> {
  /** Finite values sampled per numeric column on the first read, to bracket the quantiles (default 2¹⁸). */
  sampleSize?: number;
  /** Values per numeric column the second read may keep to make the quantiles exact (default 2²²; 0: always approximate). */
  keepCap?: number;
  /** Seeds the samples (default 0): the same file and options give the same output. */
  seed?: number;
}

interface Dataset {
  source: ParquetSource;
  columns: Map<string, StreamColumn>;
}

async function firstRead(source: ParquetSource, o: ColumnOptions, tally: Utf8Tally): Promise<Dataset> {
  const columns = new Map(source.columns.map((name) => [name, new StreamColumn(name, source.rows, o)]));
  for await (const { column, batches } of chunksOf(source, source.columns)) {
    for (const b of batches) columns.get(column)!.add(batchValues(b as never), tally);
  }
  return { source, columns };
}

async function secondRead({ source, columns }: Dataset, kinds: Map<string, Kind>, o: ColumnOptions): Promise<void> {
  const visits = [...columns].flatMap(([name, c]) => {
    const how = c.secondRead(kinds.get(name)!);
    return how ? [{ name, c, how }] : [];
  });
  for (const { c, how } of visits) if (how === 'numbers') c.numeric!.startSecondRead(o);
  const scratch = { buffer: new Float64Array(0) };
  const byName = new Map(visits.map((v) => [v.name, v]));
  for await (const { column, batches } of chunksOf(source, [...byName.keys()])) {
    const { c, how } = byName.get(column)!;
    for (const b of batches) {
      if (how === 'text') c.addAsText(new Column([b as never]).toArray() as Values);
      else c.numeric!.revisit(finiteOf(batchValues(b as never), scratch));
    }
  }
}

/**
 * Overview statistics of Parquet files of any size, read one column chunk at a time in bounded
 * memory; the same statistics as `computeStatistics` of the loaded tables (deciles exact up to ~50
 * M rows per column).
 */
export async function statisticsFromParquet(paths: string | string[], options: StreamStatisticsOptions = {}): Promise<DatasetFeatureStatisticsList> {
  if ((options as StatisticsOptions).weights !== undefined) {
    throw new RangeError('statisticsFromParquet: weights are not supported for files; load the table (readParquet) and use computeStatistics');
  }
  const list = Array.isArray(paths) ? paths : [paths];
  const { topK, buckets, exactCap, quantileBuckets, names } = settings(options, list.length);
  const { sampleSize = 2 ** 18, keepCap = 2 ** 22, seed = 0 } = options;
  if (!(Number.isInteger(sampleSize) && sampleSize >= 1)) throw new RangeError(`sampleSize must be a whole number ≥ 1, got ${sampleSize}`);
  if (!(Number.isInteger(keepCap) && keepCap >= 0)) throw new RangeError(`keepCap must be a whole number ≥ 0, got ${keepCap}`);
  const o: ColumnOptions = { topK, buckets, exactCap, quantileBuckets, sampleSize, keepCap, seed };
  const tally = new Utf8Tally(Math.max(2 * exactCap, 1024));
  const data: Dataset[] = [];
  const opened: ParquetSource[] = [];
  try {
    for (const path of list) {
      const source = await openParquet(path);
      opened.push(source);
      data.push(await firstRead(source, o, tally));
    }
    const features: string[] = [];
    for (const d of data) for (const n of d.columns.keys()) if (!features.includes(n)) features.push(n);
    const kinds = new Map(features.map((n) => [n, featureKind(data.map((d) => d.columns.get(n)?.kind))]));
    for (const d of data) await secondRead(d, kinds, o);
    const datasets = data.map((d, i): DatasetFeatureStatistics => ({ name: names[i], numExamples: d.source.rows, features: [] }));
    for (const name of features) {
      const kind = kinds.get(name)!;
      data.forEach((d, i) => {
        const column = d.columns.get(name);
        if (!column) {
          datasets[i].features!.push(absentFeature(name, kind, d.source.rows, quantileBuckets));
          return;
        }
        const { stats, custom } = column.finish(kind);
        const feature: FeatureNameStatistics = { name, type: kind };
        if (kind === 'STRING') feature.stringStats = stats as StringStatistics;
        else feature.numStats = stats as NumericStatistics;
        if (custom.length) feature.customStats = custom;
        datasets[i].features!.push(feature);
      });
    }
    return { datasets };
  } finally {
    for (const source of opened) source.close();
  }
}
