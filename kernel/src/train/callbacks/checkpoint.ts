/**
 * `callbacks.checkpoint({ dir, saveBest, monitor })`: saves the model after
 * every epoch, or only when the monitored figure improved (`saveBest`,
 * default), to `dir` (`{epoch}` in the path numbers the copies). Load one
 * back with `tsml.loadModel(dir)`.
 */
import { inferMode, type Logs } from '../history.js';
import { saveModel } from '../model-io.js';
import type { Callback, TrainContext } from './types.js';
import type * as TF from '@tensorflow/tfjs';

export interface CheckpointOptions {
  dir: string;
  saveBest?: boolean;
  monitor?: string;
  mode?: 'min' | 'max' | 'auto';
}

export class Checkpoint implements Callback {
  readonly name = 'checkpoint';
  best = NaN;
  /** Epochs (0-based) saved, and where. */
  readonly saved: { epoch: number; dir: string; value: number }[] = [];
  model: TF.LayersModel | undefined;

  constructor(readonly opts: CheckpointOptions) {
    if (!opts || typeof opts.dir !== 'string' || !opts.dir) throw new TypeError("checkpoint: pass { dir: 'checkpoints/run1' } (a directory to write model.json and weights.bin to)");
  }

  onTrainBegin(ctx: TrainContext): void {
    this.model = (ctx as TrainContext & { model?: TF.LayersModel }).model;
    if (!this.model) throw new Error('checkpoint saves tfjs-layers models (tsml.fit); in fitLoop, save your variables from your own onEpochEnd');
    this.best = NaN;
  }

  async onEpochEnd(epoch: number, logs: Logs, ctx: TrainContext): Promise<void> {
    const monitor = this.opts.monitor ?? (ctx.validates ? 'val_loss' : 'loss');
    const v = logs[monitor];
    if (this.opts.saveBest ?? true) {
      if (!(monitor in logs)) throw new Error(`checkpoint: cannot monitor '${monitor}'; the epoch logged ${Object.keys(logs).join(', ')}`);
      const mode = this.opts.mode === 'min' || this.opts.mode === 'max' ? this.opts.mode : inferMode(monitor);
      const better = Number.isNaN(this.best) || (mode === 'min' ? v < this.best : v > this.best);
      if (!better) return;
      this.best = v;
    }
    const dir = this.opts.dir.replace('{epoch}', String(epoch + 1));
    await saveModel(this.model!, dir);
    this.saved.push({ epoch, dir, value: v });
  }
}

export const checkpoint = (opts: CheckpointOptions) => new Checkpoint(opts);
