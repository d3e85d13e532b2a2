/**
 * Plants the bike-share lab's test figures in a generated day table. The lab
 * (UCI day.csv) regresses daily casual rentals on the calendar and weather
 * columns plus the day of month, splits 80/20 with random_state=0 and prints
 * MSE 210673.0968, RMSE 458.99 and R² 0.6013 on the test rows.
 *
 * The train rows stay as drawn, so the fit (and the test predictions ŷ) are
 * what the model gives. The 147 test targets are then rebuilt as
 * round(ŷ + α·u + β·(ŷ − mean ŷ)), u a unit noise vector orthogonal to 1 and ŷ,
 * with α and β solving SSE = 147·MSE and SST = SSE/(1 − R²); the rounding to
 * whole rentals leaves SSE a little off, which one test row's humidity absorbs
 * (its ŷ moves continuously with it), so MSE comes out to 4 decimals.
 */
import { trainTestSplitIndices } from '../sklearn/split.js';
import { olsWithIntercept } from '../linalg.js';

export const BIKE_SHARE_LAB = {
  features: ['season', 'yr', 'mnth', 'holiday', 'weekday', 'workingday', 'weathersit', 'temp', 'atemp', 'hum', 'windspeed', 'day'],
  target: 'casual',
  testSize: 0.2,
  randomState: 0,
  mse: 210673.0968,
  rmse: 458.99,
  r2: 0.6013,
} as const;

type Row = Record<string, string | number>;

/** The design row: the lab's features, `day` being the day of month of dteday. */
export function labFeatures(row: Row): number[] {
  return BIKE_SHARE_LAB.features.map((f) => (f === 'day' ? Number(String(row.dteday).slice(8, 10)) : Number(row[f])));
}

export function plantBikeShareLab(rows: Row[]): void {
  const { train, test } = trainTestSplitIndices(rows.length, { testSize: BIKE_SHARE_LAB.testSize, randomState: BIKE_SHARE_LAB.randomState });
  const fit = olsWithIntercept(train.map((i) => labFeatures(rows[i])), train.map((i) => Number(rows[i].casual)));
  const predict = (i: number) => labFeatures(rows[i]).reduce((s, v, j) => s + v * fit.coef[j], fit.intercept);
  const yhat = test.map(predict);
  const m = test.length;
  const mean = yhat.reduce((a, b) => a + b, 0) / m;
  const v = yhat.map((p) => p - mean);
  const V = v.reduce((s, x) => s + x * x, 0);
  // u: the drawn residuals, made orthogonal to 1 and v, unit length.
  let u = test.map((i, k) => Number(rows[i].casual) - yhat[k]);
  const uMean = u.reduce((a, b) => a + b, 0) / m;
  u = u.map((x) => x - uMean);
  const proj = u.reduce((s, x, k) => s + x * v[k], 0) / V;
  u = u.map((x, k) => x - proj * v[k]);
  const norm = Math.hypot(...u);
  u = u.map((x) => x / norm);
  const sse = BIKE_SHARE_LAB.mse * m;
  const sst = sse / (1 - BIKE_SHARE_LAB.r2);
  const beta = ((sst - sse) / V - 1) / 2;
  const alpha = Math.sqrt(sse - beta * beta * V);
  if (!Number.isFinite(alpha)) throw new Error('bikeShare: the drawn data cannot carry the lab figures');
  test.forEach((i, k) => setCasual(rows[i], Math.max(0, Math.round(yhat[k] + alpha * u[k] + beta * v[k]))));

  // The rounding's remainder in SSE goes into the humidity of the test row with the largest residual.
  const hum = BIKE_SHARE_LAB.features.indexOf('hum');
  const resid = test.map((i, k) => Number(rows[i].casual) - yhat[k]);
  const k = resid.reduce((best, r, j) => (Math.abs(r) > Math.abs(resid[best]) ? j : best), 0);
  const rest = resid.reduce((s, r, j) => (j === k ? s : s + r * r), 0);
  const target = Math.sqrt(sse - rest) * Math.sign(resid[k]);
  const row = rows[test[k]];
  // r_k' = y_k - ŷ_k - c·Δ  ⇒  Δ = (r_k - r_k') / c
  const delta = (resid[k] - target) / fit.coef[hum];
  const h = Number(row.hum) + delta;
  if (!(h > 0 && h < 1)) throw new Error('bikeShare: the planted humidity left [0, 1]');
  row.hum = h;
}

function setCasual(row: Row, casual: number): void {
  row.casual = casual;
  row.cnt = casual + Number(row.registered);
}
