/** What display.outliers returns: rows flagged at the panel's setting, and the link to a Dive of the same table. */
import { describe, expect, it } from 'vitest';
import { heartDisease } from '../../datasets/src/index.js';
import { outliersFor } from '../../kernel/src/display/outliers.js';
import { flaggedAt } from '../../kernel/src/outliers/index.js';

const heart = heartDisease({ seed: 0 });
const columns = ['age', 'trestbps', 'chol', 'thalach', 'oldpeak'];

describe('OutliersView', () => {
  it('rows() are the rows the payload flags at the default setting, and fewer at a larger k', () => {
    const { bundle, view } = outliersFor(heart, { columns });
    const p = bundle['application/vnd.tsml.outliers.v1+json'];
    expect(view.rows()).toEqual(flaggedAt(p, { k: 1.5, thresholds: Object.fromEntries(p.scores.map((s) => [s.detector, s.threshold])) }).map((r) => r.row).sort((a, b) => a - b));
    const before = view.rows().length;
    view.setting.k = 3;
    view.setting.thresholds.iforest = 1;
    view.setting.thresholds.knn = 1e9;
    expect(view.rows().length).toBeLessThan(before);
  });

  it('the default score thresholds flag PyOD’s contamination (10 %)', () => {
    const { bundle } = outliersFor(heart, { columns });
    for (const s of bundle['application/vnd.tsml.outliers.v1+json'].scores) {
      const above = s.top.scores.filter((v) => v >= s.threshold).length;
      expect(Math.abs(above - 92)).toBeLessThanOrEqual(1);
    }
  });

  it('highlight() marks the flagged rows in the linked Dive, and says what to pass without one', () => {
    let marked: number[] = [];
    const dive = { highlight: (rows: ArrayLike<number> | null) => void (marked = Array.from(rows ?? [])) };
    const { bundle, view } = outliersFor(heart, { columns, dive });
    expect(bundle['application/vnd.tsml.outliers.v1+json'].dive).toBe(true);
    expect(view.highlight()).toEqual(marked);
    expect(marked.length).toBeGreaterThan(0);
    expect(() => outliersFor(heart, { columns }).view.highlight()).toThrow(/no Dive to mark rows in. Pass the Dive of this table/);
  });
});
