/**
 * The callbacks a fit gets without asking: the live loss chart (which prints a
 * text progress line when headless). Display callbacks run last, so they show
 * what the others decided (an early stop, restored weights) in the same step.
 */
import type { Callback } from './types.js';
import { LiveLoss, liveLoss } from './live-loss.js';
import { Progress } from './progress.js';

const isDisplay = (c: Callback) => c instanceof LiveLoss || c instanceof Progress;

export function defaultCallbacks(given: Callback[], verbose: boolean | 'auto'): Callback[] {
  if (!Array.isArray(given)) throw new TypeError('fit: callbacks must be an array, e.g. [tsml.callbacks.earlyStopping({ patience: 10 })]');
  given.forEach((c, i) => {
    if (!c || typeof c !== 'object') throw new TypeError(`fit: callbacks[${i}] is ${c === null ? 'null' : typeof c}; pass objects with onEpochEnd/onBatchEnd/... hooks`);
  });
  const list = [...given.filter((c) => !isDisplay(c)), ...given.filter(isDisplay)];
  const wantDefault = verbose === true || (verbose === 'auto' && !given.some(isDisplay));
  return wantDefault ? [...list, liveLoss()] : list;
}
