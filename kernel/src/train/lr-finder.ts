/**
 * `tsml.lrFinder(model, data, opts)`: the learning-rate range test. Trains
 * one step per rate on an exponential sweep from `minLr` to `maxLr`, records
 * the loss (debiased-EMA smoothed, as fastai does), stops once the loss
 * diverges, then puts the weights and optimizer state back as they were. The
 * suggestion is the rate where the smoothed loss falls fastest (steepest
 * negative slope against log LR), a common safe pick; `minLossLr / 10` is the
 * other classic rule, reported too. Displays as loss vs LR (log x).
 */
import type * as TF from '@tensorflow/tfjs';
import { JUPYTER_DISPLAY, type MimeBundle } from '../mime/index.js';
import { debiasedEma } from '../loss/index.js';
import { LiveChart } from './chart.js';
import { disposeBatch, makeSource, type DataInput, type DataOptions } from './data.js';
import { modelArithmetic } from './fit.js';
import { Accumulator } from './trainer.js';
import { optimizerKnobs } from './optimizer.js';
import { requireTf } from './tf.js';
import { watchInterrupt } from './interrupt.js';

export interface LrFinderOptions extends Omit<DataOptions, 'validationSplit' | 'validationData'> {
  minLr?: number;
  maxLr?: number;
  /** Rates tried (one optimizer step each). */
  steps?: number;
  /** EMA weight of the loss smoothing (default 1 − 4/steps, within [0.5, 0.98]: about a twentieth of the sweep). */
  smoothing?: number;
  /** Stop once the smoothed loss exceeds this multiple of its minimum. */
  divergeFactor?: number;
}

export interface LrFinderResult {
  lrs: number[];
  losses: number[];
  smoothed: number[];
  /** Where the smoothed loss falls fastest. */
  suggestion: number;
  /** The rate with the lowest smoothed loss, and a tenth of it. */
  minLossLr: number;
  [JUPYTER_DISPLAY](): MimeBundle;
}

export function suggestLr(lrs: number[], smoothed: number[]): { steepest: number; minLoss: number } {
  let iMin = 0;
  for (let i = 1; i < smoothed.length; i++) if (smoothed[i] < smoothed[iMin]) iMin = i;
  // Slope against log10(lr), by central differences, up to the minimum (after it the loss blows up); the first
  // tenth is skipped, as fastai's plot does: there the smoothing has seen too few points to be trusted.
  const skip = Math.max(1, Math.floor(smoothed.length / 10));
  let best = skip;
  let bestSlope = Infinity;
  const end = Math.max(skip + 1, iMin + 1);
  for (let i = skip; i < Math.min(end, smoothed.length - 1); i++) {
    const slope = (smoothed[i + 1] - smoothed[i - 1]) / (Math.log10(lrs[i + 1]) - Math.log10(lrs[i - 1]));
    if (slope < bestSlope) {
      bestSlope = slope;
      best = i;
    }
  }
  return { steepest: lrs[best], minLoss: lrs[iMin] };
}

/**
 * The learning-rate range test: one training step per rate on an exponential sweep from `minLr` to
 * `maxLr`, the smoothed loss recorded until it diverges, then the weights and optimizer state
 * restored. Suggests the rate of steepest descent (and `minLossLr / 10`); displays loss against
 * LR.
 */
export async function lrFinder(model: TF.LayersModel, data: DataInput, opts: LrFinderOptions = {}): Promise<LrFinderResult> {
  const tf = requireTf();
  const { minLr = 1e-7, maxLr = 10, steps = 100, divergeFactor = 4 } = opts;
  const smoothing = opts.smoothing ?? Math.min(0.98, Math.max(0.5, 1 - 4 / steps));
  if (!(minLr > 0 && maxLr > minLr)) throw new RangeError(`lrFinder: need 0 < minLr < maxLr, got ${minLr} and ${maxLr}`);
  if (!(Number.isInteger(steps) && steps >= 5)) throw new RangeError(`lrFinder: steps must be an integer ≥ 5, got ${steps}`);
  const step = modelArithmetic(tf, model as Parameters<typeof modelArithmetic>[1]);
  const knobs = optimizerKnobs(step.optimizer);
  const source = makeSource(tf, data, opts);
  const weights = model.getWeights().map((w) => w.clone());
  const optWeights = (await step.optimizer.getWeights()).map((w) => ({ name: w.name, tensor: w.tensor.clone() }));
  const lr0 = knobs.learningRate();
  const acc = new Accumulator(tf, step);
  const watch = watchInterrupt();
  const lrs: number[] = [];
  const losses: number[] = [];
  let smoothed: number[] = [];
  try {
    sweep: for (let epoch = 0; lrs.length < steps; epoch++) {
      for await (const { batch, owned } of source.batches(epoch)) {
        if (lrs.length >= steps || watch.requested) {
          if (owned) disposeBatch(tf, batch);
          break sweep;
        }
        const lr = minLr * (maxLr / minLr) ** (lrs.length / (steps - 1));
        knobs.setLearningRate(lr);
        let c;
        try {
          c = acc.add(batch, true);
        } finally {
          if (owned) disposeBatch(tf, batch);
        }
        acc.apply(1);
        const v = c.sums.dataSync();
        const loss = v[0] / v[1];
        c.sums.dispose();
        lrs.push(lr);
        losses.push(loss);
        smoothed = debiasedEma(losses, smoothing);
        const s = smoothed[smoothed.length - 1];
        if (!Number.isFinite(s) || s > divergeFactor * Math.min(...smoothed)) break sweep;
      }
    }
  } finally {
    watch.dispose();
    acc.discard();
    source.dispose();
    model.setWeights(weights);
    tf.dispose(weights);
    // A fresh optimizer gets its slots back to zero (the sweep created them), so the fit after starts clean.
    const restore = optWeights.length ? optWeights : (await step.optimizer.getWeights()).map((w) => ({ name: w.name, tensor: tf.zerosLike(w.tensor) }));
    if (restore.length) await step.optimizer.setWeights(restore);
    tf.dispose(restore.map((w) => w.tensor));
    knobs.setLearningRate(lr0);
  }
  if (lrs.length < 3) throw new Error(`lrFinder: only ${lrs.length} steps ran; give it more data or fewer steps`);
  const { steepest, minLoss } = suggestLr(lrs, smoothed);
  const result: LrFinderResult = {
    lrs,
    losses,
    smoothed,
    suggestion: steepest,
    minLossLr: minLoss,
    [JUPYTER_DISPLAY]() {
      const chart = new LiveChart({ title: `LR finder: suggested ${steepest.toPrecision(2)} (steepest descent); min loss at ${minLoss.toPrecision(2)}`, xLabel: 'learning rate', xLog: true, smoothing, live: false });
      const run = chart.run('lr sweep');
      lrs.forEach((lr, i) => run.log('batch', 'loss', lr, losses[i]));
      run.status = 'done';
      run.step = lrs.length;
      chart.marker = { x: steepest, label: `suggested ${steepest.toPrecision(2)}` };
      return chart.bundle(true);
    },
  };
  return result;
}
