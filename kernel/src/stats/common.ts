/**
 * Facets' CommonStatistics for a column of single values (one value per row,
 * as every table column is): how many rows have a value, how many do not,
 * and the number-of-values histogram, which is all ones.
 */
import type { CommonStatistics, CustomStatistic } from '../mime/index.js';

export function commonStatistics(rows: number, missing: number, weighted?: { present: number; missing: number }, quantileBuckets = 10): CommonStatistics {
  const present = rows - missing;
  const out: CommonStatistics = { numNonMissing: present, numMissing: missing };
  if (present > 0) {
    Object.assign(out, {
      minNumValues: 1,
      maxNumValues: 1,
      avgNumValues: 1,
      totNumValues: present,
      numValuesHistogram: {
        type: 'QUANTILES',
        buckets: Array.from({ length: quantileBuckets }, () => ({ lowValue: 1, highValue: 1, sampleCount: present / quantileBuckets })),
      },
    } satisfies CommonStatistics);
  }
  if (weighted) {
    out.weightedCommonStats = { numNonMissing: weighted.present, numMissing: weighted.missing, avgNumValues: present > 0 ? 1 : 0, totNumValues: weighted.present };
  }
  return out;
}

export const customNum = (name: string, num: number): CustomStatistic => ({ name, num });
export const customStr = (name: string, str: string): CustomStatistic => ({ name, str });
