/**
 * `callbacks.progress()`: one output that updates in place with the epoch,
 * the step within it, elapsed time, ETA and the latest metrics — never a line
 * per batch. In a notebook it is a display updated at most 4 times a second;
 * headless (or outside a kernel) a single carriage-return line.
 */
import type { Logs, RunStatus } from '../history.js';
import { formatDuration } from '../../loss/index.js';
import { display, type DisplayHandle } from '../../display/display.js';
import { frontend } from '../../display/frontend.js';
import type { Callback, TrainContext } from './types.js';
import { eta } from './live-loss.js';

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4)) : String(v));

export function progressLine(ctx: TrainContext, logs: Logs, status: RunStatus | 'running' = 'running'): string {
  const spe = ctx.stepsPerEpoch;
  const inEpoch = Math.round((ctx.progress - Math.floor(ctx.progress)) * (spe ?? 0));
  const epochNo = Math.min(ctx.epochs, Math.floor(ctx.progress) + (status === 'running' && ctx.progress < ctx.epochs ? 1 : 0));
  const where = status === 'running' && spe ? `epoch ${epochNo}/${ctx.epochs} step ${inEpoch}/${spe}` : `epoch ${Math.floor(ctx.progress)}/${ctx.epochs}`;
  const t = eta(ctx);
  const time = status === 'running' ? `${formatDuration(ctx.elapsed())}${t !== null ? ` ETA ${formatDuration(t)}` : ''}` : formatDuration(ctx.elapsed());
  const metrics = Object.entries(logs).filter(([k]) => k !== 'epoch' && k !== 'step' && k !== 'time').map(([k, v]) => `${k} ${fmt(v)}`).join('  ');
  const end = status === 'running' ? '' : ` [${status}${ctx.history.note && status !== 'done' ? `: ${ctx.history.note}` : ''}]`;
  return `${where}  ${time}  ${metrics}${end}`;
}

/** A carriage-return line on stdout; `tsml run` and Lab keep only its last state. */
export class TextProgress {
  private last = 0;
  private lastLogs: Logs = {};
  constructor(private readonly everyMs = 1000) {}
  update(ctx: TrainContext, logs?: Logs): void {
    if (logs) this.lastLogs = logs;
    const now = Date.now();
    if (now - this.last < this.everyMs) return;
    this.last = now;
    const l = ctx.history.epochs[ctx.history.length - 1];
    process.stdout.write(`\r${progressLine(ctx, { ...(l ?? {}), ...this.lastLogs })}`);
  }
  end(line: string): void {
    process.stdout.write(`\r${line}\n`);
  }
}

export interface ProgressOptions {
  /** Milliseconds between updates (default 250). */
  intervalMs?: number;
}

export class Progress implements Callback {
  readonly name = 'progress';
  private handle: DisplayHandle | undefined;
  private text: TextProgress | undefined;
  private last = 0;
  private logs: Logs = {};

  constructor(private readonly opts: ProgressOptions = {}) {}

  onTrainBegin(ctx: TrainContext): void {
    if (frontend.kernel && frontend.interactive) this.handle = display.text(progressLine(ctx, {}), { display_id: true });
    else this.text = new TextProgress(this.opts.intervalMs ?? 1000);
  }

  onBatchEnd(_step: number, logs: Logs, ctx: TrainContext): void {
    this.logs = { ...this.logs, ...logs };
    this.show(ctx);
  }

  onEpochEnd(_epoch: number, logs: Logs, ctx: TrainContext): void {
    this.logs = { ...logs };
    this.show(ctx);
  }

  onTrainEnd(ctx: TrainContext, status: RunStatus): void {
    const line = progressLine(ctx, ctx.history.epochs[ctx.history.length - 1] ?? this.logs, status);
    if (this.handle) this.handle.update({ 'text/plain': line }, { raw: true });
    else this.text?.end(line);
  }

  private show(ctx: TrainContext): void {
    if (this.text) return this.text.update(ctx, this.logs);
    const now = Date.now();
    if (now - this.last < (this.opts.intervalMs ?? 250)) return;
    this.last = now;
    this.handle?.update({ 'text/plain': progressLine(ctx, this.logs) }, { raw: true });
  }
}

export const progress = (opts?: ProgressOptions) => new Progress(opts);
