/**
 * The one-pass column statistics behind display.missing, against plain
 * reference computations: the payload is the same whether a table holds
 * Arrow batches (what readParquet returns) or JavaScript arrays; the binned
 * previews, the median from the fine histogram, forward/backward fill,
 * duplicate narrowing, byte-keyed string counts and the typed mode equal
 * what the obvious code computes.
 */
import * as aq from 'arquero';
import { utf8 } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { missingPayload } from '../../kernel/src/display/missing.js';
import { binned } from '../../kernel/src/display/missing-columns.js';
import { binIndex } from '../../kernel/src/missing/codec.js';
import { quantilesInPlace } from '../../kernel/src/data/select.js';
import { duplicates } from '../../kernel/src/stats/duplicates.js';
import { missingBits } from '../../kernel/src/stats/access.js';
import { modeOf, profileNumbers } from '../../kernel/src/stats/numeric-profile.js';
import { Utf8Counts } from '../../kernel/src/stats/utf8-counts.js';
import { rng } from '../stats/helpers.js';

function mixed(rows: number, seed: number) {
  const r = rng(seed);
  const cols: Record<string, unknown[]> = { a: [], b: [], c: [], s: [], u: [], k: [] };
  for (let i = 0; i < rows; i++) {
    cols.a.push(r() < 0.1 ? null : r() < 0.03 ? 0 : Math.round(100 + 50 * r()));
    cols.b.push(r() < 0.05 ? null : r() < 0.01 ? Infinity : r() < 0.01 ? -999 : r() * 10);
    cols.c.push(Math.floor(r() * 4));
    cols.s.push(r() < 0.1 ? null : r() < 0.05 ? '?' : r() < 0.05 ? '  ' : ['x', 'y', 'zz', 'wéw'][Math.floor(r() * 4)]);
    cols.u.push(r() < 0.5 ? null : r() < 0.5);
    cols.k.push(r() < 0.3 ? null : i % 700);
  }
  return cols;
}

describe('display.missing on Arrow batches and on arrays', () => {
  it('reads missing flags from validity bitmaps a word at a time and NaN from float values (not ±Infinity), in batches aligned to 32 rows or not', () => {
    const r = rng(3);
    const plain = aq.table({ x: Array.from({ length: 3000 }, (_, i) => (i % 500 === 3 ? Infinity : i % 500 === 4 ? -Infinity : r() < 0.1 ? null : r() < 0.05 ? NaN : r())), n: Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? null : i)) });
    const expected = ['x', 'n'].map((c) => Array.from(missingBits(plain, c)));
    expect(expected[0].some((w) => w !== 0)).toBe(true);
    for (const maxBatchRows of [3000, 450, 33, 64]) {
      const arrow = aq.fromArrow(aq.toArrow(plain, { maxBatchRows }));
      expect(['x', 'n'].map((c) => Array.from(missingBits(arrow, c)))).toEqual(expected);
    }
  });

  it('gives the same payload (counts, matrix, previews with kNN, sentinels, duplicates) from 5 Arrow batches as from arrays', () => {
    const cols = mixed(2000, 5);
    const plain = aq.table(cols);
    const arrow = aq.fromArrow(aq.toArrow(plain, { maxBatchRows: 450, types: { s: utf8() } }));
    const a = missingPayload(plain), b = missingPayload(arrow);
    expect(b.columns.find((c) => c.name === 'a')!.after!.knn).toBeDefined();
    expect(b.sentinels.map((s) => `${s.column}:${s.value}`)).toEqual(expect.arrayContaining(['a:0', 'b:-999', 's:?', 's:  ']));
    expect(b).toEqual(a);
  });
});

describe('binned previews', () => {
  const r = rng(9);
  // Runs of missing values across word boundaries, at both ends, after ±Infinity, and a constant stretch.
  const x = new Float64Array(5000);
  for (let i = 0; i < x.length; i++) x[i] = r() < 0.2 ? NaN : r() < 0.01 ? (r() < 0.5 ? Infinity : -Infinity) : i % 50 === 0 ? 7 : r() * 100 - 20;
  for (let i = 0; i < 40; i++) x[i] = NaN;
  for (let i = 60; i < 140; i++) x[i] = NaN;
  for (let i = 4990; i < 5000; i++) x[i] = NaN;
  x[200] = Infinity;
  for (let i = 201; i < 230; i++) x[i] = NaN;

  it('bins as binIndex does, and takes the median, ffill and bfill the plain way', () => {
    const p = profileNumbers(x);
    const edges = Array.from({ length: 21 }, (_, i) => p.min + ((p.max - p.min) * i) / 20);
    const values = Float64Array.from(p.values);
    const b = binned(values, edges);
    const counts = new Array(20).fill(0);
    for (const v of x) if (Number.isFinite(v)) counts[binIndex(edges, v)]++;
    expect(b.counts).toEqual(counts);
    expect(b.median()).toBe(quantilesInPlace(Float64Array.from(p.values), [0.5])[0]);
    const propagate = (backward: boolean) => {
      const out = new Array(20).fill(0);
      let last = NaN;
      for (let k = 0; k < x.length; k++) {
        const v = x[backward ? x.length - 1 - k : k];
        if (v === v) last = v;
        if (Number.isFinite(last)) out[binIndex(edges, last)]++;
      }
      return out;
    };
    expect(b.filled(x, p.mask)).toEqual({ ffill: propagate(false), bfill: propagate(true) });
  });

  it('bins values on and next to every bin edge as binIndex does (cells found by a multiply, edges settled exactly)', () => {
    for (const [lo, hi] of [[0.1, 7.3], [-1e6, 3.7e6], [1e-9, 3e-9], [-5, 5]]) {
      const edges = Array.from({ length: 21 }, (_, i) => lo + ((hi - lo) * i) / 20);
      const near: number[] = [];
      for (const e of edges) for (let d = -3; d <= 3; d++) near.push(e + d * Number.EPSILON * Math.max(Math.abs(e), Math.abs(lo), Math.abs(hi)));
      const v = Float64Array.from(near.filter((x) => x >= lo && x <= hi));
      const counts = new Array(20).fill(0);
      for (const x of v) counts[binIndex(edges, x)]++;
      const b = binned(Float64Array.from(v), edges);
      expect(b.counts).toEqual(counts);
      expect(b.median()).toBe(quantilesInPlace(Float64Array.from(v), [0.5])[0]);
    }
  });

  it('takes the median of even and odd counts, ties, one value and a wide range exactly', () => {
    const cases = [[5], [3, 1], [2, 2, 2, 2], [1, 2, 3, 4], [1e-300, 1, 1e300], Array.from({ length: 1001 }, (_, i) => (i * 7919) % 1001), Array.from({ length: 4000 }, () => Math.round(r() * 30))];
    for (const c of cases) {
      const v = Float64Array.from(c);
      const lo = Math.min(...c), hi = Math.max(...c);
      const edges = Array.from({ length: 21 }, (_, i) => (hi === lo ? lo - 0.5 + i / 20 : lo + ((hi - lo) * i) / 20));
      expect(binned(Float64Array.from(v), edges).median()).toBe(quantilesInPlace(Float64Array.from(v), [0.5])[0]);
    }
  });
});

describe('duplicates', () => {
  it('equal the plain row-key search on a table of coded columns, measured columns and planted copies', () => {
    const r = rng(21);
    const n = 20_000;
    const cols: Record<string, unknown[]> = { sex: [], grade: [], score: [], city: [] };
    for (let i = 0; i < n; i++) {
      cols.sex.push(r() < 0.5 ? 'f' : 'm');
      cols.grade.push(r() < 0.1 ? null : Math.floor(r() * 5));
      cols.score.push(r() < 0.7 ? Math.round(r() * 20) : r());
      cols.city.push(['a', 'b', 'c', null][Math.floor(r() * 4)]);
    }
    for (let i = 0; i < 300; i++) {
      const src = Math.floor(r() * n), dst = Math.floor(r() * n);
      for (const k of Object.keys(cols)) cols[k][dst] = cols[k][src];
    }
    const expected = { rows: [] as number[], firstOf: [] as number[] };
    const first = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = JSON.stringify(Object.keys(cols).map((k) => cols[k][i]));
      const f = first.get(key);
      if (f === undefined) first.set(key, i);
      else {
        expected.rows.push(i);
        expected.firstOf.push(f);
      }
    }
    const plain = aq.table(cols);
    const arrow = aq.fromArrow(aq.toArrow(plain, { maxBatchRows: 6000, types: { sex: utf8(), city: utf8() } }));
    for (const t of [plain, arrow]) {
      const d = duplicates(t);
      expect({ rows: d.rows, firstOf: d.firstOf }).toEqual(expected);
      expect(d.count).toBe(expected.rows.length);
    }
    expect(expected.rows.length).toBeGreaterThan(1000);
  });
});

describe('Utf8Counts and modeOf', () => {
  it('count an Arrow string column across batches exactly, top values by count then value, rows by value', () => {
    const r = rng(4);
    const values = Array.from({ length: 5000 }, () => (r() < 0.1 ? null : ['β', 'a', 'bb', '', 'ccc', `u${Math.floor(r() * 300)}`][Math.floor(r() * 6)]));
    const t = aq.fromArrow(aq.toArrow(aq.table({ s: values }), { maxBatchRows: 1300, types: { s: utf8() } }));
    const c = Utf8Counts.of(t, 's')!;
    const tally = new Map<string, number>();
    for (const v of values) if (v !== null) tally.set(v, (tally.get(v) ?? 0) + 1);
    expect(c.distinct).toBe(tally.size);
    expect(c.present).toBe(values.filter((v) => v !== null).length);
    const top = [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 8);
    expect(c.top(8).map((v) => [v.value, v.count])).toEqual(top);
    const empty = c.top(8).find((v) => v.value === '')!;
    expect(c.rowsOf(empty.id, 5)).toEqual(values.flatMap((v, i) => (v === '' ? [i] : [])).slice(0, 5));
    expect(Array.from(c.ids).every((id, i) => (values[i] === null ? id === -1 : c.text(id) === values[i]))).toBe(true);
  });

  it('modeOf is the most frequent value, smallest on ties, none past the distinct limit', () => {
    expect(modeOf(Float64Array.from([3, 1, 3, 1, 2]))).toBe(1);
    expect(modeOf(Float64Array.from([-0, 0, 5]))).toBe(0);
    expect(modeOf(Float64Array.from([2.5, 2.5, -7, 1e300]))).toBe(2.5);
    expect(modeOf(Float64Array.from({ length: 100 }, (_, i) => i), 50)).toBeUndefined();
    expect(modeOf(Float64Array.from({ length: 100 }, (_, i) => i % 50), 50)).toBe(0);
  });
});
