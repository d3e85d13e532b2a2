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
import { cellAt, valuesAtRanks } from './bin-select.js';
import { fenceCountsByCells, gridIndex, type FenceCounts, type FenceLimits } from './fences-cells.js';
import { linearFrom, linearRanks } from './order-statistics.js';

export interface FenceOptions {
  /** Tukey's k (default 1.5). */
  k?: number;
  /** |z| above this is an outlier (default 3). */
  z?: number;
  /** Modified z above this is an outlier (default 3.5). */
  modifiedZ?: number;
  /** Also return the `extremes` smallest and largest finite values (what a box plot draws as dots). */
  extremes?: number;
}

/** Scratch arrays (each at least as long as the column) for callers that compute fences column after column. */
export interface FenceScratch {
  finite: Float64Array;
  deviations: Float64Array;
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
  /** With the `extremes` option: the smallest and then the largest finite values, ascending, each value once. */
  extremes?: number[];
}

/**
 * Quartiles, IQR/z/modified-z fences and outlier counts of one column (one
 * number per row, NaN missing), and the counts for every k of K_GRID. The
 * column is read three times and never sorted: the finite values, min, max
 * and sum; the squares and equal-width cell counts over [min, max]; then the
 * values of the few cells every order statistic and limit falls in
 * (fences-cells.ts). Bunched columns, where that last step's checks fail,
 * take the plain passes instead (order statistics through the cells,
 * bin-select.ts, and a pass testing every value against every limit).
 */
export function fences(values: ArrayLike<number>, opts: FenceOptions = {}, scratch?: FenceScratch): ColumnFences {
  const { k = 1.5, z = 3, modifiedZ = 3.5 } = opts;
  if (!(k >= 0)) throw new RangeError(`k must be ≥ 0, got ${k}`);
  const n = values.length;
  const finite = scratch && scratch.finite.length >= n ? scratch.finite : spareFinite(n);
  const s = new Float64Array(7);
  const m = finiteOf(values, finite, s);
  const [missing, infinite, negInf, sum, min, max] = s;
  const xs = finite.subarray(0, m);
  const mean = m ? sum / m : NaN;
  // The squares for the standard deviation and the cell counts for the order statistics in one pass.
  const cells = new Int32Array(m >= CELL_PATH_MIN ? FINE_CELLS : CELLS);
  const std = m ? Math.sqrt(squaresAndCells(xs, mean, min, max - min, cells) / m) : NaN;
  const E = Math.min(opts.extremes ?? 0, m), H = Math.max(0, Math.min(E, m - E));
  const limits: FenceLimits = { k, z, modifiedZ, kGrid: K_GRID, E, H };
  // Large columns: one more pass over the cells that matter; else (or where its checks fail) the plain passes.
  const c = (m >= CELL_PATH_MIN && fenceCountsByCells(xs, min, max, mean, std, cells, limits)) || fenceCountsByScan(xs, min, max, mean, std, cells, limits, scratch);
  const { q1, median, q3, mad } = c;
  const iqr = q3 - q1;
  const out: ColumnFences = {
    count: m, missing, infinite, min: m ? min : NaN, max: m ? max : NaN, q1, median, q3, iqr, k, lower: q1 - k * iqr, upper: q3 + k * iqr,
    low: c.low + negInf, high: c.high + infinite - negInf,
    whiskerLow: m ? c.wLo : NaN, whiskerHigh: m ? c.wHi : NaN,
    mean, std, zThreshold: z, zCount: c.zCount + infinite, mad, modifiedZThreshold: modifiedZ, madCount: mad > 0 ? c.madCount + infinite : 0,
    grid: {
      low: c.grid.low.map((v) => v + negInf), high: c.grid.high.map((v) => v + infinite - negInf),
      whiskerLow: c.grid.whiskerLow, whiskerHigh: c.grid.whiskerHigh,
    },
  };
  if (opts.extremes !== undefined) out.extremes = [...c.lows, ...c.highs];
  return out;
}

let spare: WeakRef<Float64Array> | undefined;

/**
 * The finite values' array when the caller passes no scratch: kept (weakly,
 * so memory pressure can take it) for the next column, since allocating and
 * collecting 8 MB per column of a million rows costs more than the pass.
 * Nothing returned refers to it.
 */
function spareFinite(n: number): Float64Array {
  const kept = spare?.deref();
  if (kept && kept.length >= n) return kept;
  const fresh = new Float64Array(n);
  spare = new WeakRef(fresh);
  return fresh;
}

/** Columns from this many finite values take the one-pass cell path (below it the plain passes cost next to nothing). */
const CELL_PATH_MIN = 4096;
/** Its cells: 65,536 counts (256 KB), so the few cells each limit is known to hold few values. */
const FINE_CELLS = 1 << 16;

/**
 * The counts by the plain passes: quartiles and extremes from the cells,
 * the MAD from a second set of cells over the deviations, and a pass
 * testing every value against every limit.
 */
function fenceCountsByScan(xs: Float64Array, min: number, max: number, mean: number, std: number, cells: Int32Array, l: FenceLimits, scratch?: FenceScratch): FenceCounts {
  const { k, z, modifiedZ, E, H } = l;
  const m = xs.length;
  const ranks = linearRanks(m, [0.25, 0.5, 0.75]);
  if (E) ranks.push(E - 1);
  if (H) ranks.push(m - H);
  const at = m ? valuesAtRanks(xs, min, max - min, cells, ranks) : new Map<number, number>();
  const [q1, median, q3] = m ? [0.25, 0.5, 0.75].map((p) => linearFrom(m, p, at)) : [NaN, NaN, NaN];
  let mad = NaN;
  if (m) {
    const dev = scratch && scratch.deviations.length >= m ? scratch.deviations.subarray(0, m) : new Float64Array(m);
    // The largest deviation is at the min or the max, computed as the pass computes it.
    const top = Math.max(Math.abs(min - median), Math.abs(max - median));
    const dcells = new Int32Array(cells.length);
    deviationsAndCells(xs, median, dev, top, dcells);
    mad = linearFrom(m, 0.5, valuesAtRanks(dev, 0, top, dcells, linearRanks(m, [0.5])));
  }
  const iqr = q3 - q1;
  const lower = q1 - k * iqr, upper = q3 + k * iqr;
  const G = K_GRID.length;
  // Per grid cell: values whose distance beyond the quartiles, in IQRs, first exceeds that k.
  const lowAt = new Float64Array(G + 1), highAt = new Float64Array(G + 1);
  const lowMin = new Float64Array(G + 1).fill(Infinity), highMax = new Float64Array(G + 1).fill(-Infinity);
  const c = new Float64Array(7);
  const limits: Limits = { q1, q3, iqr, lower, upper, median, zLo: mean - z * std, zHi: mean + z * std, std, mad, madLimit: modifiedZ * (mad / 0.6745) };
  const ext = { lows: new Float64Array(E), highs: new Float64Array(H), vLow: E ? at.get(E - 1)! : NaN, vHigh: H ? at.get(m - H)! : NaN, a: 0, b: 0 };
  countOutliers(xs, limits, lowAt, highAt, lowMin, highMax, c, ext);
  const [low, high, zCount, madCount, wLo, wHi] = c;
  const boxMin = m ? boxEdge(xs, at, m, 0.25, q1, 1) : Infinity, boxMax = m ? boxEdge(xs, at, m, 0.75, q3, -1) : -Infinity;
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
      grid.low.push(below);
      grid.high.push(above);
      grid.whiskerLow.push(wl);
      grid.whiskerHigh.push(wh);
    }
  }
  // Values beyond the e-th smallest and h-th largest were gathered with the outliers; ties with those two fill the rest.
  ext.lows.fill(ext.vLow, ext.a);
  ext.highs.fill(ext.vHigh, ext.b);
  return { q1, median, q3, mad, low, high, zCount, madCount, wLo, wHi, grid, lows: ext.lows.sort(), highs: ext.highs.sort() };
}

/**
 * The smallest value ≥ q (side 1, q the first quartile) or the largest ≤ q
 * (side −1, the third), where the whiskers start. q interpolates between
 * the values at ranks r and r + 1 (in `at`) and no value lies strictly
 * between those two, so the answer is one of them; only if rounding put q
 * outside them is the column read again.
 */
function boxEdge(xs: Float64Array, at: Map<number, number>, m: number, p: number, q: number, side: 1 | -1): number {
  const r = Math.floor((m - 1) * p);
  const a = at.get(r)!, b = at.get(Math.min(r + 1, m - 1)) ?? a;
  if (side === 1 ? q === a : q === b) return q;
  if (side === 1 ? q > a && q <= b : q >= a && q < b) return side === 1 ? b : a;
  let best = side === 1 ? Infinity : -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (side === 1 ? x >= q && x < best : x <= q && x > best) best = x;
  }
  return best;
}

/** Cells for the order statistics: 16,384 counts (64 KB). */
const CELLS = 1 << 14;

// The passes over a column, alone in their functions so V8 keeps them optimised between calls.

/**
 * Copies the finite values into `finite`; writes [missing, infinite, −∞,
 * sum, min, max, record updates] into `s`; returns the finite count. Every
 * value is written and the count moves by (x − x + 1) | 0 (1 when finite, 0
 * for NaN and ±Infinity), so missing values cost no branch to mispredict;
 * NaN fails every comparison, so it never becomes the min or max. The update
 * counter keeps `if (x < min) min = x` a branch, which new records rarely
 * take: compiled to a select instead it chains every value to the last.
 */
function finiteOf(values: ArrayLike<number>, finite: Float64Array, s: Float64Array): number {
  let m = 0, infinite = 0, negInf = 0, sum = 0, min = Infinity, max = -Infinity, records = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    finite[m] = x;
    const d = x - x;
    m += (d + 1) | 0;
    sum += d === 0 ? x : 0;
    if (x < min) {
      min = x;
      records++;
    }
    if (x > max) {
      max = x;
      records++;
    }
    if (d !== 0 && (x === Infinity || x === -Infinity)) {
      infinite++;
      if (x < 0) negInf++;
    }
  }
  if (infinite) {
    // The infinities took part in the min and max: only the finite values count.
    min = Infinity;
    max = -Infinity;
    for (let i = 0; i < m; i++) {
      if (finite[i] < min) min = finite[i];
      if (finite[i] > max) max = finite[i];
    }
  }
  s[0] = values.length - m - infinite;
  s[1] = infinite;
  s[2] = negInf;
  s[3] = sum;
  s[4] = min;
  s[5] = max;
  s[6] = records;
  return m;
}

/** Σ (x − mean)², counting each value into `cells` equal cells from lo to lo + span on the way. */
function squaresAndCells(xs: Float64Array, mean: number, lo: number, span: number, cells: Int32Array): number {
  const n = cells.length;
  let ss = 0;
  if (!(span > 0 && span < Infinity)) {
    for (let i = 0; i < xs.length; i++) ss += (xs[i] - mean) ** 2;
    return ss;
  }
  const scale = n / span;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    ss += (x - mean) ** 2;
    cells[cellAt(x, lo, scale, n)]++;
  }
  return ss;
}

/** |x − median| into `dev`, counted into `cells` over [0, top]. */
function deviationsAndCells(xs: Float64Array, median: number, dev: Float64Array, top: number, cells: Int32Array): void {
  const n = cells.length;
  const count = top > 0 && top < Infinity;
  const scale = n / top;
  for (let i = 0; i < xs.length; i++) {
    const d = Math.abs(xs[i] - median);
    dev[i] = d;
    if (count) cells[cellAt(d, 0, scale, n)]++;
  }
}

interface Limits {
  q1: number; q3: number; iqr: number; lower: number; upper: number; median: number;
  zLo: number; zHi: number; std: number; mad: number; madLimit: number;
}

/**
 * Counts outliers under each rule and per grid cell; writes [low, high, z,
 * mad, whisker low, whisker high, record updates] into
 * `c`. Most values lie strictly inside every limit and within half an IQR
 * of the box (grid cell 0, which no k flags): those only move the box and
 * whisker extremes, so they take a short path of predictable comparisons
 * (the box's own edges are order statistics, see boxEdge);
 * the interval is shrunk by a margin above rounding so a value near a limit
 * always gets the exact tests.
 */
function countOutliers(xs: Float64Array, l: Limits, lowAt: Float64Array, highAt: Float64Array, lowMin: Float64Array, highMax: Float64Array, c: Float64Array, ext: Extremes): void {
  const { q1, q3, iqr, lower, upper, median, zLo, zHi, std, mad, madLimit } = l;
  const G = K_GRID.length;
  let a = Math.max(lower, q1 - 0.5 * iqr, std > 0 ? zLo : -Infinity, mad > 0 ? median - madLimit : -Infinity);
  let b = Math.min(upper, q3 + 0.5 * iqr, std > 0 ? zHi : Infinity, mad > 0 ? median + madLimit : Infinity);
  // The extremes are gathered on the long path too: it must take every value beyond them.
  if (ext.vLow > a) a = ext.vLow;
  if (ext.vHigh < b) b = ext.vHigh;
  const margin = 1e-9 * (b - a) + 1e-15 * (Math.abs(a) + Math.abs(b) + Math.abs(q1) + Math.abs(q3) + Math.abs(median));
  const inA = a + margin, inB = b - margin;
  const { lows, highs, vLow, vHigh } = ext;
  let na = 0, nb = 0;
  let low = 0, high = 0, zCount = 0, madCount = 0, wLo = Infinity, wHi = -Infinity, records = 0;
  let innerMin = Infinity, innerMax = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    // Record counters keep the extreme updates branches (see finiteOf).
    if (x > inA && x < inB) {
      if (x < innerMin) {
        innerMin = x;
        records++;
      }
      if (x > innerMax) {
        innerMax = x;
        records++;
      }
      continue;
    }
    if (x < vLow) lows[na++] = x;
    else if (x > vHigh) highs[nb++] = x;
    if (x < lower) low++;
    else if (x > upper) high++;
    else {
      if (x < wLo) wLo = x;
      if (x > wHi) wHi = x;
    }
    if (std > 0 && (x < zLo || x > zHi)) zCount++;
    if (mad > 0 && Math.abs(x - median) > madLimit) madCount++;
    // With IQR 0 every value off the quartiles is an outlier whatever k is: the last cell.
    if (x < q1) {
      const g = iqr > 0 ? gridIndex((q1 - x) / iqr, K_GRID) : G;
      lowAt[g]++;
      if (x < lowMin[g]) lowMin[g] = x;
    } else if (x > q3) {
      const g = iqr > 0 ? gridIndex((x - q3) / iqr, K_GRID) : G;
      highAt[g]++;
      if (x > highMax[g]) highMax[g] = x;
    }
  }
  // Inner values are inside the fences, and below q1 (above q3) they sit in grid cell 0, whose count no k reads.
  wLo = Math.min(wLo, innerMin);
  wHi = Math.max(wHi, innerMax);
  if (innerMin < q1 && innerMin < lowMin[0]) lowMin[0] = innerMin;
  if (innerMax > q3 && innerMax > highMax[0]) highMax[0] = innerMax;
  c[0] = low;
  c[1] = high;
  c[2] = zCount;
  c[3] = madCount;
  c[4] = wLo;
  c[5] = wHi;
  c[6] = records;
  ext.a = na;
  ext.b = nb;
}

/** The extremes being gathered: values below `vLow` (the e-th smallest) into `lows`, above `vHigh` into `highs`; `a`, `b` how many. */
interface Extremes {
  lows: Float64Array;
  highs: Float64Array;
  vLow: number;
  vHigh: number;
  a: number;
  b: number;
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
