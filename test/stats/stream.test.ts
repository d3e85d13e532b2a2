/**
 * Streamed statistics of Parquet files (kernel/src/stats/stream) against the
 * in-memory engine on the same data: `computeStatistics(await
 * readParquet(path))`. Files are written by pyarrow (test/stats/
 * parquet_fixtures.py) with small row groups, so every column arrives in
 * several batches. Exact statistics must agree: everything equal, mean and
 * std_dev to 1e-9 relative (sums are merged across batches). Approximate
 * ones must be labelled, and within their stated error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { int64 } from '@uwdata/flechette';
import type { ColumnTable } from 'arquero';
import { readParquet } from '../../kernel/src/data/index.js';
import { columnOf } from '../../kernel/src/data/columns.js';
import { computeStatistics } from '../../kernel/src/stats/index.js';
import { isStatisticsFile, statisticsFromFile, statisticsFromParquet } from '../../kernel/src/stats/stream/index.js';
import type { DatasetFeatureStatisticsList, FeatureNameStatistics } from '../../kernel/src/mime/index.js';
import { expectClose, oracle, PY } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tsml-stream-'));
let files: Record<'mixed' | 'big' | 'train' | 'test', string>;

beforeAll(() => {
  files = JSON.parse(execFileSync(PY, [join(__dirname, 'parquet_fixtures.py'), dir], { encoding: 'utf8' }));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The in-memory engine on plain arrays (readParquet's columns converted by columnOf), so neither side
// shares the Arrow-batch accumulators that both streamed files and Arrow-backed tables use.
const asArrays = (t: ColumnTable) => aq.table(Object.fromEntries(t.columnNames().map((c) => [c, columnOf(t, c)])) as never);
const inMemory = async (paths: string[], options = {}) => computeStatistics(await Promise.all(paths.map(async (p) => asArrays(await readParquet(p)))), options);
const arrowBacked = async (paths: string[], options = {}) => computeStatistics(await Promise.all(paths.map((p) => readParquet(p))), options);
const feature = (s: DatasetFeatureStatisticsList, name: string, d = 0): FeatureNameStatistics => s.datasets![d].features!.find((f) => f.name === name)!;
const custom = (f: FeatureNameStatistics, name: string) => f.customStats?.find((c) => c.name === name);

/** Equal, except mean and std_dev, which agree to 1e-9 relative. */
function expectAgree(ours: FeatureNameStatistics, theirs: FeatureNameStatistics, what: string): void {
  const split = (f: FeatureNameStatistics) => {
    const copy = structuredClone(f);
    const moments = { mean: copy.numStats?.mean, stdDev: copy.numStats?.stdDev };
    delete copy.numStats?.mean;
    delete copy.numStats?.stdDev;
    return { copy, moments };
  };
  const a = split(ours);
  const b = split(theirs);
  expect(a.copy, what).toEqual(b.copy);
  expectClose(a.moments.mean, b.moments.mean, 1e-9, `${what}.mean`);
  expectClose(a.moments.stdDev, b.moments.stdDev, 1e-9, `${what}.stdDev`);
}

function expectAgreeAll(ours: DatasetFeatureStatisticsList, theirs: DatasetFeatureStatisticsList): void {
  expect(ours.datasets!.map((d) => [d.name, d.numExamples])).toEqual(theirs.datasets!.map((d) => [d.name, d.numExamples]));
  theirs.datasets!.forEach((d, i) => {
    expect(ours.datasets![i].features!.map((f) => [f.name, f.type])).toEqual(d.features!.map((f) => [f.name, f.type]));
    d.features!.forEach((f, j) => expectAgree(ours.datasets![i].features![j], f, `${d.name}.${f.name}`));
  });
}

describe('statisticsFromParquet', () => {
  it('agrees with computeStatistics(readParquet) on every column of a file read in 8 row groups', async () => {
    const ours = await statisticsFromParquet(files.mixed);
    expectAgreeAll(ours, await inMemory([files.mixed]));
    // An Arrow-backed table (readParquet, no conversion) gives the same statistics as its plain arrays.
    expectAgreeAll(await arrowBacked([files.mixed]), await inMemory([files.mixed]));
    // The cases the column set is there for, by their types.
    const types = Object.fromEntries(ours.datasets![0].features!.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({ f64: 'FLOAT', f64_whole: 'INT', i64: 'INT', f32: 'FLOAT', f32_nulls: 'INT', flag: 'INT', when: 'INT', text: 'STRING', large: 'STRING', dict: 'STRING', null_f: 'STRING', late: 'FLOAT' });
    expect(custom(feature(ours, 'f64'), 'tsml.quantiles')?.str).toBe('exact');
    expect(oracle(ours).parseError).toBeUndefined();
  }, 60_000);

  it('agrees on train/test: a feature absent from one file, numbers in one file and text in the other, a column of nulls', async () => {
    const paths = [files.train, files.test];
    const ours = await statisticsFromParquet(paths, { names: ['train', 'test'] });
    expectAgreeAll(ours, await inMemory(paths, { names: ['train', 'test'] }));
    expectAgreeAll(await arrowBacked(paths, { names: ['train', 'test'] }), await inMemory(paths, { names: ['train', 'test'] }));
    expect(feature(ours, 'b', 1).type).toBe('STRING');
    expect(feature(ours, 'only_train', 1).numStats!.commonStats!.numMissing).toBe(1500);
  }, 60_000);

  it('finds exact deciles and median through a small sample (wide brackets, many values kept)', async () => {
    const ours = await statisticsFromParquet(files.big, { sampleSize: 64 });
    expectAgreeAll(ours, await inMemory([files.big]));
  }, 60_000);

  it('labels quantiles approximate when it may not keep values, and they are within the measured rank error, itself within 3/√s', async () => {
    const s = 4096;
    const ours = await statisticsFromParquet(files.big, { sampleSize: s, keepCap: 0 });
    const table = await readParquet(files.big);
    for (const f of ours.datasets![0].features!) {
      const sorted = Float64Array.from(columnOf(table, f.name) as ArrayLike<number>).sort();
      const k = sorted.length;
      expect(custom(f, 'tsml.quantiles')?.str, f.name).toBe('approximate');
      expect(custom(f, 'tsml.quantilesApproximate')?.num, f.name).toBe(1);
      const error = custom(f, 'tsml.quantilesRankError')!.num!;
      expect(error, f.name).toBeGreaterThanOrEqual(0);
      // 3/√n for a sample of n values; n is s give or take √s.
      expect(error, f.name).toBeLessThanOrEqual(3 / Math.sqrt(0.9 * s));
      // Each decile edge (and the median) lies between the values at its rank ± the stated error.
      const slack = Math.ceil(error * k);
      const at = (r: number) => sorted[Math.min(k - 1, Math.max(0, r))];
      const buckets = f.numStats!.histograms!.find((h) => h.type === 'QUANTILES')!.buckets!;
      const edges = [buckets[0].lowValue, ...buckets.map((b) => b.highValue)] as number[];
      const check = (v: number, p: number, what: string) => {
        const h = (k - 1) * p;
        expect(v, what).toBeGreaterThanOrEqual(at(Math.floor(h) - slack));
        expect(v, what).toBeLessThanOrEqual(at(Math.ceil(h) + slack));
      };
      edges.forEach((v, i) => check(v, i / 10, `${f.name} decile ${i}`));
      check(f.numStats!.median as number, 0.5, `${f.name} median`);
    }
    // Room for fewer values than the brackets hold: approximate as well, and said so.
    const cramped = await statisticsFromParquet(files.big, { sampleSize: s, keepCap: 1000 });
    for (const f of cramped.datasets![0].features!) expect(custom(f, 'tsml.quantiles')?.str, f.name).toBe('approximate');
    // With room to keep values, the same sample gives the exact answers.
    expectAgreeAll(await statisticsFromParquet(files.big, { sampleSize: s }), await inMemory([files.big]));
  }, 60_000);

  it('past the exact cap: the in-memory unique (same HyperLogLog), exact counts and avg length, top values within their error bound', async () => {
    const exactCap = 50;
    const ours = await statisticsFromParquet(files.mixed, { exactCap });
    const approx = await inMemory([files.mixed], { exactCap });
    const exact = await inMemory([files.mixed]);
    const ids = feature(ours, 'ids');
    expect(custom(ids, 'tsml.topValuesApproximate')?.num).toBe(1);
    // Counted from distinct hashes (the tally hands over hashes): labelled approximate, equal to the truth here.
    expect(custom(ids, 'tsml.uniqueApproximate')?.num).toBe(1);
    expect(ids.stringStats!.unique).toBe(feature(approx, 'ids').stringStats!.unique);
    expect(ids.stringStats!.unique).toBe(feature(exact, 'ids').stringStats!.unique);
    expect(ids.stringStats!.commonStats).toEqual(feature(exact, 'ids').stringStats!.commonStats);
    expectClose(ids.stringStats!.avgLength, feature(exact, 'ids').stringStats!.avgLength, 1e-12, 'avgLength');
    // Low-cardinality columns stay exact under the same cap.
    expectAgree(feature(ours, 'text'), feature(exact, 'text'), 'text');
    // A skewed column over the cap (Zipf): every reported count is a lower bound within maxError of
    // the truth, and every value more frequent than maxError is reported.
    const zipf = feature(ours, 'zipf');
    const bound = custom(zipf, 'tsml.topValuesMaxError')!.num!;
    expect(custom(zipf, 'tsml.topValuesApproximate')?.num).toBe(1);
    const truth = new Map(feature(await inMemory([files.mixed], { topK: 100_000 }), 'zipf').stringStats!.topValues!.map((t) => [t.value, t.frequency!]));
    const reported = new Map(zipf.stringStats!.topValues!.map((t) => [t.value, t.frequency!]));
    for (const [value, count] of reported) {
      expect(count, value).toBeLessThanOrEqual(truth.get(value)!);
      expect(truth.get(value)!, value).toBeLessThanOrEqual(count + bound);
    }
    for (const [value, count] of truth) if (count > bound) expect(reported.has(value), value).toBe(true);
    expect(bound).toBeLessThan(5000 / 10);
  }, 60_000);

  it('rejects weights, bad options, missing and unreadable files with a clear message', async () => {
    await expect(statisticsFromParquet(files.big, { weights: 'normal' } as never)).rejects.toThrow(/weights are not supported/);
    await expect(statisticsFromParquet(files.big, { keepCap: -1 })).rejects.toThrow(RangeError);
    await expect(statisticsFromParquet(join(dir, 'nope.parquet'))).rejects.toThrow(/no such file/);
    const bad = join(dir, 'bad.parquet');
    writeFileSync(bad, 'not parquet at all');
    await expect(statisticsFromParquet(bad)).rejects.toThrow(/not a readable Parquet file/);
  });
});

describe('statisticsFromFile / isStatisticsFile (for display.overview)', () => {
  it('recognises .parquet paths (one or several), never JSON text, and reads them', async () => {
    expect(isStatisticsFile('data/train.parquet')).toBe(true);
    expect(isStatisticsFile(['a.PARQUET', 'b.parquet'])).toBe(true);
    expect(isStatisticsFile('{"datasets": []}')).toBe(false);
    expect(isStatisticsFile(['a.parquet', 'b.csv'])).toBe(false);
    expect(isStatisticsFile(42)).toBe(false);
    const ours = await statisticsFromFile([files.train, files.test], { names: ['train', 'test'] });
    expect(ours.datasets!.map((d) => d.name)).toEqual(['train', 'test']);
    // Without names, each dataset is named after its file, as display.overview(['train.parquet', 'test.parquet']) shows them.
    const unnamed = await statisticsFromFile([files.train, files.test]);
    expect(unnamed.datasets!.map((d) => d.name)).toEqual(['train', 'test']);
    await expect(statisticsFromFile('x.csv')).rejects.toThrow(/not a \.parquet file/);
  }, 60_000);
});

describe('Arrow-backed int64 columns in one batch', () => {
  it('are scanned in memory, with the statistics of the same numbers as plain arrays and as the batch accumulators give', () => {
    const n = 5000;
    const plain = aq.table({
      i: Array.from({ length: n }, (_, k) => (k * 7919) % 1000 - 100),
      j: Array.from({ length: n }, (_, k) => (k % 9 === 0 ? null : (k * 31) % 77)),
      big: Array.from({ length: n }, (_, k) => 2 ** 52 + k * 3),
    });
    const arrow = aq.fromArrow(aq.toArrow(plain, { types: { i: int64(), j: int64(), big: int64() } }));
    expect((arrow.column('i') as unknown as { data: { values: unknown }[] }).data[0].values).toBeInstanceOf(BigInt64Array);
    // Two batches take the accumulators' path: it must agree with the one-batch in-memory scan.
    const batched = aq.fromArrow(aq.toArrow(plain, { types: { i: int64(), j: int64(), big: int64() }, maxBatchRows: 2600 }));
    expectAgreeAll(computeStatistics(arrow), computeStatistics(batched));
    expectAgreeAll(computeStatistics(arrow), computeStatistics(asArrays(arrow)));
  });
});
