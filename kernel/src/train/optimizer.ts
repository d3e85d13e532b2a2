/**
 * Reading and setting an optimizer's learning rate and momentum while it
 * trains. tfjs optimizers read `learningRate` on every step, except SGD and
 * Momentum, which cache it in a scalar tensor that `setLearningRate` renews.
 * "Momentum" is SGD's or RMSProp's momentum, or Adam's beta1 (what one-cycle
 * moves against the learning rate).
 */
import type * as TF from '@tensorflow/tfjs';

type Knobs = { learningRate?: number; momentum?: number; beta1?: number; setLearningRate?(lr: number): void; setMomentum?(m: number): void };

export function optimizerKnobs(opt: TF.Optimizer) {
  const o = opt as unknown as Knobs;
  return {
    learningRate: (): number => (typeof o.learningRate === 'number' ? o.learningRate : NaN),
    setLearningRate: (lr: number): void => {
      if (!(Number.isFinite(lr) && lr >= 0)) throw new RangeError(`learning rate must be a finite number ≥ 0, got ${lr}`);
      if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
      else if (typeof o.learningRate === 'number') o.learningRate = lr;
      else throw new TypeError(`this optimizer (${opt.getClassName?.() ?? 'unknown'}) has no learning rate to set`);
    },
    momentum: (): number => (typeof o.beta1 === 'number' ? o.beta1 : typeof o.momentum === 'number' ? o.momentum : NaN),
    setMomentum: (m: number): void => {
      if (typeof o.beta1 === 'number') o.beta1 = m;
      else if (typeof o.setMomentum === 'function') o.setMomentum(m);
      else if (typeof o.momentum === 'number') o.momentum = m;
    },
  };
}
