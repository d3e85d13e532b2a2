/**
 * Univariate outlier rules over a numeric column (one number per row, NaN
 * missing): Tukey's IQR fences (Q1 − k·IQR, Q3 + k·IQR, quartiles as
 * NumPy's/pandas' linear quantiles), |z| > 3 (population standard deviation,
 * as scipy.stats.zscore) and the modified z-score of Iglewicz and Hoaglin
 * (0.6745 (x − median) / MAD > 3.5). Statistics use the finite values;
 * ±Infinity is always an outlier. Besides the counts at the chosen k, the
 * counts and box-plot whiskers for every k on a 0.1 grid from 0.5 to 5 are
 * gathered in the same pass, so a panel can move k without the data.
 */
import { quantilesInPlace } from '../data/select.js';

export interface FenceOptions {
  /** Tukey's k (default 1.5). */
  k?: number;
  /** |z| above this is an outlier (default 3). */
  z?: number;
  /** Modified z above this is an outlier (default 3.5). */
  modifiedZ?: number;
}

export const K_GRID = Array.from({ length: 46 }, (_, i) => Math.round((0.5 + i * 0.1) * 10) / 10);

export interface ColumnFences {
  /** Finite values (the statistics' n), missing (null/NaN) and infinite ones. */
  count: number;
  missing: number;
  infinite: number;
  min: number;
  max: number;
  q1: number;
  median: number;
  q3: number;
  iqr: number;
  k: number;
  lower: number;
  upper: number;
  /** Values below / above the IQR fences (infinities included). */
  low: number;
  high: number;
  /** Box-plot whiskers: the most extreme values inside the fences. */
  whiskerLow: number;
  whiskerHigh: number;
  mean: number;
  std: number;
  zThreshold: number;
  zCount: number;
  mad: number;
  modifiedZThreshold: number;
  /** 0 when MAD is 0 (the modified z is then undefined and flags nothing). */
  madCount: number;
  /** For each k of K_GRID: outliers below, above, and the whiskers. */
  grid: { low: number[]; high: number[]; whiskerLow: number[]; whiskerHigh: number[] };
}

/** How many grid ks lie below `excess` (a value's distance beyond its quartile, in IQRs): it is an outlier for exactly those. */
const gridIndex = (excess: number): number => {
  if (excess <= 0.5) return 0;
  // Rounded to 1e-9 IQR first, so a value exactly on a grid fence (0.6 IQR out) is not pushed past it by float error.
  const g = Math.ceil(Math.round((excess - 0.5) * 1e9) / 1e8);
  return g < K_GRID.length ? g : K_GRID.length;
};

/** Quartiles, IQR/z/modified-z fences and outlier counts of one column (one number per row, NaN missing), and the counts for every k of K_GRID. */
export function fences(values: ArrayLike<number>, opts: FenceOptions = {}): ColumnFences {
  const { k = 1.5, z = 3, modifiedZ = 3.5 } = opts;
  if (!(k >= 0)) throw new RangeError(`k must be ≥ 0, got ${k}`);
  const n = values.length;
  const finite = new Float64Array(n);
  let m = 0, missing = 0, infinite = 0, negInf = 0, sum = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x !== x) missing++;
    else if (x === Infinity || x === -Infinity) {
      infinite++;
      if (x < 0) negInf++;
    }
    else {
      finite[m++] = x;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  const xs = finite.subarray(0, m);
  const mean = m ? sum / m : NaN;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += (xs[i] - mean) ** 2;
  const std = m ? Math.sqrt(ss / m) : NaN;
  // One scratch array: quartiles by selection (reorders it), then the absolute deviations for the MAD.
  const work = Float64Array.from(xs);
  const [q1, median, q3] = quantilesInPlace(work, [0.25, 0.5, 0.75]);
  for (let i = 0; i < m; i++) work[i] = Math.abs(xs[i] - median);
  const mad = m ? quantilesInPlace(work, [0.5])[0] : NaN;
  const iqr = q3 - q1;
  const lower = q1 - k * iqr, upper = q3 + k * iqr;
  const G = K_GRID.length;
  // Per grid cell: values whose distance beyond the quartiles, in IQRs, first exceeds that k.
  const lowAt = new Float64Array(G + 1), highAt = new Float64Array(G + 1);
  const lowMin = new Float64Array(G + 1).fill(Infinity), highMax = new Float64Array(G + 1).fill(-Infinity);
  let low = 0, high = 0, zCount = 0, madCount = 0, wLo = Infinity, wHi = -Infinity, boxMin = Infinity, boxMax = -Infinity;
  const zLo = mean - z * std, zHi = mean + z * std;
  const madScale = mad / 0.6745;
  for (let i = 0; i < m; i++) {
    const x = xs[i];
    if (x < lower) low++;
    else if (x > upper) high++;
    else {
      if (x < wLo) wLo = x;
      if (x > wHi) wHi = x;
    }
    if (std > 0 && (x < zLo || x > zHi)) zCount++;
    if (mad > 0 && Math.abs(x - median) > modifiedZ * madScale) madCount++;
    if (x >= q1 && x < boxMin) boxMin = x;
    if (x <= q3 && x > boxMax) boxMax = x;
    // With IQR 0 every value off the quartiles is an outlier whatever k is: the last cell.
    if (x < q1) {
      const g = iqr > 0 ? gridIndex((q1 - x) / iqr) : G;
      lowAt[g]++;
      if (x < lowMin[g]) lowMin[g] = x;
    } else if (x > q3) {
      const g = iqr > 0 ? gridIndex((x - q3) / iqr) : G;
      highAt[g]++;
      if (x > highMax[g]) highMax[g] = x;
    }
  }
  const grid = { low: [] as number[], high: [] as number[], whiskerLow: [] as number[], whiskerHigh: [] as number[] };
  if (m) {
    // A value in cell g exceeds K_GRID[g - 1] and not K_GRID[g]: at k = K_GRID[j] the outliers are the cells > j.
    let below = 0, above = 0;
    for (let g = 0; g <= G; g++) { below += lowAt[g]; above += highAt[g]; }
    let wl = boxMin, wh = boxMax;
    for (let j = 0; j < G; j++) {
      below -= lowAt[j];
      above -= highAt[j];
      if (lowMin[j] < wl) wl = lowMin[j];
      if (highMax[j] > wh) wh = highMax[j];
      grid.low.push(below + negInf);
      grid.high.push(above + infinite - negInf);
      grid.whiskerLow.push(wl);
      grid.whiskerHigh.push(wh);
    }
  }
  return {
    count: m, missing, infinite, min: m ? min : NaN, max: m ? max : NaN, q1, median, q3, iqr, k, lower, upper,
    low: low + negInf, high: high + infinite - negInf,
    whiskerLow: m ? wLo : NaN, whiskerHigh: m ? wHi : NaN,
    mean, std, zThreshold: z, zCount: zCount + infinite, mad, modifiedZThreshold: modifiedZ, madCount: mad > 0 ? madCount + infinite : 0,
    grid,
  };
}

export type FenceRule = 'iqr' | 'z' | 'mad';

/** Rows (0-based) a rule flags in `values`, given the column's fences. */
export function flaggedRows(values: ArrayLike<number>, f: ColumnFences, rule: FenceRule): number[] {
  const out: number[] = [];
  const madScale = f.mad / 0.6745;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x !== x) continue;
    const inf = x === Infinity || x === -Infinity;
    const hit =
      rule === 'iqr' ? x < f.lower || x > f.upper
        : rule === 'z' ? inf || (f.std > 0 && Math.abs(x - f.mean) > f.zThreshold * f.std)
          : f.mad > 0 && (inf || Math.abs(x - f.median) > f.modifiedZThreshold * madScale);
    if (hit) out.push(i);
  }
  return out;
}
