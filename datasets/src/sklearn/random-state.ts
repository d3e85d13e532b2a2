/**
 * scikit-learn's `random_state` argument: an integer seeds a fresh legacy
 * RandomState (`check_random_state`), a RandomState is used as is (its stream
 * goes on), and nothing means seed 0 here — sklearn would use NumPy's global
 * stream, which has no counterpart in a pure function.
 */
import { RandomState } from '../numpy/random-state.js';
import type { NumpySeed } from '../numpy/mt19937.js';

export type RandomStateLike = NumpySeed | RandomState;

export function checkRandomState(rs: RandomStateLike | undefined): RandomState {
  if (rs instanceof RandomState) return rs;
  return new RandomState(rs ?? 0);
}
