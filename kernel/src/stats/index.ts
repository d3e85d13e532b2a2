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
