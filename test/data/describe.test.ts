/**
 * describe() on Arrow-backed columns (read from typed arrays and null
 * bitmaps) agrees with describe() on the same values as plain arrays, and
 * the histogram-narrowed quantiles agree with quantiles of the sorted values.
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import * as d from '../../kernel/src/data/index.js';
import { quantileSorted, quantilesInPlace } from '../../kernel/src/data/columns.js';

const asArrays = (t: aq.ColumnTable) => aq.table(Object.fromEntries(t.columnNames().map((c) => [c, Array.from(t.array(c) as ArrayLike<unknown>)])));

describe('describe() of Arrow columns', () => {
  it('matches describe() of the same values as arrays, nulls and strings included', () => {
    const n = 40_000;
    const arrow = aq.fromArrow(
      tableToIPC(
        tableFromArrays({
          f: Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 1e3),
          i32: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : (i * 7919) % 1000)),
          i64: BigInt64Array.from({ length: n }, (_, i) => BigInt(i) * 1_000_003n - 20_000_000_000n),
          s: Array.from({ length: n }, (_, i) => (i % 9 === 0 ? null : `k${i % 13}`)),
        }),
      )!,
    );
    for (const include of ['number', 'all'] as const) {
      expect(d.describe(arrow, { include }).objects()).toEqual(d.describe(asArrays(arrow), { include }).objects());
    }
    // Filtered tables are read through their rows, not the stored column.
    const some = arrow.filter((r: { f: number }) => r.f > 0);
    expect(d.describe(some).objects()).toEqual(d.describe(asArrays(some)).objects());
  });

  it('fails on an int64 beyond 2^53 as reading the column would', () => {
    const t = aq.fromArrow(tableToIPC(tableFromArrays({ v: BigInt64Array.from([1n, 2n ** 60n]) }))!);
    expect(() => d.describe(t)).toThrow(/exceeds integer number representation/);
  });
});

describe('quantiles of large columns', () => {
  it('agree with quantiles of the sorted values: duplicates, infinities, signed zeros, narrow ranges', () => {
    const n = 100_000;
    const columns = [
      Float64Array.from({ length: n }, (_, i) => Math.floor(((i * 7919) % n) / 1000)),
      Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? (i % 2 ? Infinity : -Infinity) : Math.tan(i))),
      Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : 1)),
      Float64Array.from({ length: n }, (_, i) => 1 + ((i * 31) % n) * 1e-12),
    ];
    const ps = [0, 0.01, 0.25, 0.5, 0.75, 0.999, 1];
    for (const x of columns) {
      const sorted = Float64Array.from(x).sort();
      expect(quantilesInPlace(Float64Array.from(x), ps)).toEqual(ps.map((p) => quantileSorted(sorted, p)));
    }
  });
});
