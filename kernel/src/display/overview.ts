/**
 * `display.overview(...)`: Facets-style statistics of one table or several
 * (train/test), or of statistics computed elsewhere (Python's facets
 * generator, TFDV), as the Overview MIME bundle with its static fallbacks.
 */
import type { ColumnTable } from 'arquero';
import { tsmlBundle, TsmlMime, type DatasetFeatureStatisticsList, type OverviewPayload, type TsmlBundle } from '../mime/index.js';
import { computeStatistics, type StatisticsOptions } from '../stats/index.js';
import { overviewHtml, overviewModel, overviewText, parseStatistics } from '../overview/index.js';
import { fromDanfo, isDanfo } from '../data/danfo.js';
import { isStatisticsFile, statisticsFromFile } from '../stats/stream/index.js';

/** Tables, statistics (object or JSON text), or Parquet paths (read in batches: any size). */
export type OverviewInput = ColumnTable | ColumnTable[] | DatasetFeatureStatisticsList | string | string[];

export type OverviewOptions = StatisticsOptions;

const isTable = (v: unknown): v is ColumnTable => typeof (v as ColumnTable | null)?.columnNames === 'function' && typeof (v as ColumnTable).numRows === 'function';

function asTable(v: unknown, i: number): ColumnTable {
  if (isTable(v)) return v;
  if (isDanfo(v)) return fromDanfo(v);
  throw new TypeError(`display.overview: item ${i} is not a table (got ${v === null ? 'null' : typeof v}). Pass arquero tables (e.g. from readCsv), danfo DataFrames, or a DatasetFeatureStatisticsList.`);
}

/** Statistics for the input: computed for tables, taken as they are otherwise. */
export function overviewStatistics(input: Exclude<OverviewInput, string[]>, options: OverviewOptions = {}): OverviewPayload {
  if (Array.isArray(input)) return computeStatistics(input.map(asTable), options);
  if (isTable(input) || isDanfo(input)) return computeStatistics(asTable(input, 0), options);
  return parseStatistics(input);
}

type OverviewBundle = TsmlBundle<typeof TsmlMime.overview, OverviewPayload>;

/** The bundle for Parquet files: statistics streamed a column chunk at a time, never the whole file in memory. */
export async function overviewFileBundle(paths: string | string[], options: OverviewOptions = {}): Promise<OverviewBundle> {
  if (options.weights !== undefined) throw new TypeError('display.overview: weights are not supported for Parquet paths yet; load the file with readParquet and pass the table');
  return overviewBundle(await statisticsFromFile(paths, options), options);
}

/** What display.overview shows: the bundle, or a promise of it for Parquet paths. */
export function overviewFor(input: OverviewInput, options: OverviewOptions = {}): OverviewBundle | Promise<OverviewBundle> {
  return isStatisticsFile(input) ? overviewFileBundle(input, options) : overviewBundle(input, options);
}

export function overviewBundle(input: OverviewInput, options: OverviewOptions = {}): OverviewBundle {
  if (isStatisticsFile(input)) throw new TypeError('overviewBundle: Parquet paths are read asynchronously; use overviewFileBundle (display.overview returns a promise for them: await it)');
  const payload = overviewStatistics(input as Exclude<OverviewInput, string[]>, options);
  const model = overviewModel(payload);
  return tsmlBundle(TsmlMime.overview, payload, { html: overviewHtml(model), text: overviewText(model) });
}
