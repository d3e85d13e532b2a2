/**
 * `makeBlobs`: scikit-learn's `make_blobs`, ported draw for draw, so
 * `makeBlobs({ nSamples: 10000, nFeatures: 2, centers: 5, randomState: 12345 })`
 * gives the points of `make_blobs(n_samples=10000, n_features=2, centers=5,
 * random_state=12345)` (the map-reduce lab's k-means data).
 *
 * Recipe (sklearn 1.x): centres uniform in `centerBox` (k × nFeatures draws),
 * then for each centre in turn its points as normal(centre, std); rows are
 * shuffled with the same stream (`sklearn.utils.shuffle`). Centre i gets
 * nSamples // k points, the first nSamples % k one more.
 * Exactness: uniform draws and labels are bit for bit; coordinates are too but
 * for the rare normals where glibc's `log` is not correctly rounded (≈ 0.1 %,
 * 1-2 ulp; see numpy/log.ts).
 */
import { checkRandomState, type RandomStateLike } from './random-state.js';
import { shuffleRows } from './shuffle.js';

export interface MakeBlobsOptions {
  /** Total points, or the points of each centre (then `centers` must match or be omitted). */
  nSamples?: number | number[];
  nFeatures?: number;
  /** How many centres (drawn in `centerBox`), or the centres themselves. Default 3 (sklearn's). */
  centers?: number | number[][];
  clusterStd?: number | number[];
  centerBox?: [number, number];
  shuffle?: boolean;
  randomState?: RandomStateLike;
}

export interface Blobs {
  /** nSamples rows of nFeatures coordinates. */
  X: number[][];
  /** The centre each row was drawn around, 0 … k-1. */
  y: number[];
  centers: number[][];
}

export function makeBlobs(opts: MakeBlobsOptions = {}): Blobs {
  const { nSamples = 100, clusterStd = 1, centerBox = [-10, 10], shuffle = true } = opts;
  let nFeatures = opts.nFeatures ?? 2;
  const gen = checkRandomState(opts.randomState);
  let centers: number[][];
  const k = Array.isArray(nSamples) ? nSamples.length : typeof opts.centers === 'number' || opts.centers === undefined ? opts.centers ?? 3 : opts.centers.length;
  if (Array.isArray(opts.centers)) {
    centers = opts.centers.map((c) => [...c]);
    if (centers.length === 0 || centers.some((c) => c.length !== centers[0].length)) {
      throw new RangeError('makeBlobs: centers must be a non-empty list of points with the same number of coordinates');
    }
    if (Array.isArray(nSamples) && nSamples.length !== centers.length) {
      throw new RangeError(`makeBlobs: nSamples lists ${nSamples.length} sizes for ${centers.length} centers`);
    }
    nFeatures = centers[0].length;
  } else {
    if (Array.isArray(nSamples) && typeof opts.centers === 'number' && opts.centers !== nSamples.length) {
      throw new RangeError(`makeBlobs: nSamples lists ${nSamples.length} sizes but centers is ${opts.centers}`);
    }
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`makeBlobs: centers must be a positive integer, got ${k}`);
    if (!Number.isInteger(nFeatures) || nFeatures < 1) throw new RangeError(`makeBlobs: nFeatures must be a positive integer, got ${nFeatures}`);
    const flat = gen.uniform(centerBox[0], centerBox[1], [k, nFeatures]);
    centers = Array.from({ length: k }, (_, i) => Array.from(flat.subarray(i * nFeatures, (i + 1) * nFeatures)));
  }
  const stds = typeof clusterStd === 'number' ? centers.map(() => clusterStd) : clusterStd;
  if (stds.length !== centers.length) {
    throw new RangeError(`makeBlobs: clusterStd has ${stds.length} values for ${centers.length} centers`);
  }
  const sizes = Array.isArray(nSamples)
    ? nSamples
    : centers.map((_, i) => Math.floor(nSamples / centers.length) + (i < nSamples % centers.length ? 1 : 0));

  const X: number[][] = [];
  const y: number[] = [];
  centers.forEach((centre, i) => {
    const flat = gen.normal(centre, stds[i], [sizes[i], nFeatures]);
    for (let r = 0; r < sizes[i]; r++) {
      X.push(Array.from(flat.subarray(r * nFeatures, (r + 1) * nFeatures)));
      y.push(i);
    }
  });
  if (!shuffle) return { X, y, centers };
  const [Xs, ys] = shuffleRows(gen, X, y);
  return { X: Xs, y: ys, centers };
}
