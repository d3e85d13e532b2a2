/**
 * tsml's LinearRegression and metrics against scikit-learn in the venv, and the
 * static SVG charts (every bundle carries image/svg+xml, text/html and text/plain,
 * with no script and escaped text).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinearRegression, accuracy, confusionMatrix, meanSquaredError, precisionRecall, r2Score } from '../../kernel/src/models/index.js';
import * as chart from '../../kernel/src/charts/svg.js';
import { numpy } from '../../datasets/src/numpy/index.js';

const PY = join(process.cwd(), '.venv', 'bin', 'python');

describe('LinearRegression and metrics agree with scikit-learn', () => {
  it('coefficients, predictions, R², MSE, confusion matrix, precision and recall', () => {
    const rs = numpy(5);
    const X = Array.from({ length: 200 }, () => Array.from(rs.randn(4)));
    const y = X.map((r) => 3 - 2 * r[0] + 0.5 * r[1] + 7 * r[3] + rs.randn());
    const yc = X.map((r) => (r[0] + 0.3 * rs.randn() > 0 ? 1 : 0));
    const pc = X.map((r) => (r[0] > 0.2 ? 1 : 0));
    const script = `
import json, sys
import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error, r2_score, confusion_matrix, precision_score, recall_score, f1_score, accuracy_score
d = json.load(sys.stdin)
X, y = np.array(d["X"]), np.array(d["y"])
m = LinearRegression().fit(X, y)
p = m.predict(X)
print(json.dumps({"intercept": m.intercept_, "coef": m.coef_.tolist(), "mse": mean_squared_error(y, p), "r2": r2_score(y, p),
  "cm": confusion_matrix(d["yc"], d["pc"]).tolist(), "precision": precision_score(d["yc"], d["pc"]), "recall": recall_score(d["yc"], d["pc"]),
  "f1": f1_score(d["yc"], d["pc"]), "accuracy": accuracy_score(d["yc"], d["pc"])}))`;
    const want = JSON.parse(execFileSync(PY, ['-c', script], { input: JSON.stringify({ X, y, yc, pc }) }).toString());
    const m = new LinearRegression().fit(X, y);
    expect(m.intercept).toBeCloseTo(want.intercept, 12);
    m.coef.forEach((c, j) => expect(c).toBeCloseTo(want.coef[j], 12));
    const p = m.predict(X);
    expect(meanSquaredError(y, p)).toBeCloseTo(want.mse, 12);
    expect(r2Score(y, p)).toBeCloseTo(want.r2, 12);
    expect(confusionMatrix(yc, pc).matrix).toEqual(want.cm);
    const pr = precisionRecall(yc, pc, 1);
    expect([pr.precision, pr.recall, pr.f1, accuracy(yc, pc)].map((v) => v.toFixed(12))).toEqual([want.precision, want.recall, want.f1, want.accuracy].map((v: number) => v.toFixed(12)));
  });

  it('saves and loads, and says what is wrong', () => {
    const m = new LinearRegression().fit([1, 2, 3, 4], [3, 5, 7, 9.5], ['x']);
    const path = join(mkdtempSync(join(tmpdir(), 'tsml-model-')), 'm.json');
    m.save(path);
    const back = LinearRegression.load(path);
    expect(back.predict([10, 20])).toEqual(m.predict([10, 20]));
    expect(back.features).toEqual(['x']);
    expect(() => new LinearRegression().predict([1])).toThrow(/not fitted/);
    expect(() => m.predict([[1, 2]])).toThrow(/need 1 features/);
    expect(() => new LinearRegression().fit([[1, 2], [2, 4], [3, 6]], [1, 2, 3])).toThrow(/collinear/);
    expect(() => meanSquaredError([1, 2], [1])).toThrow(/differ in length/);
  });
});

describe('static charts', () => {
  it('carry an SVG image, the same SVG as HTML and a text summary; no script; text escaped', () => {
    const charts = [
      chart.scatter([1, 2, 3], [2, 4, 7], { title: '<b>x</b> & y', trendline: true, diagonal: true }),
      chart.lines([{ name: 'loss', y: [3, 2, 1] }, { name: 'val', y: [3, 2.5, 2] }]),
      chart.histogram([1, 2, 2, 3, 3, 3], { bins: 3, density: true, curve: () => 0.3 }),
      chart.bars(['a', 'b'], [1, -2]),
    ];
    for (const c of charts) {
      const bundle = c[Symbol.for('Jupyter.display')]();
      expect(Object.keys(bundle).sort()).toEqual(['image/svg+xml', 'text/html', 'text/plain']);
      expect(bundle['image/svg+xml']).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(bundle['text/html']).toBe(bundle['image/svg+xml']);
      expect(bundle['image/svg+xml']).not.toMatch(/<script|on\w+=/i);
    }
    const s = charts[0][Symbol.for('Jupyter.display')]();
    expect(s['image/svg+xml']).toContain('&lt;b&gt;x&lt;/b&gt; &amp; y');
    expect(s['text/plain']).toMatch(/trendline y = .* \+ 2\.5·x/);
  });
});
