/**
 * The callback contract. Every hook is optional and may be async; `fit` and
 * `fitLoop` call them in the order the callbacks were given. A hook that
 * throws fails the fit (and so the cell) with the callback's name and stack;
 * the model keeps the weights it had at that moment.
 */
import type { History, Logs, RunStatus } from '../history.js';

export interface TrainContext {
  readonly history: History;
  /** Planned epochs (the fit ends after epoch `epochs - 1`). */
  readonly epochs: number;
  readonly initialEpoch: number;
  /** Current epoch (0-based) and optimizer steps taken so far. */
  readonly epoch: number;
  readonly step: number;
  /** Optimizer steps in an epoch: known for in-memory data, estimated from the first epoch for iterables, else null. */
  readonly stepsPerEpoch: number | null;
  /** Epochs done, fractional within an epoch (2.5: half-way through the third); the charts' x. */
  readonly progress: number;
  /** Milliseconds since the fit started. */
  elapsed(): number;
  /** Ends the fit after the current batch (early stopping). */
  stop(reason: string): void;
  readonly stopRequested: boolean;
  /** A copy of the trainable weights (the caller owns them: dispose what you keep). */
  getWeights(): unknown[];
  setWeights(weights: unknown[]): void;
  learningRate(): number;
  setLearningRate(lr: number): void;
  /** Momentum (SGD momentum, RMSProp momentum) or Adam's beta1, where the optimizer has one; NaN otherwise. */
  momentum(): number;
  setMomentum(m: number): void;
  /** Names of the train logs ('loss', metrics), without the `val_` ones. */
  readonly metrics: string[];
  /** True when validation figures are computed every epoch. */
  readonly validates: boolean;
  /** Run name (shown in charts that compare runs). */
  readonly run: string;
  /** The tfjs-layers model `fit` trains (undefined in fitLoop). */
  readonly model?: unknown;
}

export interface Callback {
  /** Shown in errors: "callback earlyStopping.onEpochEnd failed: …". */
  name?: string;
  onTrainBegin?(ctx: TrainContext): void | Promise<void>;
  onEpochBegin?(epoch: number, ctx: TrainContext): void | Promise<void>;
  /** After every optimizer step; `logs` has the step's loss and metrics (and lr). */
  onBatchEnd?(step: number, logs: Logs, ctx: TrainContext): void | Promise<void>;
  /** After validation; `logs` has the epoch's means and the val_* figures. */
  onEpochEnd?(epoch: number, logs: Logs, ctx: TrainContext): void | Promise<void>;
  /** Always called once, also after an interrupt, a stop or an error (status says which). */
  onTrainEnd?(ctx: TrainContext, status: RunStatus): void | Promise<void>;
}

export class CallbackError extends Error {
  override name = 'CallbackError';
  constructor(readonly callback: string, readonly hook: string, readonly original: unknown) {
    const e = original as Error;
    super(`callback ${callback}.${hook} failed: ${e?.message ?? String(original)}`);
    // The callback's own frames are what the user needs: keep them under our message.
    if (e?.stack) this.stack = `${this.name}: ${this.message}\n${e.stack.split('\n').filter((l) => /^\s+at /.test(l)).join('\n')}`;
  }
}

/** Runs one hook of every callback, in order; wraps a throw with the callback's name. */
export async function invoke<K extends keyof Callback>(callbacks: Callback[], hook: K, ...args: Parameters<NonNullable<Callback[K]> & ((...a: any[]) => any)>): Promise<void> {
  for (const cb of callbacks) {
    const f = cb[hook] as ((...a: unknown[]) => unknown) | undefined;
    if (typeof f !== 'function') continue;
    try {
      await f.apply(cb, args);
    } catch (e) {
      if (e instanceof CallbackError) throw e;
      throw new CallbackError(cb.name ?? cb.constructor?.name ?? 'callback', String(hook), e);
    }
  }
}
