// Notebook 08's recipe (the Auto-MPG lab on pandas' sample(frac=0.8, random_state=0) rows) with tsml.fit
// for several seeds, beside the Keras tutorial's code on the same rows (auto_mpg_keras.py, bench venv):
// the spread of the final val MAE that notebook 08's prose and asserts are read against.
// Usage: node bench/training/auto_mpg.mjs [seeds, default 1,2,3,4,5]   (writes bench/results/auto-mpg.json)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tsml from '../../kernel/dist/index.js';

const seeds = (process.argv[2] ?? '1,2,3,4,5').split(',').map(Number);
const tf = await tsml.loadTf();
const raw = tsml.datasets.autoMpg();
const cars = tsml.dropna(raw, { subset: ['Horsepower'] });
const encoded = tsml.getDummies(cars, ['Origin'], { prefix: '', prefixSep: '' });
const train = tsml.sample(encoded, { frac: 0.8, randomState: 0 });
const test = encoded.antijoin(train);
const features = encoded.columnNames().filter((c) => c !== 'MPG');
const { table: trainN, params } = tsml.standardize(train, features, { ddof: 1 });
const testN = tsml.standardize(test, features, { params }).table;
const x = tsml.tableToTensor(trainN, features), y = tsml.tableToTensor(train, ['MPG']);
const xt = tsml.tableToTensor(testN, features), yt = tsml.tableToTensor(test, ['MPG']);

const report = { backend: tf.getBackend(), tsml: {} };
for (const seed of seeds) {
  tsml.seed(seed);
  const model = tf.sequential({ layers: [
    tf.layers.dense({ units: 64, activation: 'relu', inputShape: [features.length] }),
    tf.layers.dense({ units: 64, activation: 'relu' }),
    tf.layers.dense({ units: 1 }),
  ] });
  model.compile({ optimizer: tf.train.rmsprop(1e-3), loss: 'meanSquaredError', metrics: ['mae', 'mse'] });
  const h = await tsml.fit(model, { x, y }, { epochs: 1000, batchSize: 32, validationSplit: 0.2, verbose: false });
  const testMae = tf.tidy(() => model.predict(xt).sub(yt).abs().mean().dataSync()[0]);
  report.tsml[seed] = { lastValMae: h.last('val_mae'), bestValMae: h.best('val_mae').value, testMae };
  console.error(`tsml seed ${seed}: ${JSON.stringify(report.tsml[seed])}`);
}

const py = new URL('../../.venv-bench/bin/python', import.meta.url).pathname;
if (existsSync(py)) {
  const csv = join(mkdtempSync(join(tmpdir(), 'tsml-auto-mpg-')), 'cars.csv');
  writeFileSync(csv, raw.toCSV());
  const line = execFileSync(py, [new URL('./auto_mpg_keras.py', import.meta.url).pathname, csv, ...seeds.map(String)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  report.keras = JSON.parse(line.trim().split('\n').pop());
}
const file = new URL('../results/auto-mpg.json', import.meta.url).pathname;
mkdirSync(new URL('../results/', import.meta.url).pathname, { recursive: true });
writeFileSync(file, JSON.stringify(report, null, 2));
process.stdout.write(JSON.stringify(report, null, 2) + '\n', () => process.exit(0));
