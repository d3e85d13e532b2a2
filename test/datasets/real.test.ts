/**
 * The real datasets against scikit-learn's own loaders (the venv's sklearn 1.9.1,
 * the same files), the catalogue, the planted lab figures and the image batches.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as ds from '../../datasets/src/index.js';

const PY = join(process.cwd(), '.venv', 'bin', 'python');
const num = (t: { array: (c: string) => unknown }, c: string) => Array.from(t.array(c) as ArrayLike<number>);

describe('real datasets from scikit-learn', () => {
  it('iris, wine, digits, diabetes and breast cancer are load_*(as_frame=True).frame, value for value', () => {
    const script = `
import json
from sklearn.datasets import load_iris, load_wine, load_digits, load_diabetes
out = {}
from sklearn.datasets import load_breast_cancer
for name, f in [("iris", load_iris), ("wine", load_wine), ("digits", load_digits), ("diabetes", load_diabetes), ("breastCancer", load_breast_cancer)]:
    df = f(as_frame=True).frame
    out[name] = {c: df[c].astype(float).tolist() for c in df.columns}
df = load_diabetes(as_frame=True, scaled=False).frame
out["diabetes_raw"] = {c: df[c].astype(float).tolist() for c in df.columns}
print(json.dumps(out))`;
    const want = JSON.parse(execFileSync(PY, ['-c', script], { maxBuffer: 64 << 20 }).toString());
    const got = { iris: ds.iris(), wine: ds.wine(), digits: ds.digits(), diabetes: ds.diabetes(), breastCancer: ds.breastCancer(), diabetes_raw: ds.diabetes({ scaled: false }) };
    for (const [name, table] of Object.entries(got)) {
      expect(table.columnNames(), name).toEqual(Object.keys(want[name]));
      for (const c of table.columnNames()) {
        const w = want[name][c] as number[];
        // The scaled diabetes features are computed here (mean, sd, √n): equal to the last bits' rounding.
        if (name === 'diabetes' && c !== 'target') num(table, c).forEach((v, i) => expect(Math.abs(v - w[i])).toBeLessThan(1e-15));
        else expect(num(table, c), `${name}.${c}`).toEqual(w);
      }
    }
    expect(ds.iris.targetNames).toEqual(['setosa', 'versicolor', 'virginica']);
  }, 60_000);
});

describe('the catalogue', () => {
  it('labels every dataset real (with source and licence) or generated, and each one loads', () => {
    const rows = ds.list().objects() as Array<Record<string, string | number>>;
    for (const r of rows) {
      expect(['real', 'generated']).toContain(r.origin);
      expect(String(r.source).length, r.name as string).toBeGreaterThan(5);
      expect(String(r.licence).length, r.name as string).toBeGreaterThan(3);
      const load = (ds as unknown as Record<string, (o?: object) => unknown>)[r.name as string];
      expect(typeof load, `${r.name} is exported`).toBe('function');
    }
    const real = rows.filter((r) => r.origin === 'real').map((r) => r.name);
    expect(real).toEqual(expect.arrayContaining(['iris', 'wine', 'digits', 'diabetes', 'breastCancer', 'autoMpg']));
    for (const name of ['iris', 'wine', 'digits', 'diabetes', 'breastCancer', 'autoMpg', 'tvMarketing', 'bikeShare']) {
      const r = rows.find((x) => x.name === name)!;
      const t = (ds as unknown as Record<string, () => { numRows(): number; numCols(): number }>)[name]();
      expect([t.numRows(), t.numCols()], name).toEqual([r.rows, r.columns]);
    }
  });
});

describe('planted lab figures', () => {
  it('tvMarketing: OLS gives the lab\'s 7.032594 and 0.047537 for several seeds', () => {
    for (const seed of [0, 1, 7]) {
      const t = ds.tvMarketing({ seed });
      const fit = ds.olsWithIntercept(num(t, 'TV').map((v) => [v]), num(t, 'Sales'));
      expect([fit.intercept.toFixed(6), fit.coef[0].toFixed(6)]).toEqual(['7.032594', '0.047537']);
      expect(num(t, 'Sales').every((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9)).toBe(true);
    }
    expect(ds.tvMarketing({ fit: null }).numRows()).toBe(200);
  });

  it('bikeShare: the 80/20 random_state=0 regression prints the lab\'s MSE, RMSE and R²', () => {
    const rows = ds.bikeShare().objects() as Array<Record<string, number | string>>;
    const { features, target } = ds.BIKE_SHARE_LAB;
    const X = rows.map((r) => features.map((f) => (f === 'day' ? Number(String(r.dteday).slice(8, 10)) : Number(r[f]))));
    const y = rows.map((r) => Number(r[target]));
    const { train, test } = ds.trainTestSplitIndices(731, { testSize: 0.2, randomState: 0 });
    const fit = ds.olsWithIntercept(train.map((i) => X[i]), train.map((i) => y[i]));
    const pred = test.map((i) => X[i].reduce((s, v, j) => s + v * fit.coef[j], fit.intercept));
    const yt = test.map((i) => y[i]);
    const mse = yt.reduce((s, v, k) => s + (v - pred[k]) ** 2, 0) / yt.length;
    const mean = yt.reduce((a, b) => a + b, 0) / yt.length;
    const r2 = 1 - (mse * yt.length) / yt.reduce((s, v) => s + (v - mean) ** 2, 0);
    expect([mse.toFixed(4), Math.sqrt(mse).toFixed(2), r2.toFixed(4)]).toEqual(['210673.0968', '458.99', '0.6013']);
    expect(rows.every((r) => Number(r.cnt) === Number(r.casual) + Number(r.registered) && Number(r.casual) >= 0)).toBe(true);
  });
});

describe('images', () => {
  it('cifarLike: N×32×32×3 uint8 with labels 0-9; cifar10 says where the files must be', () => {
    const b = ds.cifarLike({ n: 50, seed: 1 });
    expect(b.shape).toEqual([50, 32, 32, 3]);
    expect(b.x.length).toBe(50 * 3072);
    expect(Math.max(...b.y)).toBeLessThan(10);
    expect(b.classes[0]).toBe('airplane');
    expect(() => ds.cifar10('/nonexistent')).toThrow(/data_batch_1.bin.*not found in \/nonexistent/);
  });

  it('cifar10 reads CIFAR-10 binary batches (label byte + CHW planes) into HWC', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsml-cifar-'));
    const b = ds.cifarLike({ n: 12, seed: 2 });
    const record = (i: number) => {
      const out = Buffer.alloc(3073);
      out[0] = b.y[i];
      for (let p = 0; p < 1024; p++) for (let c = 0; c < 3; c++) out[1 + c * 1024 + p] = b.x[i * 3072 + p * 3 + c];
      return out;
    };
    for (let f = 1; f <= 5; f++) writeFileSync(join(dir, `data_batch_${f}.bin`), Buffer.concat([record(2 * f - 2), record(2 * f - 1)]));
    writeFileSync(join(dir, 'test_batch.bin'), Buffer.concat([record(10), record(11)]));
    const train = ds.cifar10(dir);
    expect(train.shape).toEqual([10, 32, 32, 3]);
    expect(Array.from(train.x)).toEqual(Array.from(b.x.subarray(0, 10 * 3072)));
    expect(Array.from(train.y)).toEqual(Array.from(b.y.subarray(0, 10)));
    const test = ds.cifar10(dir, { train: false });
    expect(Array.from(test.y)).toEqual(Array.from(b.y.subarray(10)));
  });
});
