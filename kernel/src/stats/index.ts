/**
 * Facets-proto statistics over table columns: pure functions, no I/O, no
 * rendering. `computeStatistics` is the entry point; the pieces are exported
 * for other panels (histograms, frequent values).
 */
export { computeStatistics, type StatisticsOptions } from './statistics.js';
export { numericStatistics } from './numeric.js';
export { scanNumeric, type NumericScan } from './numeric-scan.js';
export { stringStatistics } from './strings.js';
export { FrequentValues, type Frequent } from './top-k.js';
export { HyperLogLog, murmur3 } from './hyperloglog.js';
export { equalWidthEdges, equalWidthCounts, deciles, weightedQuantiles } from './histogram.js';
export { protoDouble } from './proto-json.js';
export { orderStatistics, linearQuantiles } from './order-statistics.js';
export { nullity, completeness, nullityCorrelation, nullityDendrogram, nullityLabel, type Nullity, type Completeness, type NullityCorrelation, type NullityDendrogram, type NullityOptions } from './nullity.js';
export { lastNullitySplit } from './nullity-threads.js';
export type { PoolSplit } from './work-pool.js';
export { averageLinkage, leafOrder, type Merge } from './linkage.js';
export { sentinels, MISSING_TEXTS, type Sentinel, type SentinelKind, type SentinelOptions } from './sentinels.js';
export { duplicates, type Duplicates } from './duplicates.js';
export { fences, flaggedRows, K_GRID, type ColumnFences, type FenceOptions, type FenceRule } from './fences.js';
export { IsolationForest, isolationForestScores, averagePathLength, type IsolationForestOptions } from './isolation-forest.js';
export { lastScoringSplit, sharedFloat64 } from './isolation-forest-threads.js';
export { knnScores, type KnnOptions } from './knn.js';
export { missingBits, rowNumbers, valueKind, type ValueKind } from './access.js';
