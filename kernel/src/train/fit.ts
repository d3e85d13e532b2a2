/**
 * `tsml.fit(model, data, opts)`: trains a compiled tfjs-layers model with
 * tsml's loop (see loop.ts) — the model's own loss, metrics and optimizer,
 * plus accumulation, masks, callbacks, live curves, interrupt and resume.
 */
import type * as TF from '@tensorflow/tfjs';
import { History } from './history.js';
import { makeSource, type Batch, type DataInput, type DataOptions } from './data.js';
import { trainingLoop } from './loop.js';
import type { Evaluation, Forward, StepArithmetic } from './trainer.js';
import type { Callback } from './callbacks/types.js';
import { defaultCallbacks } from './callbacks/defaults.js';
import { requireTf } from './tf.js';
import { checkOptions } from '../data/errors.js';

export interface FitOptions extends DataOptions {
  epochs?: number;
  /** Resume: the first epoch to run (the history continues from there). */
  initialEpoch?: number;
  /** Micro-batches per optimizer step; the loss is normalised over all their examples (or unmasked tokens). */
  accumulate?: number;
  callbacks?: Callback[];
  /**
   * Default callbacks (live loss chart in a notebook, text progress headless) are added unless this is
   * false; `'auto'` (default) leaves them out when `callbacks` already has a liveLoss or progress.
   */
  verbose?: boolean | 'auto';
  /** Name of the run in charts and the history. */
  name?: string;
  /** Continue this history (resume); by default a fit with `initialEpoch` continues the model's last one. */
  history?: History;
  /** Keep batches from iterables instead of disposing them after their step. */
  keepBatches?: boolean;
}

/** What fit takes: a Keras habit (`batch_size`, `validation_split`) or a typo must not be ignored. */
export const FIT_OPTIONS = ['epochs', 'initialEpoch', 'accumulate', 'callbacks', 'verbose', 'name', 'history', 'keepBatches',
  'batchSize', 'shuffle', 'seed', 'x', 'y', 'validationSplit', 'validationData'];

type Model = TF.LayersModel & { lossFunctions?: ((yTrue: TF.Tensor, yPred: TF.Tensor) => TF.Tensor)[]; metricsNames?: string[]; metricsTensors?: [(yTrue: TF.Tensor, yPred: TF.Tensor) => TF.Tensor, number][] };

/** y of shape [n] against predictions [n, 1]: reshape, as Keras does, instead of broadcasting to [n, n]. */
function alignTarget(tf: typeof TF, y: TF.Tensor, pred: TF.Tensor): TF.Tensor {
  if (y.rank === pred.rank - 1 && pred.shape[pred.rank - 1] === 1) return tf.expandDims(y, -1);
  return y;
}

export function modelArithmetic(tf: typeof TF, model: Model): StepArithmetic {
  // A Sequential keeps its compiled state on the functional model inside it.
  const inner = ((model as unknown as { model?: Model }).model ?? model) as Model;
  const lossFns = inner.lossFunctions;
  if (!model.optimizer || !lossFns?.length) {
    throw new TypeError("fit: compile the model first, e.g. model.compile({ optimizer: tf.train.rmsprop(1e-3), loss: 'meanSquaredError', metrics: ['mae', 'mse'] })");
  }
  if (model.outputs.length !== 1) throw new TypeError(`fit: models with ${model.outputs.length} outputs are not supported yet; use tsml.fitLoop with your own loss`);
  const metricFns = (inner.metricsTensors ?? []).map(([fn]) => fn);
  // metricsNames is ['loss', then the metrics as compiled: 'mae', 'acc', …].
  const names = (inner.metricsNames ?? []).slice(1).map((n, i) => n || `metric${i}`);
  const variables = model.trainableWeights.map((w) => (w as unknown as { read(): TF.Variable }).read());
  const forward = (batch: Batch, training: boolean): Forward => {
    if (!batch.y) throw new TypeError('fit: batches need targets (y) to train a model');
    const pred = model.apply(batch.x, { training }) as TF.Tensor;
    const y = alignTarget(tf, batch.y as TF.Tensor, pred);
    let loss = lossFns[0](y, pred);
    // Regularisers' penalties, per example, so that dividing by the count adds each once.
    const reg = model.losses as unknown as (TF.Scalar | (() => TF.Scalar))[] | undefined;
    if (reg?.length) loss = tf.add(loss, tf.addN(reg.map((r) => (typeof r === 'function' ? (r as () => TF.Scalar)() : r))));
    return { loss, made: [pred, y], metrics: () => Object.fromEntries(names.map((n, i) => [n, metricFns[i](y, pred)])) };
  };
  return {
    metrics: names,
    variables,
    optimizer: model.optimizer,
    evaluate(batch: Batch, training: boolean): Evaluation {
      const f = forward(batch, training);
      return { ...f.metrics(), loss: f.loss };
    },
    train: (batch) => forward(batch, true),
  };
}

/**
 * Trains a compiled tfjs-layers model with tsml's loop: the model's loss, metrics and optimizer,
 * plus `epochs`, `batchSize`, `validationSplit`/`validationData`, gradient accumulation
 * (`accumulate`), masks, callbacks (early stopping, schedules, checkpoints), a live loss chart and
 * interrupt/resume. Resolves to the `History`.
 */
export async function fit(model: TF.LayersModel, data: DataInput, opts: FitOptions = {}): Promise<History> {
  checkOptions('fit', opts, FIT_OPTIONS, TypeError);
  const tf = requireTf();
  const m = model as Model;
  const step = modelArithmetic(tf, m);
  const source = makeSource(tf, data, opts);
  const previous = (m as unknown as { history?: unknown }).history;
  const history = opts.history ?? (opts.initialEpoch && previous instanceof History ? previous : new History(opts.name ?? 'run'));
  (m as unknown as { history: History }).history = history;
  try {
    return await trainingLoop(tf, step, source, {
      epochs: opts.epochs ?? 1,
      initialEpoch: opts.initialEpoch ?? 0,
      accumulate: opts.accumulate ?? 1,
      callbacks: defaultCallbacks(opts.callbacks ?? [], opts.verbose ?? 'auto'),
      history,
      model,
      getWeights: () => model.getWeights().map((w) => w.clone()),
      setWeights: (w) => model.setWeights(w),
      resumeHint: (done) => `the history is model.history. Continue with tsml.fit(model, data, { ...options, initialEpoch: ${done} }).`,
    });
  } finally {
    source.dispose();
  }
}
