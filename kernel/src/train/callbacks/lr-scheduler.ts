/**
 * `callbacks.lrScheduler(schedule, { per })`: sets the optimizer's rate (and
 * momentum / beta1 for one-cycle) before every optimizer step — or every
 * epoch with `per: 'epoch'` — from a schedule, or after every epoch from a
 * reduce-on-plateau schedule watching a logged figure.
 */
import type { Logs } from '../history.js';
import { ReduceOnPlateau } from '../schedules/plateau.js';
import type { Schedule } from '../schedules/basic.js';
import type { Callback, TrainContext } from './types.js';

export interface LrSchedulerOptions {
  /** Advance the schedule every optimizer step (default) or every epoch. */
  per?: 'step' | 'epoch';
}

export class LrScheduler implements Callback {
  readonly name = 'lrScheduler';
  private total = 0;

  constructor(readonly schedule: Schedule | ReduceOnPlateau, readonly opts: LrSchedulerOptions = {}) {
    if (typeof schedule !== 'function' && !(schedule instanceof ReduceOnPlateau)) {
      throw new TypeError('lrScheduler: pass a schedule (tsml.schedules.cosine({...}), …, or any (step) => lr function) or tsml.schedules.reduceOnPlateau()');
    }
  }

  private apply(ctx: TrainContext, k: number): void {
    const s = this.schedule as Schedule;
    ctx.setLearningRate(s(k, this.total));
    if (s.momentum) ctx.setMomentum(s.momentum(k, this.total));
  }

  onTrainBegin(ctx: TrainContext): void {
    if (this.schedule instanceof ReduceOnPlateau) {
      const base = (this.schedule.monitor ?? 'val_loss').replace(/^val_/, '');
      if (!ctx.metrics.includes(base)) throw new Error(`lrScheduler: reduceOnPlateau cannot monitor '${this.schedule.monitor}'; this fit logs ${ctx.metrics.join(', ')}`);
      return;
    }
    const per = this.opts.per ?? 'step';
    const spe = ctx.stepsPerEpoch;
    if (per === 'step' && spe === null && !(this.schedule as Schedule).totalSteps && (this.schedule as Schedule).length > 1) {
      throw new Error('lrScheduler: this data does not say how many steps an epoch has; give the schedule totalSteps');
    }
    this.total = (this.schedule as Schedule).totalSteps ?? (per === 'step' ? ctx.epochs * (spe ?? 1) : ctx.epochs);
    this.apply(ctx, per === 'step' ? ctx.step : ctx.initialEpoch);
  }

  onBatchEnd(step: number, _logs: Logs, ctx: TrainContext): void {
    if ((this.opts.per ?? 'step') === 'step' && typeof this.schedule === 'function') this.apply(ctx, Math.min(step, this.total - 1));
  }

  onEpochEnd(epoch: number, logs: Logs, ctx: TrainContext): void {
    if (this.schedule instanceof ReduceOnPlateau) {
      const name = this.schedule.monitor ?? (ctx.validates ? 'val_loss' : 'loss');
      const v = logs[name];
      if (Number.isFinite(v)) ctx.setLearningRate(this.schedule.observe(v, ctx.learningRate(), epoch, name));
    } else if (this.opts.per === 'epoch') this.apply(ctx, Math.min(epoch + 1, this.total - 1));
  }
}

export const lrScheduler = (schedule: Schedule | ReduceOnPlateau, opts?: LrSchedulerOptions) => new LrScheduler(schedule, opts);
