/**
 * Facets' StringStatistics in one pass and bounded memory: count, missing,
 * unique, top values with frequency, average length (in code points, as
 * Python's `len`) and the rank histogram of the top values. Values that are
 * not strings are written as text (numbers with `String`, Dates in ISO
 * form). Missing: null, undefined and NaN; the empty string is a value.
 *
 * Top values come from `FrequentValues`: exact up to `exactCap` distinct
 * values, Misra–Gries beyond. The custom stats say which:
 * `tsml.topValuesApproximate` (0 or 1), `tsml.topValuesMaxError` (the most a
 * reported frequency, a lower bound, may fall short of the truth),
 * `tsml.uniqueApproximate` (unique is counted exactly up to 2^17 distinct values
 * in memory; from 32-bit hashes, or past that by HyperLogLog, ±~1 %, it is approximate).
 * When there are more distinct values than top values, the rank histogram
 * ends with one bucket for the rest (ranks K … unique − 1) so a cumulative
 * chart reaches 100 %.
 */
import type { CustomStatistic, RankHistogram, StringStatistics } from '../mime/index.js';
import type { Values } from '../data/columns.js';
import { commonStatistics, customNum } from './common.js';
import { FrequentValues, type Frequent } from './top-k.js';

export interface StringOptions {
  topK: number;
  exactCap: number;
  quantileBuckets: number;
}

export function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v) ?? String(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

function rankHistogram(top: Frequent[], unique: number, present: number): RankHistogram {
  const buckets = top.map((t, i) => ({ lowRank: i, highRank: i, label: t.value, sampleCount: t.count }));
  if (unique > top.length && top.length > 0) {
    const shown = top.reduce((a, t) => a + t.count, 0);
    const rest = unique - top.length;
    buckets.push({ lowRank: top.length, highRank: unique - 1, label: `(${rest} other value${rest === 1 ? '' : 's'})`, sampleCount: Math.max(0, present - shown) });
  }
  return { buckets };
}

/**
 * String statistics gathered a part at a time: arrays of values (`add`), or
 * tallies a caller made itself (`addCount`, `addUncounted`, from streamed
 * UTF-8 batches). In memory the whole column is one part.
 */
export class StringAccumulator {
  private readonly counter: FrequentValues;
  private readonly weighted?: FrequentValues;
  private rows = 0;
  private missing = 0;
  /** UTF-16 code units over all present values. */
  private units = 0;
  private wPresent = 0;
  private wMissing = 0;

  constructor(private readonly o: StringOptions, weighted = false) {
    this.counter = new FrequentValues(o.exactCap);
    if (weighted) this.weighted = new FrequentValues(o.exactCap);
  }

  add(values: Values, weights?: ArrayLike<number>): void {
    const { counter, weighted } = this;
    this.rows += values.length;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || (typeof v === 'number' && v !== v)) {
        this.missing++;
        if (weights) this.wMissing += weights[i];
        continue;
      }
      const s = typeof v === 'string' ? v : asText(v);
      this.units += s.length;
      counter.add(s);
      if (weighted && weights) {
        weighted.add(s, weights[i]);
        this.wPresent += weights[i];
      }
    }
  }

  get present(): number {
    return this.rows - this.missing;
  }

  addMissing(rows: number): void {
    this.rows += rows;
    this.missing += rows;
  }

  /** `count` rows that all hold `value`. */
  addCount(value: string, count: number): void {
    this.rows += count;
    this.units += value.length * count;
    this.counter.add(value, count);
  }

  /**
   * Present rows whose values the caller did not hand over (see
   * `FrequentValues.absorb`): how many, their UTF-16 units and surrogate
   * pairs, the most rows any one value had, and the values' `murmur3` hashes.
   */
  addUncounted(rows: number, units: number, pairs: number, largest: number, hashes: ArrayLike<number>): void {
    this.rows += rows;
    this.units += units;
    this.counter.absorb(rows, largest, pairs, hashes);
  }

  finish(): { stats: StringStatistics; custom: CustomStatistic[] } {
    const { counter, weighted, o } = this;
    const present = this.rows - this.missing;
    const stats: StringStatistics = {
      commonStats: commonStatistics(this.rows, this.missing, weighted ? { present: this.wPresent, missing: this.wMissing } : undefined, o.quantileBuckets),
    };
    const custom: CustomStatistic[] = [];
    if (present === 0) return { stats, custom };
    const unique = counter.distinct();
    const top = counter.top(o.topK);
    stats.unique = unique;
    stats.topValues = top.map((t) => ({ value: t.value, frequency: t.count }));
    stats.avgLength = (this.units - counter.codePointCorrection()) / present;
    stats.rankHistogram = rankHistogram(top, unique, present);
    if (weighted) {
      const wtop = weighted.top(o.topK);
      stats.weightedStringStats = {
        topValues: wtop.map((t) => ({ value: t.value, frequency: t.count })),
        rankHistogram: rankHistogram(wtop, weighted.distinct(), this.wPresent),
      };
    }
    custom.push(
      customNum('tsml.topValuesApproximate', counter.approximate ? 1 : 0),
      customNum('tsml.topValuesMaxError', top.reduce((a, t) => Math.max(a, t.error), 0)),
      customNum('tsml.uniqueApproximate', counter.distinctEstimated ? 1 : 0),
    );
    return { stats, custom };
  }
}

/**
 * Facets statistics of a string column: count, missing, unique, top values, average length and a
 * rank histogram.
 */
export function stringStatistics(values: Values, o: StringOptions, weights?: ArrayLike<number>): { stats: StringStatistics; custom: CustomStatistic[] } {
  const acc = new StringAccumulator(o, weights !== undefined);
  acc.add(values, weights);
  return acc.finish();
}
