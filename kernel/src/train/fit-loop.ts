/**
 * `tsml.fitLoop({ params, loss, optimizer, data, ... })`: the same loop as
 * `fit` for a custom model — a closure over variables. `loss(batch, { training })`
 * returns per-example (or per-token) losses, or a scalar batch mean, or
 * `{ loss, ...metrics }` of such tensors; fitLoop differentiates it with
 * `tf.variableGrads` over `params` (default: every trainable variable).
 */
import type * as TF from '@tensorflow/tfjs';
import { History } from './history.js';
import { disposeBatch, makeSource, type Batch, type DataInput } from './data.js';
import { trainingLoop } from './loop.js';
import type { Evaluation, StepArithmetic } from './trainer.js';
import { defaultCallbacks } from './callbacks/defaults.js';
import { FIT_OPTIONS, type FitOptions } from './fit.js';
import { checkOptions } from '../data/errors.js';
import { requireTf } from './tf.js';

export type LossFn = (batch: Batch, info: { training: boolean }) => TF.Tensor | ({ loss: TF.Tensor } & Record<string, TF.Tensor>);

export interface FitLoopOptions extends Omit<FitOptions, 'history'> {
  params?: TF.Variable[] | Record<string, TF.Variable>;
  loss: LossFn;
  optimizer: TF.Optimizer;
  data: DataInput;
  history?: History;
}

let last: History | undefined;

/** The history of the most recent fitLoop (kept after an interrupt, for resuming). */
export function lastHistory(): History | undefined {
  return last;
}

function loopArithmetic(tf: typeof TF, o: FitLoopOptions): StepArithmetic {
  if (typeof o.loss !== 'function') throw new TypeError('fitLoop: pass loss: (batch) => per-example losses (or their mean), e.g. ({ x, y }) => tf.losses.meanSquaredError(y, predict(x))');
  if (!o.optimizer || typeof (o.optimizer as { applyGradients?: unknown }).applyGradients !== 'function') throw new TypeError('fitLoop: pass optimizer: a tfjs optimizer, e.g. tf.train.adam(1e-3)');
  const variables = o.params === undefined ? [] : Array.isArray(o.params) ? o.params : Object.values(o.params);
  variables.forEach((v, i) => {
    if (typeof (v as { assign?: unknown })?.assign !== 'function') throw new TypeError(`fitLoop: params[${i}] is not a tf.Variable; make trainable values with tf.variable(...)`);
  });
  let metrics: string[] | null = null;
  const step: StepArithmetic = {
    get metrics() {
      return metrics ?? [];
    },
    variables,
    optimizer: o.optimizer,
    evaluate(batch, training): Evaluation {
      const out = o.loss(batch, { training });
      const ev: Evaluation = typeof (out as TF.Tensor).dataSync === 'function' ? { loss: out as TF.Tensor } : (out as Evaluation);
      if (!ev || typeof ev.loss?.dataSync !== 'function') throw new TypeError('fitLoop: loss must return a tensor, or { loss: tensor, ...metrics }');
      metrics ??= Object.keys(ev).filter((k) => k !== 'loss');
      return ev;
    },
  };
  return step;
}

/**
 * The `fit` loop for a custom model (a closure over variables): `loss(batch, { training })`
 * returns per-example losses, a batch mean or `{ loss, ...metrics }`; gradients of `params`
 * (default: every trainable variable) go to `optimizer`. Same options, callbacks and live chart as
 * `fit`; resolves to the `History`.
 */
export async function fitLoop(o: FitLoopOptions): Promise<History> {
  checkOptions('fitLoop', o, [...FIT_OPTIONS, 'params', 'loss', 'optimizer', 'data'], TypeError);
  const tf = requireTf();
  const step = loopArithmetic(tf, o);
  const source = makeSource(tf, o.data, o);
  const history = o.history ?? (o.initialEpoch && last ? last : new History(o.name ?? 'run'));
  last = history;
  // Metric names come from the loss's first result: ask once on a batch before the loop fixes them.
  await primeMetrics(tf, step, source);
  const vars = () => (step.variables.length ? step.variables : (Object.values(tf.engine().registeredVariables) as TF.Variable[]).filter((v) => v.trainable));
  try {
    return await trainingLoop(tf, step, source, {
      epochs: o.epochs ?? 1,
      initialEpoch: o.initialEpoch ?? 0,
      accumulate: o.accumulate ?? 1,
      callbacks: defaultCallbacks(o.callbacks ?? [], o.verbose ?? 'auto'),
      history,
      getWeights: () => vars().map((v) => v.clone()),
      setWeights: (w) => vars().forEach((v, i) => v.assign(w[i])),
      resumeHint: (done) => `the history is tsml.lastHistory(). Continue with tsml.fitLoop({ ...options, initialEpoch: ${done} }).`,
    });
  } finally {
    source.dispose();
  }
}

async function primeMetrics(tf: typeof TF, step: StepArithmetic, source: ReturnType<typeof makeSource>): Promise<void> {
  // Streamed data: the first step fixes the names.
  const batch = source.peek?.();
  if (!batch) return;
  try {
    tf.tidy(() => {
      step.evaluate(batch, false);
    });
  } finally {
    disposeBatch(tf, batch);
  }
}
