/**
 * Options a verb does not take fail with the name it does take, instead of being
 * ignored: `test_size` or `random_state` (pandas' spelling) once left a split unseeded
 * and of the default size without a word.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as aq from 'arquero';
import * as d from '../../kernel/src/data/index.js';

const t = aq.table({ x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], g: ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'] });

describe('unknown options', () => {
  it('trainTestSplit names the camelCase option for a snake_case one', () => {
    expect(() => d.trainTestSplit(t, { test_size: 0.3 } as any)).toThrow(/trainTestSplit: unknown option 'test_size' \(did you mean 'testSize'\?\); it takes: testSize/);
    expect(() => d.trainTestSplit(t, { testSize: 0.2, random_state: 0 } as any)).toThrow(/did you mean 'randomState'/);
    expect(d.trainTestSplit(t, { testSize: 0.3, randomState: 0 }).test.numRows()).toBe(3);
  });

  it('sample, describe, dropna, fillna, getDummies, standardize and minMax check theirs', () => {
    expect(() => d.sample(t, { frac: 0.5, random_state: 1 } as any)).toThrow(/sample: unknown option 'random_state' \(did you mean 'randomState'\?\)/);
    expect(() => d.describe(t, { inclde: 'all' } as any)).toThrow(/describe: unknown option 'inclde' \(did you mean 'include'\?\)/);
    expect(() => d.dropna(t, { subst: ['x'] } as any)).toThrow(/did you mean 'subset'/);
    expect(() => d.fillna(t, 0, { indicators: true } as any)).toThrow(/did you mean 'indicator'/);
    expect(() => d.getDummies(t, ['g'], { drop_first: true } as any)).toThrow(/did you mean 'dropFirst'/);
    expect(() => d.standardize(t, ['x'], { ddf: 1 } as any)).toThrow(/did you mean 'ddof'/);
    expect(() => d.minMax(t, ['x'], { feature_range: [0, 1] } as any)).toThrow(/minMax: unknown option 'feature_range'; it takes: params, range/);
    expect(() => d.valueCounts(t, 'g', { normalise: true } as any)).toThrow(/valueCounts: unknown option 'normalise' \(did you mean 'normalize'\?\)/);
    expect(() => d.crosstab(t, 'g', 'x', { margin: true } as any)).toThrow(/did you mean 'margins'/);
    expect(() => d.corr(t, ['x'], { methd: 'spearman' } as any)).toThrow(/did you mean 'method'/);
  });

  it('readCsv rejects na_values before reading', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsml-opts-'));
    writeFileSync(join(dir, 'a.csv'), 'a,b\n1,?\n');
    await expect(d.readCsv(join(dir, 'a.csv'), { na_values: ['?'] } as any)).rejects.toThrow(/readCsv: unknown option 'na_values' \(did you mean 'naValues'\?\)/);
    const ok = await d.readCsv(join(dir, 'a.csv'), { naValues: ['?'] });
    expect(ok.array('b')[0]).toBeNull();
  });

  it('getDummies takes one column name as a string', () => {
    expect(d.getDummies(t, 'g' as any).columnNames()).toEqual(['x', 'g_a', 'g_b']);
  });
});

describe('values a verb cannot use', () => {
  const cars = aq.table({ MPG: [18, 15, 24, 30], Origin: ['USA', 'USA', 'Japan', 'Europe'] });

  it('standardize, minMax and corr name a text column instead of returning NaN', () => {
    expect(() => d.standardize(cars, ['Origin'])).toThrow(/column 'Origin' is not numeric; encode it first/);
    expect(() => d.minMax(cars, ['Origin'])).toThrow(/column 'Origin' is not numeric/);
    const gaps = aq.table({ MPG: [18, null, 24], Origin: ['USA', null, 'Japan'] });
    expect(() => d.fillna(gaps, { Origin: 'median' })).toThrow(/cannot fill column 'Origin' with its median: it is not numeric. Use 'mode' or a constant/);
    expect(d.fillna(gaps, { Origin: 'mode', MPG: 'median' }).array('Origin')[1]).toBe('Japan');
    expect(() => d.corr(cars, ['MPG', 'Origin'])).toThrow(/corr: column 'Origin' is not numeric \(row 0 holds "USA"\); encode it first/);
  });

  it('cut says what bins it takes; describe what include takes', () => {
    expect(() => d.cut(cars, 'MPG', 'x' as any)).toThrow(/bins must be a positive integer or a list of edges, got "x"/);
    expect(() => d.qcut(cars, 'MPG', 'x' as any)).toThrow(/q must be a whole number of quantile bins or a list of quantiles in \[0, 1\], got "x"/);
    expect(() => d.describe(cars, { include: 'strng' as any })).toThrow(/describe: include must be 'number', 'string' or 'all', got "strng"/);
  });
});
