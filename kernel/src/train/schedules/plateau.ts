/**
 * Reduce-on-plateau (PyTorch's ReduceLROnPlateau): stateful and driven by a
 * monitored figure, not by the step. After more than `patience` epochs
 * without a relative improvement of `threshold`, the rate is multiplied by
 * `factor` (not below `minLr`), then `cooldown` epochs pass before counting
 * again. Use it through `callbacks.lrScheduler(schedules.reduceOnPlateau(…))`.
 */
import { inferMode } from '../history.js';

export interface PlateauOptions {
  monitor?: string;
  mode?: 'min' | 'max' | 'auto';
  factor?: number;
  patience?: number;
  threshold?: number;
  thresholdMode?: 'rel' | 'abs';
  cooldown?: number;
  minLr?: number;
}

export class ReduceOnPlateau {
  readonly kind = 'plateau';
  readonly monitor: string | undefined;
  best = NaN;
  bad = 0;
  cooling = 0;
  /** Epochs (0-based) at which the rate was reduced. */
  readonly reductions: number[] = [];
  private readonly o: Required<Omit<PlateauOptions, 'monitor'>>;

  constructor(opts: PlateauOptions = {}) {
    this.monitor = opts.monitor;
    this.o = { mode: 'auto', factor: 0.1, patience: 10, threshold: 1e-4, thresholdMode: 'rel', cooldown: 0, minLr: 0, ...opts };
    if (!(this.o.factor > 0 && this.o.factor < 1)) throw new RangeError(`reduceOnPlateau: factor must be in (0, 1), got ${this.o.factor}`);
  }

  get label(): string {
    return `reduceOnPlateau(${this.monitor ?? 'val_loss'}, ×${this.o.factor} after ${this.o.patience})`;
  }

  private better(v: number, mode: 'min' | 'max'): boolean {
    if (!Number.isFinite(this.best)) return true;
    const { threshold: t, thresholdMode } = this.o;
    if (mode === 'min') return thresholdMode === 'rel' ? v < this.best * (1 - t) : v < this.best - t;
    return thresholdMode === 'rel' ? v > this.best * (1 + t) : v > this.best + t;
  }

  /** The rate to use after an epoch that ended with `value` at rate `lr`. */
  observe(value: number, lr: number, epoch = this.reductions.length, name = this.monitor ?? 'val_loss'): number {
    const mode = this.o.mode === 'auto' ? inferMode(name) : this.o.mode;
    if (this.better(value, mode)) {
      this.best = value;
      this.bad = 0;
    } else this.bad++;
    if (this.cooling > 0) {
      this.cooling--;
      this.bad = 0;
    }
    if (this.bad > this.o.patience) {
      this.cooling = this.o.cooldown;
      this.bad = 0;
      const next = Math.max(lr * this.o.factor, this.o.minLr);
      if (lr - next > 1e-8) {
        this.reductions.push(epoch);
        return next;
      }
    }
    return lr;
  }

  reset(): void {
    this.best = NaN;
    this.bad = 0;
    this.cooling = 0;
    this.reductions.length = 0;
  }
}

export const reduceOnPlateau = (opts?: PlateauOptions) => new ReduceOnPlateau(opts);
