/**
 * @tsml/datasets: data for the tsml labs without a download. Loaders read data
 * shipped in npm packages; generators are pure, seeded functions (same options
 * and seed → the same table, byte for byte) whose doc comments state the model
 * that made the data, so a lab knows what a fit should recover.
 */
export { createRng, resolveRng, type RandomOptions, type Rng } from './random.js';

