/**
 * The missing-value and outlier statistics against their Python peers on the
 * same data: pandas/NumPy (missing counts, duplicated(), quartiles, IQR, z and
 * MAD fences), missingno (nullity-correlation heatmap and its cell texts,
 * dendrogram order), scikit-learn's IsolationForest and PyOD's KNN.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as aq from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  completeness, duplicates, fences, flaggedRows, isolationForestScores, knnScores, lastScoringSplit, nullity, nullityCorrelation, nullityDendrogram, nullityLabel, K_GRID,
} from '../../kernel/src/stats/index.js';
import { PY, rng } from '../stats/helpers.js';
import { spearman, topOverlap } from './helpers.js';

const ORACLE = join(__dirname, 'clean_oracle.py');

function data(rows: number) {
  const r = rng(3);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const cols: Record<string, (number | string | null)[]> = { a: [], b: [], c: [], d: [], e: [], f: [], g: [], h: [] };
  for (let i = 0; i < rows; i++) {
    const block = r() < 0.2; // a and b go missing together (a device that was off), c on its own
    cols.a.push(block ? null : Math.round(200 + 40 * normal()));
    cols.b.push(block && r() < 0.9 ? null : Math.round(130 + 18 * normal()));
    cols.c.push(r() < 0.05 ? null : Math.round((1 + normal() * 0.8) * 10) / 10);
    cols.d.push(Math.exp(normal()));
    cols.e.push(null);
    cols.f.push(r() < 0.3 ? null : ['x', 'y', 'z'][Math.floor(r() * 3)]);
    cols.g.push(!block && r() < 0.5 ? null : Math.floor(r() * 4));
    cols.h.push(i % 7 === 0 ? 0 : i % 11 === 0 ? 1000 + i : i % 5);
  }
  // Two duplicate rows: copies of rows 10 and 20.
  for (const src of [10, 20]) for (const k of Object.keys(cols)) cols[k].push(cols[k][src]);
  return cols;
}

const cols = data(600);
const numeric = ['a', 'b', 'c', 'd', 'e', 'g', 'h'];
const table = aq.table(Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, numeric.includes(k) ? Float64Array.from(v, (x) => (x === null ? NaN : (x as number))) : v])) as never);

function blobs(n: number): number[][] {
  const r = rng(9);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (i % 50 === 0) out.push([normal() * 8, normal() * 8, normal() * 8]);
    else {
      const c = i % 3;
      out.push([c * 4 + normal(), (c - 1) * 3 + normal(), normal() * 0.5]);
    }
  }
  return out;
}
const matrix = blobs(800);

let py: any;
beforeAll(() => {
  const input = JSON.stringify({ columns: cols, numeric, matrix });
  py = JSON.parse(execFileSync(PY, [ORACLE], { input, encoding: 'utf8', maxBuffer: 1 << 26 }));
}, 120_000);

describe('nullity vs pandas and missingno', () => {
  it('counts missing values per column as isna().sum()', () => {
    const n = nullity(table);
    expect(Object.fromEntries(n.columns.map((c, i) => [c, n.missing[i]]))).toEqual(py.missing);
  });

  it('computes the heatmap matrix on the columns missingno keeps, to 1e-12', () => {
    const c = nullityCorrelation(nullity(table));
    expect(c.columns).toEqual(py.heatmap_columns);
    expect(c.columns).not.toContain('d'); // never missing
    expect(c.columns).not.toContain('e'); // always missing
    for (let i = 0; i < c.columns.length; i++) for (let j = 0; j < c.columns.length; j++) expect(Math.abs(c.r[i][j] - py.heatmap_r[i][j])).toBeLessThan(1e-12);
  });

  it('writes the same cell texts as missingno (lower triangle, row by row)', () => {
    const c = nullityCorrelation(nullity(table));
    const ours: string[] = [];
    for (let i = 1; i < c.columns.length; i++) for (let j = 0; j < i; j++) ours.push(nullityLabel(c.r[i][j]));
    expect(ours).toEqual(py.heatmap_texts);
    expect(ours).toContain('<1'); // a and b are nearly always missing together
  });

  it('orders the dendrogram leaves as missingno draws them', () => {
    expect(nullityDendrogram(nullity(table)).order).toEqual(py.dendrogram_order);
  });

  it('labels the edge cases as missingno does', () => {
    // 0.999 prints as '1' at two significant digits, so missingno shows '1', not '<1'.
    expect([0.999, 0.95, 1, -1, -0.96, 0.04, -0.049, 0.25, 0.75, -0.35, 0.123, 0.05].map(nullityLabel)).toEqual(['1', '<1', '1', '-1', '>-1', '', '', '0.2', '0.8', '-0.3', '0.1', '0.1']);
  });

  it('finds each row’s completeness and the least and most complete rows', () => {
    const n = nullity(table);
    const c = completeness(n);
    const expected = Array.from({ length: table.numRows() }, (_, i) => Object.keys(cols).filter((k) => cols[k][i] !== null).length);
    expect(Array.from(c.present)).toEqual(expected);
    expect(c.min.row).toBe(expected.indexOf(Math.min(...expected)));
    expect(c.max.row).toBe(expected.indexOf(Math.max(...expected)));
  });
});

describe('duplicates vs pandas duplicated()', () => {
  it('finds the two copied rows and what they copy', () => {
    const d = duplicates(table);
    expect(d.rows).toEqual(py.duplicated);
    expect(d.rows).toEqual([600, 601]);
    expect(d.firstOf).toEqual([10, 20]);
  });
});

describe('fences vs pandas/NumPy', () => {
  for (const c of ['a', 'b', 'c', 'd', 'h']) {
    it(`column ${c}: quartiles, IQR fences and counts, z (ddof 0) and modified z counts`, () => {
      const f = fences(Float64Array.from(cols[c], (x) => (x === null ? NaN : (x as number))));
      const o = py.fences[c];
      for (const k of ['q1', 'median', 'q3', 'lower', 'upper', 'mean', 'std', 'mad'] as const) expect(Math.abs(f[k] - o[k])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(o[k])));
      expect([f.low, f.high, f.zCount, f.madCount]).toEqual([o.low, o.high, o.z, o.madCount]);
      // The k grid agrees with the direct count at k = 1.5 and 3.
      const at = (k: number) => K_GRID.indexOf(k);
      expect(f.grid.low[at(1.5)] + f.grid.high[at(1.5)]).toBe(o.low + o.high);
      expect(f.grid.low[at(3)] + f.grid.high[at(3)]).toBe(o.k3);
    });
  }

  it('flags the rows the counts count, and whiskers inside the fences', () => {
    const x = Float64Array.from(cols.h as number[]);
    const f = fences(x);
    expect(flaggedRows(x, f, 'iqr').length).toBe(f.low + f.high);
    expect(flaggedRows(x, f, 'z').length).toBe(f.zCount);
    expect(f.whiskerHigh).toBeLessThanOrEqual(f.upper);
    expect(f.whiskerLow).toBeGreaterThanOrEqual(f.lower);
  });
});

describe('multivariate scores vs scikit-learn and PyOD', () => {
  const flat = Float64Array.from(matrix.flat());

  it('kNN equals PyOD KNN’s decision_scores_ (defaults, and method mean with 7 neighbours)', () => {
    const ours = knnScores(flat, 3);
    ours.forEach((v, i) => expect(Math.abs(v - py.knn[i])).toBeLessThan(1e-9));
    const mean7 = knnScores(flat, 3, { k: 7, method: 'mean' });
    mean7.forEach((v, i) => expect(Math.abs(v - py.knn_mean7[i])).toBeLessThan(1e-9));
  });

  it('Isolation Forest ranks rows as scikit-learn’s does (Spearman ≥ 0.9) and shares most of the top 1 %', () => {
    const ours = isolationForestScores(flat, 3, { seed: 0 });
    const rho = spearman(Array.from(ours), py.iforest);
    expect(rho).toBeGreaterThanOrEqual(0.9);
    // 8 rows are the top 1 %; the 16 planted far points dominate both lists.
    const overlap = topOverlap(Array.from(ours), py.iforest, 0.01);
    expect(overlap).toBeGreaterThanOrEqual(0.75);
    console.log(`Isolation Forest vs scikit-learn: Spearman ${rho.toFixed(3)}, top-1 % overlap ${(overlap * 100).toFixed(0)} %`);
  });

  it('is seeded: same seed, same scores; another seed, other scores', () => {
    const a = isolationForestScores(flat, 3, { seed: 5 });
    expect(isolationForestScores(flat, 3, { seed: 5 })).toEqual(a);
    expect(isolationForestScores(flat, 3, { seed: 6 })).not.toEqual(a);
  });

  it('scores the same bit for bit on 1, 2 or 3 threads (rows split in blocks between the caller and workers)', () => {
    // 60,000 rows × 100 trees is above the threshold for threads: 8 blocks of 8,192 rows taken from a shared counter.
    const r = rng(11);
    const n = 60_000, d = 4;
    const x = new Float64Array(n * d);
    for (let i = 0; i < x.length; i++) x[i] = r() * 10 + (r() < 0.01 ? 40 : 0);
    const one = isolationForestScores(x, d, { seed: 2, threads: 1 });
    for (const threads of [2, 3]) {
      // A busy machine may leave a worker without a block on one try; the caller then walked them all, which proves nothing.
      let split = lastScoringSplit();
      let scores: Float64Array | undefined;
      for (let attempt = 0; attempt < 5; attempt++) {
        scores = isolationForestScores(x, d, { seed: 2, threads });
        split = lastScoringSplit();
        if (split && split.byThread.length === threads && split.byThread.slice(1).some((b) => b > 0)) break;
      }
      expect(split!.byThread).toHaveLength(threads);
      expect(split!.byThread.reduce((a, b) => a + b, 0)).toBe(split!.tasks);
      expect(split!.byThread.slice(1).some((b) => b > 0)).toBe(true);
      expect(scores!.every((v, i) => v === one[i])).toBe(true);
    }
  }, 120_000);
});
