/**
 * `classification`: sklearn's `make_classification` recipe, for logistic regression.
 *
 * Schema: x0 … x{features-1} (float), label (int, 0 … classes-1). Columns come in a
 *         fixed order (sklearn shuffles them; here they stay put so a lab can name
 *         them): `informative`, then `redundant`, then `repeated`, then pure noise.
 * Model:  classes·clustersPerClass Gaussian clusters, each centred on a distinct
 *         vertex of the hypercube [-classSep, classSep]^informative. A cluster's points
 *         are N(0, I)·A + vertex with its own random A (entries uniform in [-1, 1]), so
 *         clusters are elongated and correlated. Cluster j belongs to class j mod classes.
 *         Redundant features are informative·B (B uniform in [-1, 1]); repeated ones copy
 *         random earlier columns; the rest are N(0, 1) noise. Then a fraction `flipY` of
 *         labels is replaced by a uniform random class, and rows are shuffled.
 * A fit should recover: noise columns carry no signal; with clustersPerClass 1 the
 *         classes are linearly separable up to overlap and the `flipY` labels, so a
 *         logistic regression's accuracy approaches 1 - flipY·(classes-1)/classes as classSep grows.
 */
import * as aq from 'arquero';
import { normal, permutation, randInt, resolveRng, uniform, type RandomOptions, type Rng } from '../random.js';
import { featureNames, requirePositiveInt } from '../util.js';
import { knownOptions } from '../options.js';

export interface ClassificationOptions extends RandomOptions {
  n?: number;
  features?: number;
  informative?: number;
  redundant?: number;
  repeated?: number;
  classes?: number;
  clustersPerClass?: number;
  /** Class proportions (normalised); equal when omitted. */
  weights?: number[];
  flipY?: number;
  classSep?: number;
  /** false: vertices are scaled by random factors, so clusters sit less regularly. */
  hypercube?: boolean;
  shift?: number;
  scale?: number;
}

export function classification(opts: ClassificationOptions = {}) {
  knownOptions('classification', opts, ['n', 'features', 'informative', 'redundant', 'repeated', 'classes', 'clustersPerClass', 'weights', 'flipY', 'classSep', 'hypercube', 'shift', 'scale', 'rng', 'seed']);
  const {
    n = 1000, features = 20, informative = 2, redundant = 2, repeated = 0, classes = 2,
    clustersPerClass = 2, flipY = 0.01, classSep = 1, hypercube = true, shift = 0, scale = 1,
  } = opts;
  requirePositiveInt('n', n);
  requirePositiveInt('informative', informative);
  requirePositiveInt('classes', classes, 2);
  requirePositiveInt('clustersPerClass', clustersPerClass);
  if (informative + redundant + repeated > features) {
    throw new RangeError(`informative + redundant + repeated (${informative + redundant + repeated}) exceeds features (${features})`);
  }
  const clusters = classes * clustersPerClass;
  if (clusters > 2 ** informative) {
    throw new RangeError(`classes·clustersPerClass (${clusters}) must be at most 2^informative (${2 ** informative})`);
  }
  const weights = normaliseWeights(opts.weights, classes);
  const rng = resolveRng(opts);

  const sizes = clusterSizes(n, weights, clustersPerClass);
  const centroids = hypercubeVertices(rng, clusters, informative).map((v) => v.map((b) => (2 * b - 1) * classSep));
  if (!hypercube) {
    const perCluster = centroids.map(() => rng());
    const perAxis = Array.from({ length: informative }, () => rng());
    centroids.forEach((c, j) => c.forEach((_, d) => (c[d] *= perCluster[j] * perAxis[d])));
  }

  const rows: number[][] = [];
  const label: number[] = [];
  centroids.forEach((centroid, j) => {
    const a = randomMatrix(rng, informative, informative);
    for (let i = 0; i < sizes[j]; i++) {
      const z = Array.from({ length: informative }, () => normal(rng));
      rows.push(matVec(z, a).map((v, d) => v + centroid[d]));
      label.push(j % classes);
    }
  });

  const b = randomMatrix(rng, informative, redundant);
  const sources = Array.from({ length: repeated }, () => randInt(rng, informative + redundant));
  for (const row of rows) {
    row.push(...matVec(row.slice(0, informative), b));
    for (const s of sources) row.push(row[s]);
    for (let d = row.length; d < features; d++) row.push(normal(rng));
  }
  for (let i = 0; i < n; i++) if (rng() < flipY) label[i] = randInt(rng, classes);

  const order = permutation(rng, n);
  const columns: Record<string, number[]> = {};
  featureNames(features).forEach((name, d) => (columns[name] = Array.from(order, (r) => (rows[r][d] + shift) * scale)));
  columns.label = Array.from(order, (r) => label[r]);
  return aq.table(columns);
}

function normaliseWeights(weights: number[] | undefined, classes: number): number[] {
  if (!weights) return new Array(classes).fill(1 / classes);
  if (weights.length !== classes || weights.some((w) => !(w >= 0))) {
    throw new RangeError(`weights needs ${classes} non-negative numbers`);
  }
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / total);
}

/** sklearn's split: each cluster gets its class's share, then leftovers go round-robin. */
function clusterSizes(n: number, weights: number[], perClass: number): number[] {
  const clusters = weights.length * perClass;
  const sizes = Array.from({ length: clusters }, (_, j) => Math.floor((n * weights[j % weights.length]) / perClass));
  for (let j = 0, left = n - sizes.reduce((s, v) => s + v, 0); left > 0; j = (j + 1) % clusters, left--) sizes[j]++;
  return sizes;
}

/** `count` distinct 0/1 vectors of length `dims`, drawn uniformly. */
function hypercubeVertices(rng: Rng, count: number, dims: number): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  while (out.length < count) {
    const v = Array.from({ length: dims }, () => (rng() < 0.5 ? 0 : 1));
    const key = v.join('');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

function randomMatrix(rng: Rng, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => uniform(rng, -1, 1)));
}

/** Row vector times matrix. */
function matVec(v: number[], m: number[][]): number[] {
  const cols = m.length ? m[0].length : 0;
  const out = new Array<number>(cols).fill(0);
  for (let i = 0; i < v.length; i++) for (let j = 0; j < cols; j++) out[j] += v[i] * m[i][j];
  return out;
}
