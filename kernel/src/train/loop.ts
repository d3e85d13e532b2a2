/**
 * The epoch/batch loop behind `fit` and `fitLoop`: accumulation groups,
 * validation, history, callbacks, interrupt at batch boundaries, and a clean
 * end whatever happens (callbacks always see onTrainEnd, tensors the loop made
 * are freed, the model keeps its weights).
 */
import type * as TF from '@tensorflow/tfjs';
import { History, type Logs, type RunStatus } from './history.js';
import { disposeBatch, type Source } from './data.js';
import { Accumulator, type StepArithmetic } from './trainer.js';
import { invoke, type Callback, type TrainContext } from './callbacks/types.js';
import { watchInterrupt, TrainingInterrupted } from './interrupt.js';
import { optimizerKnobs } from './optimizer.js';

export interface LoopOptions {
  epochs: number;
  initialEpoch: number;
  /** Micro-batches per optimizer step. */
  accumulate: number;
  callbacks: Callback[];
  history: History;
  getWeights(): TF.Tensor[];
  setWeights(w: TF.Tensor[]): void;
  /** The model being trained (fit), for callbacks that save it. */
  model?: unknown;
  /** How to resume, for the interrupt message. */
  resumeHint: (epoch: number) => string;
}

/** Yield to the event loop this often, so display updates, comms and SIGINT get through. */
const YIELD_MS = 40;

export async function trainingLoop(tf: typeof TF, step: StepArithmetic, source: Source, o: LoopOptions): Promise<History> {
  const { history, callbacks } = o;
  if (!(Number.isInteger(o.accumulate) && o.accumulate >= 1)) throw new RangeError(`fit: accumulate must be a positive integer (micro-batches per optimizer step), got ${o.accumulate}`);
  if (!(Number.isInteger(o.epochs) && o.epochs >= 0)) throw new RangeError(`fit: epochs must be a non-negative integer, got ${o.epochs}`);
  if (!(Number.isInteger(o.initialEpoch) && o.initialEpoch >= 0)) throw new RangeError(`fit: initialEpoch must be a non-negative integer, got ${o.initialEpoch}`);
  const acc = new Accumulator(tf, step);
  const knobs = optimizerKnobs(step.optimizer);
  const watch = watchInterrupt();
  const started = performance.now();
  let stepCount = history.batches.step.length ? history.batches.step[history.batches.step.length - 1] : 0;
  let epoch = o.initialEpoch;
  let stopReason: string | undefined;
  let lastYield = started;
  const stepsPerEpoch = () => (source.batchesPerEpoch === null ? null : Math.ceil(source.batchesPerEpoch / o.accumulate));
  let progress = epoch;
  const ctx: TrainContext = {
    history,
    epochs: o.epochs,
    initialEpoch: o.initialEpoch,
    get epoch() { return epoch; },
    get step() { return stepCount; },
    get stepsPerEpoch() { return stepsPerEpoch(); },
    get progress() { return progress; },
    elapsed: () => performance.now() - started,
    stop(reason: string) { stopReason = reason; },
    get stopRequested() { return stopReason !== undefined; },
    getWeights: () => o.getWeights(),
    setWeights: (w) => o.setWeights(w as TF.Tensor[]),
    learningRate: knobs.learningRate,
    setLearningRate: knobs.setLearningRate,
    momentum: knobs.momentum,
    setMomentum: knobs.setMomentum,
    get metrics() { return ['loss', ...step.metrics]; },
    validates: Boolean(source.validation),
    run: history.name,
    model: o.model,
  } as TrainContext;
  history.status = 'running';
  let status: RunStatus = 'running';
  let failure: unknown;
  try {
    await invoke(callbacks, 'onTrainBegin', ctx);
    for (; epoch < o.epochs; epoch++) {
      await invoke(callbacks, 'onEpochBegin', epoch, ctx);
      const t0 = performance.now();
      const epochSums: number[] = [];
      let group: TF.Tensor | null = null;
      let micro = 0;
      let stepInEpoch = 0;
      const takeStep = async () => {
        const sums = group!.dataSync();
        group!.dispose();
        group = null;
        // [sum, count] per figure, loss first: the step divides by the loss's count over the whole group.
        acc.apply(o.accumulate === 1 ? 1 : sums[1]);
        stepCount++;
        stepInEpoch++;
        const logs = meansOf(['loss', ...step.metrics], sums);
        logs.lr = knobs.learningRate();
        for (let i = 0; i < sums.length; i++) epochSums[i] = (epochSums[i] ?? 0) + sums[i];
        micro = 0;
        const spe = stepsPerEpoch();
        progress = epoch + Math.min(1, spe ? stepInEpoch / spe : 1 - 1 / (stepInEpoch + 1));
        history.addBatch(stepCount, progress, logs);
        await invoke(callbacks, 'onBatchEnd', stepCount, logs, ctx);
      };
      for await (const { batch, owned } of source.batches(epoch)) {
        if (watch.requested) {
          if (owned) disposeBatch(tf, batch);
          status = 'interrupted';
          break;
        }
        let c;
        try {
          c = acc.add(batch, o.accumulate === 1);
        } finally {
          if (owned) disposeBatch(tf, batch);
        }
        if (group) {
          const sum: TF.Tensor = tf.add(group, c.sums);
          tf.dispose([group, c.sums]);
          group = sum;
        } else group = c.sums;
        if (++micro === o.accumulate) await takeStep();
        if (stopReason !== undefined) break;
        if (performance.now() - lastYield > YIELD_MS) {
          await new Promise((r) => setImmediate(r));
          lastYield = performance.now();
        }
      }
      // The last, partial group of an epoch is a step of its own, normalised by what it holds.
      if (micro > 0 && status !== 'interrupted') await takeStep();
      if (status === 'interrupted') {
        acc.discard();
        if (group) (group as TF.Tensor).dispose();
        break;
      }
      const logs = meansOf(['loss', ...step.metrics], epochSums);
      if (source.validation) Object.assign(logs, await validate(tf, acc, step.metrics, source.validation));
      logs.lr = knobs.learningRate();
      progress = epoch + 1;
      history.addEpoch({ ...logs, epoch, step: stepCount, time: performance.now() - t0 });
      await invoke(callbacks, 'onEpochEnd', epoch, logs, ctx);
      if (stopReason !== undefined) {
        status = 'stopped';
        history.note ??= stopReason;
        epoch++;
        break;
      }
      if (watch.requested) {
        status = 'interrupted';
        epoch++;
        break;
      }
    }
    if (status === 'running') status = 'done';
  } catch (e) {
    status = 'failed';
    failure = e;
    acc.discard();
  } finally {
    watch.dispose();
  }
  history.status = status;
  if (status === 'interrupted') history.note = `interrupted in epoch ${epoch + 1 > o.epochs ? o.epochs : epoch + 1} of ${o.epochs} after ${stepCount} steps`;
  try {
    await invoke(callbacks, 'onTrainEnd', ctx, status);
  } catch (e) {
    failure ??= e;
  }
  if (failure) throw failure;
  if (status === 'interrupted') {
    const done = history.length ? history.epochs[history.length - 1].epoch + 1 : o.initialEpoch;
    throw new TrainingInterrupted(`Training interrupted after ${done} of ${o.epochs} epochs (${stepCount} steps). The weights and the history so far are kept; ${o.resumeHint(done)}`, history);
  }
  return history;
}

/** Logs from [sum, count] pairs: each figure's mean over what it counted. */
function meansOf(names: string[], sums: ArrayLike<number>, prefix = ''): Logs {
  const logs: Logs = {};
  names.forEach((n, i) => (logs[prefix + n] = sums[2 * i] / sums[2 * i + 1]));
  return logs;
}

async function validate(tf: typeof TF, acc: Accumulator, metrics: string[], val: Source): Promise<Logs> {
  const sums: number[] = [];
  for await (const { batch, owned } of val.batches(0)) {
    try {
      const c = acc.measure(batch);
      const v = c.sums.dataSync();
      c.sums.dispose();
      for (let i = 0; i < v.length; i++) sums[i] = (sums[i] ?? 0) + v[i];
    } finally {
      if (owned) disposeBatch(tf, batch);
    }
  }
  return meansOf(['loss', ...metrics], sums, 'val_');
}
