/**
 * `blobs`: isotropic Gaussian clusters for k-means (sklearn's `make_blobs`).
 *
 * Schema: x0 … x{dims-1} (float), label (int, 0 … k-1: the cluster that drew the point).
 * Model:  k centres; centre c is given, or drawn uniformly in `centerBox` on every
 *         axis. Point i of cluster c is centre_c + clusterStd_c·ε, ε ~ N(0, I).
 *         Clusters get n/k points each (the first n mod k one more); rows are shuffled.
 * A fit should recover: k-means with k clusters finds the centres to within about
 *         clusterStd/√(n/k) when they are farther apart than a few clusterStd; the
 *         per-label means of the table are the empirical centres.
 */
import * as aq from 'arquero';
import { normal, permutation, resolveRng, uniform, type RandomOptions } from '../random.js';
import { featureNames, requirePositiveInt } from '../util.js';
import { knownOptions } from '../options.js';

export interface BlobsOptions extends RandomOptions {
  n?: number;
  /** How many clusters (centres drawn in `centerBox`), or the centres themselves. */
  centers?: number | number[][];
  /** One standard deviation for every cluster, or one per cluster. */
  clusterStd?: number | number[];
  dims?: number;
  centerBox?: [number, number];
}

export function blobs(opts: BlobsOptions = {}) {
  knownOptions('blobs', opts, ['n', 'centers', 'clusterStd', 'dims', 'centerBox', 'rng', 'seed']);
  const { n = 10_000, clusterStd = 1, centerBox = [-10, 10] } = opts;
  requirePositiveInt('n', n);
  const rng = resolveRng(opts);
  const centers = resolveCenters(opts, rng, centerBox);
  const k = centers.length;
  const dims = centers[0].length;
  const stds = typeof clusterStd === 'number' ? centers.map(() => clusterStd) : clusterStd;
  if (stds.length !== k) throw new RangeError(`clusterStd has ${stds.length} values for ${k} clusters`);

  const cols: number[][] = Array.from({ length: dims }, () => new Array<number>(n));
  const label = new Array<number>(n);
  let row = 0;
  for (let c = 0; c < k; c++) {
    const size = Math.floor(n / k) + (c < n % k ? 1 : 0);
    for (let i = 0; i < size; i++, row++) {
      for (let d = 0; d < dims; d++) cols[d][row] = centers[c][d] + stds[c] * normal(rng);
      label[row] = c;
    }
  }
  // Shuffle so that a head() or a partition of the rows is not one cluster.
  const order = permutation(rng, n);
  const columns: Record<string, number[]> = {};
  featureNames(dims).forEach((name, d) => (columns[name] = Array.from(order, (r) => cols[d][r])));
  columns.label = Array.from(order, (r) => label[r]);
  return aq.table(columns);
}

function resolveCenters(opts: BlobsOptions, rng: () => number, box: [number, number]): number[][] {
  const { centers = 5 } = opts;
  if (Array.isArray(centers)) {
    if (centers.length === 0) throw new RangeError('centers is empty');
    const dims = centers[0].length;
    if (opts.dims !== undefined && opts.dims !== dims) {
      throw new RangeError(`dims is ${opts.dims} but the centres have ${dims} coordinates`);
    }
    if (centers.some((c) => c.length !== dims)) throw new RangeError('every centre needs the same number of coordinates');
    return centers;
  }
  requirePositiveInt('centers', centers);
  const dims = requirePositiveInt('dims', opts.dims ?? 2);
  return Array.from({ length: centers }, () => Array.from({ length: dims }, () => uniform(rng, box[0], box[1])));
}
