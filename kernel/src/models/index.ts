/** Small float64 models and metrics for the course labs (no tensors needed). */
export { LinearRegression } from './linear-regression.js';
export { meanSquaredError, r2Score, accuracy, confusionMatrix, precisionRecall } from './metrics.js';
