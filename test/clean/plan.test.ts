/**
 * Cleaning plans: fitted on the training split only (nothing leaks from the
 * test split), applied to any split, each step doing what pandas /
 * scikit-learn would, and clear errors for plans used wrongly.
 */
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { heartDisease } from '../../datasets/src/index.js';
import { clean, trainTestSplit, sentinels } from '../../kernel/src/index.js';

const raw = heartDisease({ seed: 0 });
const { train, test } = trainTestSplit(raw, { testSize: 0.3, seed: 123 });

const labPlan = clean.plan()
  .dropColumns({ missingAbove: 0.3 })
  .treatAsMissing({ chol: [0], trestbps: [0], oldpeak: '<0' })
  .dropDuplicates()
  .impute('auto', { exclude: ['num'] })
  .oneHot()
  .scale(undefined, { exclude: ['num'] });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) / 2;
  return (s[Math.floor(h)] + s[Math.ceil(h)]) / 2;
};

describe('a plan fitted on train', () => {
  const fitted = labPlan.fit(train);

  it('learns the lab’s choices: drops ca, thal, slope; fills chol with the median of real (non-zero) train values', () => {
    const out = fitted.apply(train);
    for (const c of ['ca', 'thal', 'slope']) expect(out.columnNames()).not.toContain(c);
    const chol = (train.array('chol') as (number | null)[]).filter((v): v is number => v !== null && v !== 0);
    expect(fitted.steps[3]).toContain(`chol ← ${median(chol)} (median)`);
    expect(out.columnNames()).toContain('chol_missing');
    expect(out.columnNames()).toContain('cp_asymptomatic');
    // Nothing missing is left, and every feature is in [0, 1] on train.
    for (const c of out.columnNames()) {
      const v = out.array(c) as number[];
      expect(v.every((x) => x !== null && !Number.isNaN(x)), c).toBe(true);
      if (c !== 'num') expect(Math.min(...v) >= 0 && Math.max(...v) <= 1, c).toBe(true);
    }
  });

  it('leaks nothing from test into train: changing the test split changes no learned number', () => {
    const wild = test.derive({ chol: (d: any) => (d.chol === null ? null : d.chol * 10), age: (d: any) => d.age + 100 });
    const a = labPlan.fit(train);
    expect(a.code()).toBe(fitted.code());
    // Test rows are filled and scaled with train's statistics: a test age of 100 + x scales beyond 1.
    const out = a.apply(wild);
    expect(Math.max(...(out.array('age') as number[]))).toBeGreaterThan(1.5);
    // And fitting on train ∪ test would have learned other numbers.
    expect(labPlan.fit(aq.from([...train.objects(), ...test.objects()])).code()).not.toBe(fitted.code());
  });

  it('applies to a split with a category train never saw: no column set, no error', () => {
    const odd = test.derive({ cp: () => 'unheard-of' });
    const out = fitted.apply(odd);
    const cps = out.columnNames().filter((c) => c.startsWith('cp_'));
    expect(cps.length).toBe(4);
    expect(cps.every((c) => (out.array(c) as number[]).every((v) => v === 0))).toBe(true);
  });

  it('renders as its step list', () => {
    const bundle = (fitted as any)[Symbol.for('Jupyter.display')]();
    expect(bundle['text/plain']).toMatch(/^Cleaning plan \(6 steps, fitted on 644 rows\)/);
    expect(bundle['text/html']).toContain('<ol><li>drop columns slope, ca, thal (more than 30 % missing)');
    expect(bundle['text/html']).toContain('<details><summary>code</summary>');
  });
});

describe('steps', () => {
  it('treatAsMissing takes sentinels() findings directly', () => {
    const found = sentinels(raw).filter((s) => s.column === 'chol' || s.column === 'oldpeak' || s.column === 'trestbps');
    expect(found.map((s) => [s.column, s.kind, s.count])).toEqual([['trestbps', 'zero', 1], ['chol', 'zero', 172], ['oldpeak', 'negative', 12]]);
    const out = clean.plan().treatAsMissing(found).fit(raw).apply(raw);
    expect((out.array('chol') as unknown[]).filter((v) => v === null).length).toBe(30 + 172);
    expect((out.array('oldpeak') as unknown[]).filter((v) => v === null).length).toBe(62 + 12);
  });

  it('dropDuplicates drops the 2 copies', () => {
    expect(clean.plan().dropDuplicates().fit(raw).apply(raw).numRows()).toBe(918);
  });

  it('imputes as SimpleImputer (mean) and KNNImputer (k = 2) do on the lab’s toy', () => {
    const toy = aq.table({ a: [1, null, 7], b: [2, 3, 6] });
    const mean = clean.plan().impute({ a: 'mean' }, { indicator: false }).fit(toy).apply(toy);
    expect(mean.array('a')).toEqual([1, 4, 7]);
    // KNNImputer(n_neighbors=2).fit_transform([[1, 2], [nan, 3], [7, 6]]) → 4 (rows 0 and 2 are both donors).
    const knn = clean.plan().impute({ a: 'knn' }, { k: 2 }).fit(toy).apply(toy);
    expect(Array.from(knn.array('a') as ArrayLike<number>)).toEqual([1, 4, 7]);
    expect(Array.from(knn.array('a_missing') as ArrayLike<number>)).toEqual([0, 1, 0]);
    const knn1 = clean.plan().impute({ a: 'knn' }, { k: 1 }).fit(toy).apply(toy);
    // Nearest to b = 3 is b = 2 (row 0): a = 1.
    expect(Array.from(knn1.array('a') as ArrayLike<number>)).toEqual([1, 1, 7]);
  });

  it('caps and drops outliers at train’s Tukey fences', () => {
    const t = aq.table({ x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 100], y: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] });
    // pandas: Q1 3.25, Q3 7.75, IQR 4.5 → fences −3.5 and 14.5.
    expect(clean.plan().capOutliers(['x']).fit(t).apply(t).array('x').at(-1)).toBe(14.5);
    expect(clean.plan().dropOutliers(['x']).fit(t).apply(t).numRows()).toBe(9);
    const z = clean.plan().capOutliers(['x'], { rule: 'z', k: 2 }).fit(t).steps[0];
    expect(z).toMatch(/\|z\| > 2/);
  });

  it('remove() edits the step list; plans are immutable', () => {
    const p = clean.plan().dropDuplicates().impute('auto');
    expect(p.remove(0).steps).toEqual(['impute every column with missing values (auto: median for numbers, mode otherwise), with _missing indicators']);
    expect(p.steps).toHaveLength(2);
    expect(() => p.remove(5)).toThrow(/no step 5: the plan has 2/);
  });
});

describe('errors that say what to do', () => {
  it('apply and code before fit', () => {
    expect(() => labPlan.apply(test)).toThrow(/not fitted yet. Call plan = plan.fit\(train\) first/);
    expect(() => labPlan.code()).toThrow(/not fitted yet/);
  });

  it('names the step and the column', () => {
    expect(() => clean.plan().impute({ sex: 'median' }).fit(raw)).toThrow(/plan step 1 \(impute sex \(median\).*column 'sex' is not numeric, so it has no median; use 'mode'/);
    expect(() => clean.plan().dropColumns(['nope']).fit(raw)).toThrow(/plan step 1.*nope/);
    expect(() => clean.plan().dropColumns({ missingAbove: 30 })).toThrow(/missingAbove is a share in \[0, 1\), got 30/);
  });
});
