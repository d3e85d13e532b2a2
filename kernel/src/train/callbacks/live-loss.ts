/**
 * `callbacks.liveLoss()`: the loss panel. Every step's loss, metrics and
 * learning rate and every epoch's validation figures go to a LiveChart, which
 * streams throttled updates to an interactive frontend and leaves the final
 * chart in the notebook. In a headless run it also prints one text progress
 * line (carriage-return updated, so the saved output keeps its last state).
 */
import type { Logs, RunStatus } from '../history.js';
import { LiveChart, type ChartRun, type LiveChartOptions } from '../chart.js';
import type { Callback, TrainContext } from './types.js';
import { progressLine, TextProgress } from './progress.js';

export interface LiveLossOptions extends LiveChartOptions {
  /** Draw into this chart (several runs on one chart); a new chart otherwise. */
  chart?: LiveChart;
  /** Run name in the chart (default: the fit's name). */
  run?: string;
  /** Print a text progress line while training (default: when the chart is not live, i.e. headless). */
  text?: boolean;
}

export function eta(ctx: TrainContext): number | null {
  const spe = ctx.stepsPerEpoch;
  const done = ctx.progress - ctx.initialEpoch;
  if (!spe || done <= 0) return null;
  return (ctx.elapsed() / done) * (ctx.epochs - ctx.progress);
}

export class LiveLoss implements Callback {
  readonly name = 'liveLoss';
  readonly chart: LiveChart;
  private run: ChartRun | undefined;
  private text: TextProgress | undefined;
  private elapsedBefore = 0;

  constructor(private readonly opts: LiveLossOptions = {}) {
    this.chart = opts.chart ?? new LiveChart(opts);
  }

  onTrainBegin(ctx: TrainContext): void {
    const run = (this.run = this.chart.run(this.opts.run ?? ctx.run));
    // A resumed run continues its clock.
    this.elapsedBefore = run.elapsedMs;
    run.status = 'running';
    run.epochs = ctx.epochs;
    run.epoch = ctx.initialEpoch;
    run.note = undefined;
    if (this.opts.text ?? !this.chart.options.live) this.text = new TextProgress();
    this.chart.show();
  }

  onBatchEnd(step: number, logs: Logs, ctx: TrainContext): void {
    const run = this.run!;
    for (const [k, v] of Object.entries(logs)) run.log('batch', k, ctx.progress, v);
    this.refresh(ctx);
  }

  onEpochEnd(epoch: number, logs: Logs, ctx: TrainContext): void {
    const run = this.run!;
    for (const [k, v] of Object.entries(logs)) if (k.startsWith('val_')) run.log('epoch', k, epoch + 1, v);
    run.epoch = epoch + 1;
    this.refresh(ctx);
  }

  onTrainEnd(ctx: TrainContext, status: RunStatus): void {
    const run = this.run!;
    run.status = status;
    run.note = ctx.history.note;
    run.elapsedMs = this.elapsedBefore + ctx.elapsed();
    run.etaMs = null;
    run.step = ctx.step;
    this.text?.end(progressLine(ctx, ctx.history.epochs[ctx.history.length - 1] ?? {}, status));
    this.chart.finish();
  }

  private refresh(ctx: TrainContext): void {
    const run = this.run!;
    run.step = ctx.step;
    run.elapsedMs = this.elapsedBefore + ctx.elapsed();
    run.etaMs = eta(ctx);
    this.chart.update();
    this.text?.update(ctx);
  }
}

export const liveLoss = (opts?: LiveLossOptions) => new LiveLoss(opts);
