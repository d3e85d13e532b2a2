/**
 * Cosine annealing (PyTorch's CosineAnnealingLR, one half-period over the
 * run): minLr + (lr − minLr)(1 + cos(π·step/T))/2. With `warmup` (a fraction
 * of the run), the lab's warm-up version: an ascending cosine from 0 to lr
 * over the warm-up steps, then the annealing over the rest.
 */
import { makeSchedule, positive, type Schedule } from './basic.js';

export interface CosineOptions {
  lr: number;
  /** Steps of the whole run (default: from the fit). */
  totalSteps?: number;
  minLr?: number;
  /** Fraction of the run spent warming up (0 = none). */
  warmup?: number;
}

export function cosine(opts: CosineOptions): Schedule {
  const { lr, minLr = 0, warmup = 0, totalSteps } = opts;
  positive('cosine: lr', lr);
  if (!(warmup >= 0 && warmup < 1)) throw new RangeError(`cosine: warmup is a fraction of the run in [0, 1), got ${warmup}`);
  const label = `cosine(lr=${lr}${minLr ? `, min=${minLr}` : ''}${warmup ? `, warmup=${Math.round(warmup * 100)}%` : ''})`;
  return makeSchedule(label, (s: number, total: number) => {
    const w = Math.floor(warmup * total);
    if (s < w) return (lr * (1 - Math.cos((Math.PI * s) / w))) / 2;
    const t = Math.min(s - w, total - w);
    return minLr + ((lr - minLr) * (1 + Math.cos((Math.PI * t) / (total - w)))) / 2;
  }, { totalSteps });
}
