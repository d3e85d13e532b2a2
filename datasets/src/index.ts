/**
 * @tsml/datasets: data for the tsml labs without a download. Loaders read data
 * shipped in npm packages; generators are pure, seeded functions (same options
 * and seed → the same table, byte for byte) whose doc comments state the model
 * that made the data, so a lab knows what a fit should recover.
 */
export { createRng, resolveRng, type RandomOptions, type Rng } from './random.js';
export { numpy, RandomState, MT19937, type NumpySeed, type Size } from './numpy/index.js';
export * from './sklearn/index.js';
export { leastSquares, olsWithIntercept } from './linalg.js';
export { list } from './catalogue.js';
export { knownOptions, type OptionCheck } from './options.js';
export { cifarLike, cifar10, CIFAR_CLASSES, type ImageBatch } from './generators/images.js';

export { autoMpg } from './packaged/auto-mpg.js';
export { penguins } from './packaged/penguins.js';
export { seattleWeather } from './packaged/seattle-weather.js';
export { vegaDatasetPath } from './packaged/vega.js';
export { iris, wine, digits, diabetes, breastCancer, type DiabetesOptions } from './packaged/sklearn.js';

export { linear, type LinearOptions } from './generators/linear.js';
export { blobs, type BlobsOptions } from './generators/blobs.js';
export { classification, type ClassificationOptions } from './generators/classification.js';
export { census, type CensusOptions } from './generators/census.js';
export { heartDisease, type HeartDiseaseOptions } from './generators/heart-disease.js';
export { bikeShare, BIKE_SHARE_LAB, type BikeShareOptions } from './generators/bike-share.js';
export { tvMarketing, TV_MARKETING_FIT, type TvMarketingOptions } from './generators/tv-marketing.js';
export { sequences, type SequencesOptions } from './generators/sequences.js';
