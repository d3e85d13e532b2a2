/**
 * `callbacks.earlyStopping({ monitor, patience, minDelta, mode, restoreBestWeights })`:
 * stops when the monitored figure has not improved by more than `minDelta`
 * for `patience` epochs. With `restoreBestWeights` the model ends with the
 * weights of its best epoch — also when training runs to its last epoch or is
 * interrupted (tfjs leaves this unimplemented: tfjs #8488).
 */
import type * as TF from '@tensorflow/tfjs';
import { inferMode, type Logs, type RunStatus } from '../history.js';
import type { Callback, TrainContext } from './types.js';

export interface EarlyStoppingOptions {
  /** Default 'val_loss' (or 'loss' when the fit has no validation data). */
  monitor?: string;
  patience?: number;
  minDelta?: number;
  mode?: 'min' | 'max' | 'auto';
  restoreBestWeights?: boolean;
  /** Epochs before anything counts (a warm-up). */
  startFromEpoch?: number;
  /** A value the monitored figure must beat at all (e.g. a baseline model's loss). */
  baseline?: number;
}

export class EarlyStopping implements Callback {
  readonly name = 'earlyStopping';
  best = NaN;
  bestEpoch = -1;
  wait = 0;
  stoppedEpoch: number | undefined;
  private bestWeights: TF.Tensor[] | null = null;
  private monitor = '';
  private mode: 'min' | 'max' = 'min';

  constructor(readonly opts: EarlyStoppingOptions = {}) {
    const { patience = 0, minDelta = 0 } = opts;
    if (!(Number.isInteger(patience) && patience >= 0)) throw new RangeError(`earlyStopping: patience must be an integer ≥ 0, got ${patience}`);
    if (!(minDelta >= 0)) throw new RangeError(`earlyStopping: minDelta must be ≥ 0 (it is a size, whatever the mode), got ${minDelta}`);
  }

  onTrainBegin(ctx: TrainContext): void {
    this.monitor = this.opts.monitor ?? (ctx.validates ? 'val_loss' : 'loss');
    const base = this.monitor.replace(/^val_/, '');
    if (!ctx.metrics.includes(base) && base !== 'lr') throw new Error(`earlyStopping: cannot monitor '${this.monitor}'; this fit logs ${ctx.metrics.flatMap((m) => (ctx.validates ? [m, `val_${m}`] : [m])).join(', ')}`);
    if (this.monitor.startsWith('val_') && !ctx.validates) throw new Error(`earlyStopping: monitor '${this.monitor}' needs validation data: pass validationSplit or validationData to fit, or monitor '${base}'`);
    this.mode = this.opts.mode === 'min' || this.opts.mode === 'max' ? this.opts.mode : inferMode(this.monitor);
    this.best = this.opts.baseline ?? (this.mode === 'min' ? Infinity : -Infinity);
    this.bestEpoch = -1;
    this.wait = 0;
    this.stoppedEpoch = undefined;
    this.dropWeights();
  }

  private improved(v: number): boolean {
    const d = this.opts.minDelta ?? 0;
    return this.mode === 'min' ? v < this.best - d : v > this.best + d;
  }

  onEpochEnd(epoch: number, logs: Logs, ctx: TrainContext): void {
    if (epoch < (this.opts.startFromEpoch ?? 0)) return;
    const v = logs[this.monitor];
    if (!Number.isFinite(v)) return;
    if (this.improved(v)) {
      this.best = v;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.opts.restoreBestWeights) {
        this.dropWeights();
        this.bestWeights = ctx.getWeights() as TF.Tensor[];
      }
      return;
    }
    this.wait++;
    if (this.wait > (this.opts.patience ?? 0) - 1 && epoch > 0) {
      this.stoppedEpoch = epoch;
      const best = this.bestEpoch >= 0 ? `best ${this.monitor} ${+this.best.toPrecision(5)} at epoch ${this.bestEpoch + 1}` : `no epoch beat the baseline ${this.opts.baseline}`;
      ctx.stop(`early stopping at epoch ${epoch + 1}: ${this.monitor} did not improve for ${this.wait} epochs; ${best}`);
    }
  }

  onTrainEnd(ctx: TrainContext, status: RunStatus): void {
    if (this.opts.restoreBestWeights && this.bestWeights && status !== 'failed') {
      ctx.setWeights(this.bestWeights);
      ctx.history.restoredEpoch = this.bestEpoch;
      const note = `restored the weights of epoch ${this.bestEpoch + 1} (${this.monitor} ${+this.best.toPrecision(5)})`;
      ctx.history.note = ctx.history.note ? `${ctx.history.note}; ${note}` : note;
    }
    this.dropWeights();
  }

  private dropWeights(): void {
    if (this.bestWeights) for (const w of this.bestWeights) w.dispose();
    this.bestWeights = null;
  }
}

export const earlyStopping = (opts?: EarlyStoppingOptions) => new EarlyStopping(opts);
