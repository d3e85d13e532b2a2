/**
 * Table loaders and verbs against pandas and pyarrow (in the project's venv)
 * on the same files: the values must agree exactly (or to 1e-12 for floats).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as d from '../../kernel/src/data/index.js';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

const PY = join(process.cwd(), '.venv', 'bin', 'python');
const dir = mkdtempSync(join(tmpdir(), 'tsml-oracle-'));
let expected: Record<string, any>;
let mixed: ColumnTable;

const cities = ['Oslo', 'Rome', 'Lima', '?', 'Nairobi'];
function mixedCsv(): string {
  const rows = ['id,age,city,score,income,grade,note'];
  for (let i = 0; i < 200; i++) {
    const age = i % 11 === 0 ? '' : String(18 + ((i * 7) % 60));
    const score = i % 13 === 0 ? 'NA' : ((i * 0.37) % 10).toFixed(3);
    const note = i % 17 === 0 ? '"said ""hi"", left"' : i % 19 === 0 ? '"two\nlines"' : 'plain';
    rows.push(`${i},${age},${cities[i % 5]},${score},${(i * 7919) % 10007},${'ABC'[i % 3]},${note}`);
  }
  return rows.join('\r\n') + '\r\n';
}

const col = (t: ColumnTable, c: string) => Array.from(t.array(c) as ArrayLike<unknown>, (v) => (typeof v === 'number' && Number.isNaN(v) ? null : v ?? null));
const close = (a: unknown[], b: unknown[]) => {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => (typeof x === 'number' && typeof b[i] === 'number' ? expect(x).toBeCloseTo(b[i] as number, 12) : expect(x).toEqual(b[i])));
};

beforeAll(async () => {
  writeFileSync(join(dir, 'mixed.csv'), mixedCsv());
  writeFileSync(join(dir, 'bom.csv'), '\ufeffname,value\n"Zoë",1\n"x, y",2\n');
  writeFileSync(join(dir, 'latin1.csv'), Buffer.from('name,city\nJosé,São Paulo\nRené,Zürich\n', 'latin1'));
  execFileSync(PY, [join(__dirname, 'pandas_oracle.py'), dir], { stdio: 'inherit' });
  expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  mixed = await d.readCsv(join(dir, 'mixed.csv'), { naValues: ['?'] });
}, 60_000);

describe('loaders agree with pandas and pyarrow', () => {
  it('reads quoted fields, embedded newlines, CRLF and NA values like read_csv', () => {
    for (const [c, values] of Object.entries(expected.mixed)) close(col(mixed, c), values as unknown[]);
  });

  it('drops a UTF-8 BOM and decodes latin1', async () => {
    const bom = await d.readCsv(join(dir, 'bom.csv'));
    expect(bom.columnNames()).toEqual(Object.keys(expected.bom));
    expect(col(bom, 'name')).toEqual(expected.bom.name);
    const latin = await d.readCsv(join(dir, 'latin1.csv'), { encoding: 'latin1' });
    expect(col(latin, 'city')).toEqual(expected.latin1.city);
  });

  it('reads Parquet and Arrow files written by pyarrow with exact values', async () => {
    for (const t of [await d.readParquet(join(dir, 'written.parquet')), await d.readArrow(join(dir, 'written.arrow'))]) {
      for (const [c, values] of Object.entries(expected.written)) {
        expect(Array.from(t.array(c) as ArrayLike<unknown>, (v) => v ?? null)).toEqual(values);
      }
    }
  });
});

describe('verbs agree with pandas', () => {
  it('describe()', () => {
    const t = d.describe(mixed);
    const stats = col(t, 'stat') as string[];
    for (const [c, s] of Object.entries(expected.describe as Record<string, Record<string, number>>)) {
      const ours = col(t, c);
      for (const [k, v] of Object.entries(s)) expect(ours[stats.indexOf(k)]).toBeCloseTo(v, 10);
    }
    const all = d.describe(mixed, { include: 'all' });
    const allStats = col(all, 'stat') as string[];
    for (const [k, v] of Object.entries(expected.describe_all_city)) expect(col(all, 'city')[allStats.indexOf(k)]).toEqual(v);
  });

  it('describe() of a Parquet table reads its Arrow columns (nulls, int64, int32, float32) like pandas', async () => {
    const big = await d.readParquet(join(dir, 'big.parquet'));
    const t = d.describe(big, { percentiles: [0.1, 0.25, 0.5, 0.75, 0.99] });
    const stats = col(t, 'stat') as string[];
    expect(t.columnNames().slice(1)).toEqual(Object.keys(expected.describe_big));
    for (const [c, s] of Object.entries(expected.describe_big as Record<string, Record<string, number>>)) {
      const ours = col(t, c);
      // Relative: i64 values are ~1e12, and sums in another order differ in the last bits; pandas sums float32 in float32.
      const tolerance = c === 'f32' ? 1e-6 : 1e-12;
      for (const [k, v] of Object.entries(s)) expect(Math.abs((ours[stats.indexOf(k)] as number) - v), `${c} ${k}`).toBeLessThanOrEqual(tolerance * Math.max(Math.abs(v), 1));
    }
    // The same values as plain arrays give the same summary.
    const arrays = d.describe(aq.table(Object.fromEntries(big.columnNames().map((c) => [c, Array.from(big.array(c) as ArrayLike<unknown>)]))), { percentiles: [0.1, 0.25, 0.5, 0.75, 0.99] });
    expect(arrays.objects()).toEqual(t.objects());
  });

  it('isna, valueCounts, fillna, dropna', () => {
    const na = d.isna(mixed);
    expect(Object.fromEntries(col(na, 'column').map((c, i) => [c, col(na, 'missing')[i]]))).toEqual(expected.isna);
    const vc = d.valueCounts(mixed, 'city');
    expect(Object.fromEntries(col(vc, 'city').map((c, i) => [c, col(vc, 'count')[i]]))).toEqual(expected.value_counts);
    close(col(d.fillna(mixed, { age: 'median' }), 'age'), expected.fillna_median_age);
    expect(col(d.fillna(mixed, { city: 'mode' }), 'city')).toEqual(expected.fillna_mode_city);
    close(col(d.fillna(mixed, { score: 'ffill' }), 'score'), expected.ffill_score);
    expect(d.dropna(mixed).numRows()).toBe(expected.dropna_rows);
    expect(d.dropna(mixed, { subset: ['age'] }).numRows()).toBe(expected.dropna_subset_rows);
  });

  it('getDummies and crosstab', () => {
    const dm = d.getDummies(mixed, ['city']);
    for (const [c, values] of Object.entries(expected.dummies)) expect(col(dm, c)).toEqual(values);
    expect(d.getDummies(mixed, ['city'], { dropFirst: true }).columnNames().filter((c) => c.startsWith('city_'))).toEqual(expected.dummies_first);
    const ct = d.crosstab(mixed, 'city', 'grade');
    for (const [g, byCity] of Object.entries(expected.crosstab as Record<string, Record<string, number>>)) {
      const cityCol = col(ct, 'city');
      for (const [city, n] of Object.entries(byCity)) expect(col(ct, g)[cityCol.indexOf(city)]).toBe(n);
    }
  });

  it('cut and qcut produce pandas interval labels', () => {
    expect(col(d.cut(mixed, 'age', 4), 'age_bin')).toEqual(expected.cut);
    expect(col(d.qcut(mixed, 'score', 3), 'score_bin')).toEqual(expected.qcut);
  });

  it('corr (pearson and spearman), minMax and standardize', () => {
    for (const [method, exp] of [['pearson', expected.corr], ['spearman', expected.spearman]] as const) {
      const c = d.corr(mixed, ['age', 'score', 'income'], { method });
      const names = col(c, 'column');
      for (const [a, row] of Object.entries(exp as Record<string, Record<string, number>>)) {
        for (const [b, v] of Object.entries(row)) expect(col(c, a)[names.indexOf(b)]).toBeCloseTo(v, 12);
      }
    }
    close(col(d.minMax(mixed, ['age']).table, 'age'), expected.minmax_age);
    close(col(d.standardize(mixed, ['age'], { ddof: 1 }).table, 'age'), expected.standard_age_ddof1);
  });
});
