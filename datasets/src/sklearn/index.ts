/**
 * Ports of the scikit-learn generators and splitters (and pandas' `sample`)
 * that the labs call with a `random_state`: same arguments, same rows.
 */
export { makeBlobs, type Blobs, type MakeBlobsOptions } from './make-blobs.js';
export { makeClassification, type Classification, type MakeClassificationOptions } from './make-classification.js';
export { trainTestSplitIndices, sampleIndices, splitSizes, type SplitIndicesOptions, type SampleIndicesOptions } from './split.js';
export { checkRandomState, type RandomStateLike } from './random-state.js';
export { sampleWithoutReplacement } from './sample-without-replacement.js';
