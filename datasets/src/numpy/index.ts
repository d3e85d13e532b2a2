/**
 * NumPy-compatible random numbers: `numpy(seed)` is `np.random.seed(seed)`'s
 * legacy stream as an object, for labs whose printed numbers depend on it.
 * tsml's own generator (xoshiro128**, `createRng`, `tsml.seed`) stays the
 * default everywhere else: it is faster and has no legacy quirks.
 */
import { RandomState } from './random-state.js';
import type { NumpySeed } from './mt19937.js';

export { MT19937, type NumpySeed } from './mt19937.js';
export { RandomState, type Size } from './random-state.js';

/** `numpy(42)` ≡ `np.random.seed(42)`: a RandomState with that seed. */
export function numpy(seed: NumpySeed = 0): RandomState {
  return new RandomState(seed);
}
