/**
 * The scikit-learn and pandas ports against scikit-learn and pandas in the venv:
 * the labs' make_blobs and make_classification calls (and others), train/test
 * splits and pandas' sample, for several seeds. Labels, row orders and indices
 * must be identical; coordinates identical but for the rare normals where
 * glibc's log is not correctly rounded (see random-state.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  makeBlobs, makeClassification, sampleIndices, trainTestSplitIndices, type MakeBlobsOptions, type MakeClassificationOptions,
} from '../../datasets/src/sklearn/index.js';

const PY = join(process.cwd(), '.venv', 'bin', 'python');
const dir = mkdtempSync(join(tmpdir(), 'tsml-sklearn-'));

interface Case { id: string; fn: string; kwargs: Record<string, unknown>; run: () => { X?: number[][]; y?: number[]; idx?: number[] } }
const cases: Case[] = [];

const blobs = (id: string, kwargs: Record<string, unknown>, opts: MakeBlobsOptions) =>
  cases.push({ id, fn: 'make_blobs', kwargs, run: () => makeBlobs(opts) });
const classification = (id: string, kwargs: Record<string, unknown>, opts: MakeClassificationOptions) =>
  cases.push({ id, fn: 'make_classification', kwargs, run: () => makeClassification(opts) });

// The map-reduce lab's two calls, exactly as LABS.md gives them.
blobs('blobs-lab', { n_samples: 10000, n_features: 2, centers: 5, random_state: 12345 }, { nSamples: 10000, nFeatures: 2, centers: 5, randomState: 12345 });
classification('classification-lab',
  { n_samples: 10000, n_features: 2, n_informative: 2, n_redundant: 0, n_clusters_per_class: 1, random_state: 123 },
  { nSamples: 10000, nFeatures: 2, nInformative: 2, nRedundant: 0, nClustersPerClass: 1, randomState: 123 });
for (const seed of [0, 1, 42]) {
  blobs(`blobs-${seed}`, { n_samples: 1001, n_features: 3, centers: 4, cluster_std: [0.5, 1, 2, 0.1], random_state: seed },
    { nSamples: 1001, nFeatures: 3, centers: 4, clusterStd: [0.5, 1, 2, 0.1], randomState: seed });
  blobs(`blobs-given-${seed}`, { n_samples: [10, 20], centers: [[0, 0], [5, 5]], shuffle: false, random_state: seed },
    { nSamples: [10, 20], centers: [[0, 0], [5, 5]], shuffle: false, randomState: seed });
  classification(`classification-default-${seed}`, { n_samples: 500, random_state: seed }, { nSamples: 500, randomState: seed });
  classification(`classification-rich-${seed}`,
    { n_samples: 700, n_features: 12, n_informative: 4, n_redundant: 3, n_repeated: 2, n_classes: 3, n_clusters_per_class: 2,
      weights: [0.2, 0.3], flip_y: 0.05, class_sep: 1.5, hypercube: false, shift: null, scale: null, random_state: seed },
    { nSamples: 700, nFeatures: 12, nInformative: 4, nRedundant: 3, nRepeated: 2, nClasses: 3, nClustersPerClass: 2,
      weights: [0.2, 0.3], flipY: 0.05, classSep: 1.5, hypercube: false, shift: null, scale: null, randomState: seed });
}
for (const seed of [0, 1, 42, 123, 12345]) {
  cases.push({ id: `split-${seed}`, fn: 'train_test_split', kwargs: { n: 731, test_size: 0.2, random_state: seed }, run: () => join2(trainTestSplitIndices(731, { testSize: 0.2, randomState: seed })) });
  cases.push({ id: `split-sizes-${seed}`, fn: 'train_test_split', kwargs: { n: 100, test_size: 17, train_size: 0.5, random_state: seed }, run: () => join2(trainTestSplitIndices(100, { testSize: 17, trainSize: 0.5, randomState: seed })) });
  const y = Array.from({ length: 303 }, (_, i) => (i * 7) % 3 === 0 ? 'a' : i % 5 === 0 ? 'c' : 'b');
  cases.push({ id: `split-strat-${seed}`, fn: 'train_test_split', kwargs: { n: 303, test_size: 0.3, random_state: seed, stratify: y }, run: () => join2(trainTestSplitIndices(303, { testSize: 0.3, randomState: seed, stratify: y })) });
  cases.push({ id: `sample-${seed}`, fn: 'sample', kwargs: { n_rows: 392, frac: 0.8, random_state: seed }, run: () => ({ idx: sampleIndices(392, { frac: 0.8, randomState: seed }) }) });
  cases.push({ id: `sample-n-${seed}`, fn: 'sample', kwargs: { n_rows: 50, n: 80, replace: true, random_state: seed }, run: () => ({ idx: sampleIndices(50, { n: 80, replace: true, randomState: seed }) }) });
  const w = Array.from({ length: 30 }, (_, i) => 1 + (i % 4));
  cases.push({ id: `sample-w-${seed}`, fn: 'sample', kwargs: { n_rows: 30, n: 6, weights: w, random_state: seed }, run: () => ({ idx: sampleIndices(30, { n: 6, weights: w, randomState: seed }) }) });
}

function join2(s: { train: number[]; test: number[] }) {
  return { idx: [...s.train, ...s.test] };
}

beforeAll(() => {
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases.map(({ id, fn, kwargs }) => ({ id, fn, kwargs }))));
  execFileSync(PY, [join(__dirname, 'sklearn_oracle.py'), dir], { stdio: 'inherit' });
}, 120_000);

function read(name: string): number[] {
  const b = readFileSync(join(dir, name));
  return Array.from(new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8));
}

function expectCoordinatesAgree(id: string, got: number[], want: number[]): void {
  expect(got.length, id).toBe(want.length);
  let differing = 0;
  got.forEach((g, i) => {
    if (Object.is(g, want[i])) return;
    differing++;
    expect(Math.abs(g - want[i]) <= 1e-13 * Math.max(1, Math.abs(want[i])), `${id}: value ${i} is ${g}, sklearn gives ${want[i]}`).toBe(true);
  });
  expect(differing / got.length, `${id}: ${differing} of ${got.length} coordinates differ`).toBeLessThan(0.002);
}

describe('scikit-learn and pandas ports', () => {
  for (const kind of ['blobs', 'classification', 'split', 'sample']) {
    it(`${kind}: the same rows as scikit-learn / pandas`, () => {
      for (const c of cases.filter((x) => x.id.startsWith(`${kind}-`))) {
        const out = c.run();
        if (out.idx) {
          expect(out.idx, c.id).toEqual(read(`${c.id}.idx.f64`));
          continue;
        }
        expect(out.y, c.id).toEqual(read(`${c.id}.y.f64`));
        expectCoordinatesAgree(c.id, out.X!.flat(), read(`${c.id}.X.f64`));
      }
    });
  }

  it('the map-reduce lab: 10,000 points, 5 blobs of 2,000, classes of 5,000 each', () => {
    const b = makeBlobs({ nSamples: 10000, nFeatures: 2, centers: 5, randomState: 12345 });
    expect(b.X.length).toBe(10000);
    expect([0, 1, 2, 3, 4].map((k) => b.y.filter((v) => v === k).length)).toEqual([2000, 2000, 2000, 2000, 2000]);
    const c = makeClassification({ nSamples: 10000, nFeatures: 2, nInformative: 2, nRedundant: 0, nClustersPerClass: 1, randomState: 123 });
    expect(c.featureInfo).toEqual(['informative', 'informative']);
    // flip_y = 0.01 redraws about 1 % of labels, so the classes are not exactly even.
    expect(Math.abs(c.y.filter((v) => v === 1).length - 5000)).toBeLessThan(100);
  });

  it('says what is wrong with bad arguments', () => {
    expect(() => makeClassification({ nInformative: 1, nClasses: 3 })).toThrow(/2\*\*nInformative/);
    expect(() => makeClassification({ nFeatures: 3, nInformative: 2, nRedundant: 2 })).toThrow(/at most nFeatures/);
    expect(() => makeBlobs({ centers: [[0, 0], [1]] })).toThrow(/same number of coordinates/);
    expect(() => makeBlobs({ centers: 2, clusterStd: [1, 2, 3] })).toThrow(/clusterStd has 3 values/);
    expect(() => trainTestSplitIndices(10, { testSize: 1.5 })).toThrow(/testSize=1.5/);
    expect(() => trainTestSplitIndices(10, { testSize: 0.5, stratify: [1, 1, 1, 1, 1, 1, 1, 1, 1, 2] })).toThrow(/only 1 member/);
    expect(() => sampleIndices(10, { n: 2, frac: 0.5 })).toThrow(/not both/);
    expect(() => sampleIndices(10, { frac: 2 })).toThrow(/replace/);
  });
});

describe('the table verbs take randomState', () => {
  it('trainTestSplit and sample pick the rows scikit-learn and pandas pick', async () => {
    const aq = await import('arquero');
    const { trainTestSplit, sample } = await import('../../kernel/src/data/index.js');
    const t = aq.table({ id: Array.from({ length: 731 }, (_, i) => i), label: Array.from({ length: 731 }, (_, i) => i % 3) });
    const { train, test } = trainTestSplit(t, { testSize: 0.2, randomState: 0 });
    const want = read('split-0.idx.f64');
    expect([...(train.array('id') as number[]), ...(test.array('id') as number[])]).toEqual(want);
    expect(test.numRows()).toBe(147);
    const picked = sample(t.slice(0, 392), { frac: 0.8, randomState: 0 });
    expect(Array.from(picked.array('id') as number[])).toEqual(read('sample-0.idx.f64'));
    expect(picked.numRows()).toBe(314);
    expect(() => sample(t, { frac: 0.5, randomState: 0, seed: 1 })).toThrow(/not both/);
    expect(() => trainTestSplit(t, { testSize: 0.2, randomState: 0, stratify: 'nope' })).toThrow(/unknown column 'nope'/);
    const strat = trainTestSplit(t, { testSize: 0.3, randomState: 1, stratify: 'label' });
    expect(strat.test.numRows()).toBe(220);
  });
});
