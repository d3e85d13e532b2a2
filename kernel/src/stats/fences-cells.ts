/**
 * The fences of a large column in one more pass after the cell counts.
 * Once the values are counted into equal-width cells (the pass that also
 * sums the squares), every rank is known to a cell and every limit — the
 * quartiles, the IQR fences at each k of the grid, the z and modified-z
 * limits, the MAD's two crossing points around the median — to a few cells.
 * One pass gathers the values of those cells only (a few per cent of the
 * column), sorted cell by cell they give the exact order statistics, and
 * each count is the cells wholly on one side of its limit plus a binary
 * search inside the gathered ones. Every guess is checked exactly against
 * the limits found; where one does not hold (data bunched into a cell, an
 * IQR or MAD of 0), the caller takes the plain passes instead, so results
 * never depend on the guesses.
 */
import { cellAt } from './bin-select.js';
import { linearFrom, linearRanks } from './order-statistics.js';
import { select } from '../data/select.js';

/** The ranks-and-counts part of a column's fences, finite values only (the caller adds the infinities). */
export interface FenceCounts {
  q1: number;
  median: number;
  q3: number;
  mad: number;
  low: number;
  high: number;
  zCount: number;
  madCount: number;
  wLo: number;
  wHi: number;
  grid: { low: number[]; high: number[]; whiskerLow: number[]; whiskerHigh: number[] };
  /** The E smallest and H largest values, ascending. */
  lows: Float64Array;
  highs: Float64Array;
}

export interface FenceLimits {
  k: number;
  z: number;
  modifiedZ: number;
  kGrid: number[];
  /** How many of the smallest and of the largest values to return. */
  E: number;
  H: number;
}

/** A monotone flag: `low` flags are true below a point and false above it, `high` ones the reverse. */
interface Window {
  side: 'low' | 'high';
  a: number;
  b: number;
  ca: number;
  cb: number;
  whisker: boolean;
}

/** Where gridIndex(excess) moves past K_GRID[j]: excess 0.5 + j/10, to 1e-9 IQR. */
export const gridIndex = (excess: number, kGrid: number[]): number => {
  if (excess <= 0.5) return 0;
  // Rounded to 1e-9 IQR first, so a value exactly on a grid fence (0.6 IQR out) is not pushed past it by float error.
  const g = Math.ceil(Math.round((excess - 0.5) * 1e9) / 1e8);
  return g < kGrid.length ? g : kGrid.length;
};

/**
 * The counts of finite `xs` (min, max, mean and std known, `counts` its
 * values per cell over [min, max]), or undefined where a check fails.
 * `buffer` (reused between calls when large enough) holds the gathered values.
 */
export function fenceCountsByCells(xs: Float64Array, min: number, max: number, mean: number, std: number, counts: Int32Array, l: FenceLimits): FenceCounts | undefined {
  const m = xs.length, N = counts.length, span = max - min;
  if (!(span > 0 && span < Infinity) || m < 2) return undefined;
  const prefix = new Float64Array(N + 1);
  for (let c = 0; c < N; c++) prefix[c + 1] = prefix[c] + counts[c];
  const cellOfRank = (r: number) => {
    let lo = 0, hi = N - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (prefix[mid + 1] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const w = span / N;
  const perSpan = N / span;
  const cellOf = (v: number) => cellAt(v, min, perSpan, N);
  const scale = Math.max(Math.abs(min), Math.abs(max));
  // Far above the rounding of cellAt and of the limits' arithmetic, far below a cell.
  const tiny = 1e-12 * (scale + span);
  // Value bounds of a cell.
  const lowOf = (c: number) => Math.max(min, min + w * c - tiny);
  const highOf = (c: number) => Math.min(max, min + w * (c + 1) + tiny);
  const bracket = (p: number): [number, number] => {
    const f = Math.floor((m - 1) * p);
    return [lowOf(cellOfRank(f)), highOf(cellOfRank(Math.min(f + 1, m - 1)))];
  };
  const [q1a, q1b] = bracket(0.25), [ma, mb] = bracket(0.5), [q3a, q3b] = bracket(0.75);
  const iqrA = Math.max(0, q3a - q1b), iqrB = q3b - q1a;
  const pad = tiny;

  // The MAD: the half-width d around the median's cell that the cells say holds half the values.
  const mm = (ma + mb) / 2;
  const madRanks = linearRanks(m, [0.5]);
  const rTop = madRanks[madRanks.length - 1];
  let dLo = 0, dHi = Math.max(mm - min, max - mm);
  for (let it = 0; it < 60 && dHi - dLo > w / 4; it++) {
    const d = (dLo + dHi) / 2;
    if (prefix[cellOf(mm + d) + 1] - prefix[cellOf(mm - d)] > rTop) dHi = d;
    else dLo = d;
  }
  const dHat = dHi, dPad = 2 * w + (mb - ma) + pad;
  const madA = Math.max(0, dHat - dPad - w), madB = dHat + dPad + w;
  const madWindows = [[mm - dHat - dPad, mm - dHat + dPad], [mm + dHat - dPad, mm + dHat + dPad]].map(([a, b]) => [cellOf(a), cellOf(b), a, b]);
  if (madWindows[0][1] >= madWindows[1][0]) return undefined;

  const windows: Window[] = [];
  const add = (side: Window['side'], a: number, b: number, whisker: boolean) => {
    a -= pad;
    b += pad;
    windows.push({ side, a, b, ca: cellOf(a), cb: cellOf(b), whisker });
  };
  const { k, z, modifiedZ, kGrid, E, H } = l;
  add('low', q1a - k * iqrB, q1b - k * iqrA, true);
  add('high', q3a + k * iqrA, q3b + k * iqrB, true);
  for (const kk of kGrid) {
    add('low', q1a - (kk + 1e-8) * iqrB, q1b - Math.max(0, kk - 1e-8) * iqrA, true);
    add('high', q3a + Math.max(0, kk - 1e-8) * iqrA, q3b + (kk + 1e-8) * iqrB, true);
  }
  if (std > 0) {
    add('low', mean - z * std, mean - z * std, false);
    add('high', mean + z * std, mean + z * std, false);
  }
  const limA = (modifiedZ * madA) / 0.6745, limB = (modifiedZ * madB) / 0.6745;
  add('low', ma - limB, mb - limA, false);
  add('high', ma + limA, mb + limB, false);

  // The cells to gather: rank cells, windows (with the next values past a whisker's window), MAD windows, extremes.
  const marked = new Uint8Array(N);
  const mark = (from: number, to: number) => marked.fill(1, Math.max(0, from), Math.min(N - 1, to) + 1);
  const ranks = linearRanks(m, [0.25, 0.5, 0.75]);
  for (const r of ranks) mark(cellOfRank(r), cellOfRank(r));
  for (const win of windows) {
    mark(win.ca, win.cb);
    if (!win.whisker) continue;
    if (win.side === 'low') {
      let c = win.cb + 1;
      while (c < N && counts[c] === 0) c++;
      mark(c, c);
    } else {
      let c = win.ca - 1;
      while (c >= 0 && counts[c] === 0) c--;
      mark(c, c);
    }
  }
  for (const [a, b] of madWindows) mark(a, b);
  if (E) mark(0, cellOfRank(E - 1));
  if (H) mark(cellOfRank(m - H), N - 1);
  const start = new Int32Array(N + 1);
  const pos = new Int32Array(N).fill(-1);
  let total = 0;
  for (let c = 0; c < N; c++) {
    start[c] = total;
    if (marked[c]) {
      pos[c] = total;
      total += counts[c];
    }
  }
  start[N] = total;
  // Bunched data leaves too little outside the gathered cells to be worth it.
  if (total > m / 8) return undefined;
  const buf = new Float64Array(total);
  const bits = new Int32Array(N >>> 5);
  for (let c = 0; c < N; c++) if (marked[c]) bits[c >>> 5] |= 1 << (c & 31);
  gatherCells(xs, min, perSpan, bits, pos, buf);
  for (let c = 0; c < N; c++) if (marked[c] && counts[c] > 1) buf.subarray(start[c], start[c] + counts[c]).sort();

  const valueAt = (r: number) => {
    const c = cellOfRank(r);
    return buf[start[c] + r - prefix[c]];
  };
  const at = new Map(ranks.map((r) => [r, valueAt(r)]));
  const [q1, median, q3] = [0.25, 0.5, 0.75].map((p) => linearFrom(m, p, at));
  const mad = madFrom(buf, start, prefix, madWindows, median, m, madRanks);
  if (mad === undefined) return undefined;
  const iqr = q3 - q1, lower = q1 - k * iqr, upper = q3 + k * iqr;
  const zLo = mean - z * std, zHi = mean + z * std, madLimit = modifiedZ * (mad / 0.6745);
  const G = kGrid.length;

  /** Count and whisker under a flag, or undefined when the window does not hold its crossing. */
  const count = (win: Window, flag: (x: number) => boolean): { n: number; whisker: number } | undefined => {
    const low = win.side === 'low';
    if (flag(win.a) !== low || flag(win.b) === low) return undefined;
    const from = start[win.ca], to = start[win.cb + 1];
    // Flagged values form a prefix (low) or a suffix (high) of the sorted window.
    let lo = from, hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (flag(buf[mid]) === low) lo = mid + 1;
      else hi = mid;
    }
    if (low) {
      const after = lo < to ? -1 : nextCell(counts, win.cb + 1, 1);
      if (after >= N) return undefined;
      return { n: prefix[win.ca] + (lo - from), whisker: after < 0 ? buf[lo] : buf[start[after]] };
    }
    const before = lo > from ? N : nextCell(counts, win.ca - 1, -1);
    if (before < 0) return undefined;
    return { n: m - prefix[win.cb + 1] + (to - lo), whisker: before === N ? buf[lo - 1] : buf[start[before] + counts[before] - 1] };
  };
  const gridFlag = (side: 'low' | 'high', j: number) =>
    side === 'low'
      ? (x: number) => x < q1 && (iqr > 0 ? gridIndex((q1 - x) / iqr, kGrid) : G) > j
      : (x: number) => x > q3 && (iqr > 0 ? gridIndex((x - q3) / iqr, kGrid) : G) > j;
  const results: ({ n: number; whisker: number } | undefined)[] = [];
  let w0 = 0;
  results.push(count(windows[w0++], (x) => x < lower), count(windows[w0++], (x) => x > upper));
  for (let j = 0; j < G; j++) results.push(count(windows[w0++], gridFlag('low', j)), count(windows[w0++], gridFlag('high', j)));
  if (std > 0) results.push(count(windows[w0++], (x) => x < zLo), count(windows[w0++], (x) => x > zHi));
  if (mad > 0) results.push(count(windows[w0++], (x) => x < median && Math.abs(x - median) > madLimit), count(windows[w0++], (x) => x > median && Math.abs(x - median) > madLimit));
  if (results.some((r) => r === undefined)) return undefined;
  const r = results as { n: number; whisker: number }[];
  // The whiskers at k: the first value not below the lower fence must not be above the upper one.
  if (!(r[0].whisker <= upper && r[1].whisker >= lower)) return undefined;
  const grid = { low: [] as number[], high: [] as number[], whiskerLow: [] as number[], whiskerHigh: [] as number[] };
  for (let j = 0; j < G; j++) {
    const lo = r[2 + 2 * j], hi = r[3 + 2 * j];
    grid.low.push(lo.n);
    grid.high.push(hi.n);
    grid.whiskerLow.push(lo.whisker);
    grid.whiskerHigh.push(hi.whisker);
  }
  let next = 2 + 2 * G;
  const zCount = std > 0 ? r[next++].n + r[next++].n : 0;
  const madCount = mad > 0 ? r[next++].n + r[next++].n : 0;
  return {
    q1, median, q3, mad, low: r[0].n, high: r[1].n, zCount, madCount, wLo: r[0].whisker, wHi: r[1].whisker, grid,
    lows: buf.slice(0, E), highs: buf.slice(total - H, total),
  };
}

/** The first cell from `c` (stepping by `step`) that holds values. */
function nextCell(counts: Int32Array, c: number, step: 1 | -1): number {
  while (c >= 0 && c < counts.length && counts[c] === 0) c += step;
  return c;
}

/**
 * The MAD from the two windows of cells around median ± MAD: values between
 * them are nearer the median than anything gathered can rank against, values
 * outside farther, and the wanted ranks are selected among the gathered
 * deviations in between. Undefined when the windows turn out not to hold them.
 */
function madFrom(buf: Float64Array, start: Int32Array, prefix: Float64Array, windows: number[][], median: number, m: number, ranks: number[]): number | undefined {
  const [[la, lb, aL, bL], [ra, rb, aR, bR]] = windows;
  if (!(aL <= bL && bL <= median && median <= aR && aR <= bR)) return undefined;
  // Values in cells between the windows lie in (bL, aR), outside them below aL or above bR.
  const inner = Math.max(Math.abs(median - bL), Math.abs(aR - median));
  const outer = Math.min(Math.abs(median - aL), Math.abs(bR - median));
  if (!(inner < outer)) return undefined;
  let below = prefix[ra] - prefix[lb + 1], above = prefix[la] + (m - prefix[rb + 1]);
  const mid: number[] = [];
  for (const [from, to] of [[start[la], start[lb + 1]], [start[ra], start[rb + 1]]]) {
    for (let i = from; i < to; i++) {
      const t = Math.abs(buf[i] - median);
      if (t <= inner) below++;
      else if (t >= outer) above++;
      else mid.push(t);
    }
  }
  const lo = ranks[0], hi = ranks[ranks.length - 1];
  if (!(below <= lo && hi < m - above)) return undefined;
  const d = Float64Array.from(mid);
  const at = new Map<number, number>();
  for (const r of ranks) {
    select(d, r - below, 0, d.length - 1);
    at.set(r, d[r - below]);
  }
  return linearFrom(m, 0.5, at);
}

/**
 * The pass: each value whose cell is gathered goes to the next free place of
 * that cell. Whether a cell is gathered is read from an 8 KB bitset, which
 * stays in the first-level cache where the 256 KB of places would not.
 */
function gatherCells(xs: Float64Array, lo: number, scale: number, bits: Int32Array, pos: Int32Array, buf: Float64Array): void {
  const cells = pos.length;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const c = cellAt(x, lo, scale, cells);
    if ((bits[c >>> 5] >>> (c & 31)) & 1) {
      const p = pos[c];
      buf[p] = x;
      pos[c] = p + 1;
    }
  }
}
