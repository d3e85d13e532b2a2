/**
 * Cleaning: plans (fit on train, apply anywhere, emit code) and the verbs
 * their code calls. The detectors (nullity, sentinels, duplicates, fences,
 * Isolation Forest, kNN) live in the stats engine. In cells: `tsml.clean`.
 */
export { plan, Plan, type ImputeOptions, type OutlierStepOptions } from './plan.js';
export type { ImputeStrategy, OutlierRule } from './steps.js';
export { treatAsMissing, type MissingSpec } from './verbs/treat-as-missing.js';
export { dropDuplicates } from './verbs/drop-duplicates.js';
export { clip, dropOutside, type Bounds } from './verbs/clip.js';
export { oneHot } from './verbs/one-hot.js';
export { knnImpute, type KnnImputeOptions } from './verbs/knn-impute.js';
export { missingIndicators } from './verbs/missing-indicators.js';
export { literal } from './literal.js';
