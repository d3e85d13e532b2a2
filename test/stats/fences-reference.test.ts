/**
 * `fences` against a reference written the slow, obvious way (sort the
 * finite values, read ranks, test every value against every limit), on
 * columns large enough for the fast path and shaped to break it: ties at
 * the quartiles, values exactly on the IQR fences and on every k of the
 * grid, a median in a gap between two clusters, heavy tails, an IQR of 0,
 * a tiny spread at a large magnitude, sorted input, ±Infinity and NaN.
 * Every field must agree exactly.
 */
import { describe, expect, it } from 'vitest';
import { fences, K_GRID, type ColumnFences, type FenceOptions } from '../../kernel/src/stats/fences.js';
import { fenceCountsByCells } from '../../kernel/src/stats/fences-cells.js';
import { cellCounts } from '../../kernel/src/stats/bin-select.js';

function linear(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p, f = Math.floor(h);
  const a = sorted[f];
  return a + (h - f) * ((h > f ? sorted[Math.min(f + 1, n - 1)] : a) - a);
}

const gridIndex = (excess: number): number => {
  if (excess <= 0.5) return 0;
  const g = Math.ceil(Math.round((excess - 0.5) * 1e9) / 1e8);
  return g < K_GRID.length ? g : K_GRID.length;
};

function reference(values: Float64Array, opts: FenceOptions = {}): ColumnFences {
  const { k = 1.5, z = 3, modifiedZ = 3.5 } = opts;
  const finite: number[] = [];
  let missing = 0, infinite = 0, negInf = 0, sum = 0;
  for (const x of values) {
    if (x !== x) missing++;
    else if (x === Infinity || x === -Infinity) {
      infinite++;
      if (x < 0) negInf++;
    } else {
      finite.push(x);
      sum += x;
    }
  }
  const m = finite.length;
  const sorted = Float64Array.from(finite).sort();
  const mean = m ? sum / m : NaN;
  let ss = 0;
  for (const x of finite) ss += (x - mean) ** 2;
  const std = m ? Math.sqrt(ss / m) : NaN;
  const [q1, median, q3] = m ? [linear(sorted, 0.25), linear(sorted, 0.5), linear(sorted, 0.75)] : [NaN, NaN, NaN];
  const mad = m ? linear(Float64Array.from(finite, (x) => Math.abs(x - median)).sort(), 0.5) : NaN;
  const iqr = q3 - q1, lower = q1 - k * iqr, upper = q3 + k * iqr;
  const zLo = mean - z * std, zHi = mean + z * std, madLimit = modifiedZ * (mad / 0.6745);
  const inside = finite.filter((x) => !(x < lower) && !(x > upper));
  const G = K_GRID.length;
  const gLow = (x: number) => (x < q1 ? (iqr > 0 ? gridIndex((q1 - x) / iqr) : G) : 0);
  const gHigh = (x: number) => (x > q3 ? (iqr > 0 ? gridIndex((x - q3) / iqr) : G) : 0);
  const grid = { low: [] as number[], high: [] as number[], whiskerLow: [] as number[], whiskerHigh: [] as number[] };
  if (m) {
    for (let j = 0; j < G; j++) {
      let low = 0, high = 0, wl = Infinity, wh = -Infinity;
      for (const x of finite) {
        if (gLow(x) > j) low++;
        else if (x < wl) wl = x;
        if (gHigh(x) > j) high++;
        else if (x > wh) wh = x;
      }
      grid.low.push(low + negInf);
      grid.high.push(high + infinite - negInf);
      grid.whiskerLow.push(wl);
      grid.whiskerHigh.push(wh);
    }
  }
  const out: ColumnFences = {
    count: m, missing, infinite, min: m ? sorted[0] : NaN, max: m ? sorted[m - 1] : NaN, q1, median, q3, iqr, k, lower, upper,
    low: finite.filter((x) => x < lower).length + negInf, high: finite.filter((x) => x > upper).length + infinite - negInf,
    whiskerLow: m ? Math.min(...inside) : NaN, whiskerHigh: m ? Math.max(...inside) : NaN,
    mean, std, zThreshold: z, zCount: (std > 0 ? finite.filter((x) => x < zLo || x > zHi).length : 0) + infinite,
    mad, modifiedZThreshold: modifiedZ, madCount: mad > 0 ? finite.filter((x) => Math.abs(x - median) > madLimit).length + infinite : 0,
    grid,
  };
  if (opts.extremes !== undefined) {
    const E = Math.min(opts.extremes, m), H = Math.max(0, Math.min(E, m - E));
    out.extremes = [...sorted.slice(0, E), ...sorted.slice(m - H)];
  }
  return out;
}

/** −0 and 0 are the same value here (which of two equal values a selection returns is not specified). */
const plain = (f: ColumnFences) => JSON.parse(JSON.stringify(f, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 20_000;
const gauss = (r: () => number) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

const columns: Record<string, (r: () => number) => Float64Array> = {
  'normal, 0.2 % outliers ×8, 5 % NaN, ±Infinity': (r) => {
    const x = Float64Array.from({ length: N }, () => 50 + 5 * gauss(r) * (r() < 0.002 ? 8 : 1));
    for (let i = 0; i < N; i++) if (r() < 0.05) x[i] = NaN;
    x[7] = Infinity;
    x[8] = -Infinity;
    x[9] = Infinity;
    return x;
  },
  'Cauchy (heavy tails)': (r) => Float64Array.from({ length: N }, () => Math.tan(Math.PI * (r() - 0.5))),
  'integers 0–9 (ties everywhere)': (r) => Float64Array.from({ length: N }, () => Math.floor(r() * 10)),
  '99 % one value, IQR 0': (r) => Float64Array.from({ length: N }, () => (r() < 0.99 ? 3 : 3 + gauss(r))),
  'two values': (r) => Float64Array.from({ length: N }, () => (r() < 0.6 ? 1 : 2)),
  'exponential (skewed)': (r) => Float64Array.from({ length: N }, () => -Math.log(1 - r())),
  'tiny spread at 1e15': (r) => Float64Array.from({ length: N }, () => 1e15 + Math.floor(gauss(r) * 20)),
  'median in the gap between two clusters': (r) => Float64Array.from({ length: N + 1 }, (_, i) => (i < N / 2 ? gauss(r) : i === N / 2 ? 500 : 1000 + gauss(r))),
  'sorted ascending': (r) => Float64Array.from({ length: N }, () => gauss(r)).sort(),
  'values on the fences and on every grid k': (r) => {
    // q1 = 25, q3 = 75, IQR 50: q1 − k·IQR and q3 + k·IQR are integers for every k of the grid.
    const x = Float64Array.from({ length: N }, () => Math.round(r() * 100));
    for (let j = 0; j < 300; j++) {
      const kk = K_GRID[j % K_GRID.length];
      x[j * 13] = j % 2 ? 75 + kk * 50 : 25 - kk * 50;
    }
    return x;
  },
  'range wider than the doubles': (r) => Float64Array.from({ length: N }, (_, i) => (i === 0 ? -1.7e308 : i === 1 ? 1.7e308 : gauss(r))),
  'all missing but a few': (r) => Float64Array.from({ length: N }, (_, i) => (i % 5000 === 0 ? gauss(r) : NaN)),
};

describe('fences agree exactly with a sort-based reference', () => {
  for (const [name, make] of Object.entries(columns)) {
    it(name, () => {
      const x = make(rng(name.length * 7919));
      for (const opts of [{}, { k: 3, extremes: 100 }, { k: 0, z: 2, modifiedZ: 1, extremes: 5 }, { k: 1.5, extremes: 100_000 }]) {
        expect(plain(fences(x, opts))).toEqual(plain(reference(x, opts)));
      }
    });
  }
});

describe('the one-pass cell path', () => {
  // Spread-out values: the cells pin every limit down and the path must answer. Bunched ones (a tenth of
  // the column in one cell, a median in a gap, an IQR or MAD of 0) may fall back to the plain passes.
  const expectFast = ['normal, 0.2 % outliers ×8, 5 % NaN, ±Infinity', 'exponential (skewed)', 'sorted ascending', 'values on the fences and on every grid k'];
  for (const name of Object.keys(columns)) {
    it(`${expectFast.includes(name) ? 'answers' : 'answers or falls back'}: ${name}`, () => {
      const x = columns[name](rng(name.length * 7919));
      const xs = x.filter((v) => Number.isFinite(v));
      if (!xs.length) return;
      let min = Infinity, max = -Infinity, sum = 0;
      for (const v of xs) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
      }
      const mean = sum / xs.length;
      let ss = 0;
      for (const v of xs) ss += (v - mean) ** 2;
      const counts = max - min > 0 && max - min < Infinity ? cellCounts(xs, min, max - min, 1 << 14) : new Int32Array(1 << 14);
      const got = fenceCountsByCells(xs, min, max, mean, Math.sqrt(ss / xs.length), counts, { k: 1.5, z: 3, modifiedZ: 3.5, kGrid: K_GRID, E: 100, H: 100 });
      if (expectFast.includes(name)) expect(got).toBeDefined();
      if (got) {
        const ref = reference(x, { extremes: 100 });
        expect([got.q1, got.median, got.q3, got.mad, got.zCount, got.madCount]).toEqual([ref.q1, ref.median, ref.q3, ref.mad, ref.zCount - ref.infinite, ref.madCount - (ref.mad > 0 ? ref.infinite : 0)]);
      }
    });
  }
});
