/**
 * `makeClassification`: scikit-learn's `make_classification` (Guyon's Madelon
 * recipe), ported draw for draw, so `makeClassification({ nSamples: 10000,
 * nFeatures: 2, nInformative: 2, nRedundant: 0, nClustersPerClass: 1,
 * randomState: 123 })` gives the map-reduce lab's logistic-regression data.
 *
 * Recipe (sklearn 1.x), in the order it draws: cluster centroids on distinct
 * hypercube vertices (±classSep); all informative values N(0, 1); per cluster a
 * random A (uniform in [-1, 1)) so its points are z·A + centroid; redundant
 * features = informative·B; repeated ones copy columns; noise N(0, 1); a share
 * `flipY` of labels redrawn; shift and scale (random when null); rows shuffled;
 * then the columns shuffled.
 * Products go through `dot`, which rounds as OpenBLAS' fused multiply-add does.
 */
import { checkRandomState, type RandomStateLike } from './random-state.js';
import { hypercubeVertices } from './sample-without-replacement.js';
import { shuffleRows } from './shuffle.js';
import { dot } from './dot.js';

export interface MakeClassificationOptions {
  nSamples?: number;
  nFeatures?: number;
  nInformative?: number;
  nRedundant?: number;
  nRepeated?: number;
  nClasses?: number;
  nClustersPerClass?: number;
  /** Class proportions (nClasses, or nClasses - 1 with the last one implied). */
  weights?: number[] | null;
  flipY?: number;
  classSep?: number;
  hypercube?: boolean;
  /** A number, one per feature, or null for a random shift in [-classSep, classSep). */
  shift?: number | number[] | null;
  /** A number, one per feature, or null for a random scale in [1, 101). */
  scale?: number | number[] | null;
  shuffle?: boolean;
  randomState?: RandomStateLike;
}

export interface Classification {
  X: number[][];
  y: number[];
  /** What each column of X is: 'informative', 'redundant', 'repeated' or 'random' (sklearn's feature_info). */
  featureInfo: string[];
}

export function makeClassification(opts: MakeClassificationOptions = {}): Classification {
  const {
    nSamples = 100, nFeatures = 20, nInformative = 2, nRedundant = 2, nRepeated = 0, nClasses = 2,
    nClustersPerClass = 2, flipY = 0.01, classSep = 1, hypercube = true, shuffle = true,
  } = opts;
  const gen = checkRandomState(opts.randomState);
  if (nInformative + nRedundant + nRepeated > nFeatures) {
    throw new RangeError('makeClassification: nInformative + nRedundant + nRepeated must be at most nFeatures');
  }
  if (nInformative < Math.log2(nClasses * nClustersPerClass)) {
    throw new RangeError(`makeClassification: nClasses (${nClasses}) * nClustersPerClass (${nClustersPerClass}) must be at most 2**nInformative (${2 ** nInformative})`);
  }
  const weights = classWeights(opts.weights ?? null, nClasses);
  const nRandom = nFeatures - nInformative - nRedundant - nRepeated;
  const nClusters = nClasses * nClustersPerClass;
  const perCluster = Array.from({ length: nClusters }, (_, k) => Math.trunc((nSamples * weights[k % nClasses]) / nClustersPerClass));
  const missing = nSamples - perCluster.reduce((a, b) => a + b, 0);
  for (let i = 0; i < missing; i++) perCluster[i % nClusters]++;

  const X: number[][] = Array.from({ length: nSamples }, () => new Array<number>(nFeatures).fill(0));
  const y = new Array<number>(nSamples).fill(0);

  const centroids = hypercubeVertices(gen, nClusters, nInformative).map((v) => v.map((b) => b * 2 * classSep - classSep));
  if (!hypercube) {
    const byCluster = gen.uniform(0, 1, [nClusters, 1]);
    const byAxis = gen.uniform(0, 1, [1, nInformative]);
    centroids.forEach((c, k) => c.forEach((_, d) => (c[d] = c[d] * byCluster[k] * byAxis[d])));
  }
  fillColumns(X, 0, nInformative, gen.standardNormal([nSamples, nInformative]));

  let stop = 0;
  centroids.forEach((centroid, k) => {
    const start = stop;
    stop += perCluster[k];
    for (let r = start; r < stop; r++) y[r] = k % nClasses;
    const A = matrix(gen.uniform(0, 1, [nInformative, nInformative]), nInformative).map((row) => row.map((u) => 2 * u - 1));
    for (let r = start; r < stop; r++) {
      const mixed = dot(X[r].slice(0, nInformative), A);
      for (let d = 0; d < nInformative; d++) X[r][d] = mixed[d] + centroid[d];
    }
  });

  if (nRedundant > 0) {
    const B = matrix(gen.uniform(0, 1, [nInformative, nRedundant]), nRedundant).map((row) => row.map((u) => 2 * u - 1));
    for (const row of X) dot(row.slice(0, nInformative), B).forEach((v, d) => (row[nInformative + d] = v));
  }
  const n = nInformative + nRedundant;
  if (nRepeated > 0) {
    const sources = Array.from(gen.uniform(0, 1, nRepeated), (u) => Math.trunc((n - 1) * u + 0.5));
    for (const row of X) sources.forEach((s, d) => (row[n + d] = row[s]));
  }
  if (nRandom > 0) fillColumns(X, nFeatures - nRandom, nRandom, gen.standardNormal([nSamples, nRandom]));

  if (flipY >= 0) {
    const flip = Array.from(gen.uniform(0, 1, nSamples), (u) => u < flipY);
    const count = flip.filter(Boolean).length;
    const labels = gen.randint(0, nClasses, count);
    let j = 0;
    flip.forEach((f, i) => f && (y[i] = labels[j++]));
  }

  const shift = opts.shift === undefined ? 0 : opts.shift === null ? Array.from(gen.uniform(0, 1, nFeatures), (u) => (2 * u - 1) * classSep) : opts.shift;
  for (const row of X) for (let d = 0; d < nFeatures; d++) row[d] += typeof shift === 'number' ? shift : shift[d];
  const scale = opts.scale === undefined ? 1 : opts.scale === null ? Array.from(gen.uniform(0, 1, nFeatures), (u) => 1 + 100 * u) : opts.scale;
  for (const row of X) for (let d = 0; d < nFeatures; d++) row[d] *= typeof scale === 'number' ? scale : scale[d];

  let indices = Array.from({ length: nFeatures }, (_, i) => i);
  let rows = X;
  let labels = y;
  if (shuffle) {
    [rows, labels] = shuffleRows(gen, X, y);
    indices = gen.shuffle(indices);
    rows = rows.map((row) => indices.map((i) => row[i]));
  }
  const featureInfo = indices.map((i) => (i < nInformative ? 'informative' : i < n ? 'redundant' : i < n + nRepeated ? 'repeated' : 'random'));
  return { X: rows, y: labels, featureInfo };
}

function classWeights(weights: number[] | null, nClasses: number): number[] {
  if (weights === null) return new Array(nClasses).fill(1 / nClasses);
  if (weights.length === nClasses) return [...weights];
  if (weights.length === nClasses - 1) return [...weights, 1 - weights.reduce((a, b) => a + b, 0)];
  throw new RangeError(`makeClassification: weights has ${weights.length} values for ${nClasses} classes`);
}

function fillColumns(X: number[][], from: number, width: number, flat: Float64Array): void {
  X.forEach((row, r) => {
    for (let d = 0; d < width; d++) row[from + d] = flat[r * width + d];
  });
}

function matrix(flat: Float64Array, cols: number): number[][] {
  return Array.from({ length: flat.length / cols }, (_, r) => Array.from(flat.subarray(r * cols, (r + 1) * cols)));
}
