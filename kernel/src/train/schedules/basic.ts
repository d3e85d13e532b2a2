/**
 * Learning-rate schedules as pure functions of the optimizer step (0-based:
 * the rate used for step k), matching PyTorch's schedulers stepped once per
 * optimizer step. `total` is the planned number of steps; a schedule that
 * needs it takes it from its options or from the fit (lrScheduler passes
 * epochs × steps per epoch).
 */
import { JUPYTER_DISPLAY } from '../../mime/index.js';
import { scheduleBundle } from './display.js';

export interface Schedule {
  (step: number, total?: number): number;
  /** What it is, e.g. 'cosine(lr=0.01, warmup=30%)'. */
  readonly label: string;
  /** Steps it was built for, when fixed. */
  readonly totalSteps?: number;
  /** Momentum (or Adam's beta1) to use at a step, for schedules that cycle it (one-cycle). */
  readonly momentum?: (step: number, total?: number) => number;
}

export function makeSchedule(label: string, f: (step: number, total: number) => number, opts: { totalSteps?: number; momentum?: (step: number, total: number) => number } = {}): Schedule {
  const need = (total: number | undefined) => {
    const t = opts.totalSteps ?? total;
    if (t === undefined || !(t > 0)) throw new RangeError(`${label}: the schedule needs totalSteps (pass it in the options, or use it through callbacks.lrScheduler, which takes it from the fit)`);
    return t;
  };
  const step = (s: number) => {
    if (!(Number.isInteger(s) && s >= 0)) throw new RangeError(`${label}: step must be an integer ≥ 0, got ${s}`);
    return s;
  };
  const sched = ((s: number, total?: number) => f(step(s), f.length > 1 ? need(total) : total ?? 0)) as Schedule & { label: string; totalSteps?: number; momentum?: Schedule['momentum'] };
  Object.defineProperty(sched, 'label', { value: label, enumerable: true });
  Object.defineProperty(sched, JUPYTER_DISPLAY, { value: () => scheduleBundle(sched) });
  if (opts.totalSteps !== undefined) Object.defineProperty(sched, 'totalSteps', { value: opts.totalSteps, enumerable: true });
  if (opts.momentum) {
    const m = opts.momentum;
    Object.defineProperty(sched, 'momentum', { value: (s: number, total?: number) => m(step(s), need(total)), enumerable: true });
  }
  return sched;
}

export function positive(name: string, v: number): number {
  if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${name} must be a positive number, got ${v}`);
  return v;
}

/** The same rate at every step. */
export function constant(lr: number): Schedule {
  positive('constant: lr', lr);
  return makeSchedule(`constant(lr=${lr})`, () => lr);
}

/** PyTorch's StepLR: lr × gamma^⌊step / stepSize⌋. */
export function step(opts: { lr: number; stepSize: number; gamma?: number }): Schedule {
  const { lr, stepSize, gamma = 0.1 } = opts;
  positive('step: lr', lr);
  positive('step: stepSize', stepSize);
  return makeSchedule(`step(lr=${lr}, every ${stepSize}, ×${gamma})`, (s) => lr * gamma ** Math.floor(s / stepSize));
}

/** PyTorch's ExponentialLR: lr × gamma^step. */
export function exponential(opts: { lr: number; gamma: number }): Schedule {
  const { lr, gamma } = opts;
  positive('exponential: lr', lr);
  positive('exponential: gamma', gamma);
  return makeSchedule(`exponential(lr=${lr}, ×${gamma}/step)`, (s) => lr * gamma ** s);
}
