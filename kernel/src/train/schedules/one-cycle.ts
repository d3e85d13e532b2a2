/**
 * One-cycle (PyTorch's OneCycleLR, two phases, cosine annealing): the rate
 * climbs from maxLr/divFactor to maxLr over `pctStart` of the run, then falls
 * to maxLr/(divFactor·finalDivFactor); momentum (or Adam's beta1) moves the
 * other way, from maxMomentum down to baseMomentum and back.
 */
import { makeSchedule, positive, type Schedule } from './basic.js';

export interface OneCycleOptions {
  maxLr: number;
  totalSteps?: number;
  pctStart?: number;
  divFactor?: number;
  finalDivFactor?: number;
  anneal?: 'cos' | 'linear';
  baseMomentum?: number;
  maxMomentum?: number;
}

export function oneCycle(opts: OneCycleOptions): Schedule {
  const { maxLr, totalSteps, pctStart = 0.3, divFactor = 25, finalDivFactor = 1e4, anneal = 'cos', baseMomentum = 0.85, maxMomentum = 0.95 } = opts;
  positive('oneCycle: maxLr', maxLr);
  if (!(pctStart > 0 && pctStart < 1)) throw new RangeError(`oneCycle: pctStart must be in (0, 1), got ${pctStart}`);
  const initial = maxLr / divFactor;
  const min = initial / finalDivFactor;
  const interp = anneal === 'cos' ? (a: number, b: number, p: number) => b + ((a - b) / 2) * (Math.cos(Math.PI * p) + 1) : (a: number, b: number, p: number) => (b - a) * p + a;
  // Phase ends as PyTorch places them: pctStart·T − 1 and T − 1.
  const at = (s: number, total: number, first: [number, number], second: [number, number]) => {
    const end1 = pctStart * total - 1;
    if (s <= end1) return interp(first[0], first[1], s / end1);
    return interp(second[0], second[1], (s - end1) / (total - 1 - end1));
  };
  return makeSchedule(`oneCycle(maxLr=${maxLr}, up ${Math.round(pctStart * 100)}%)`, (s: number, total: number) => at(s, total, [initial, maxLr], [maxLr, min]), {
    totalSteps,
    momentum: (s, total) => at(s, total, [maxMomentum, baseMomentum], [baseMomentum, maxMomentum]),
  });
}
