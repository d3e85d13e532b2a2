/** `sklearn.utils.shuffle(*arrays, random_state=rs)`: one permutation (arange, then shuffle) applied to every array. */
import type { RandomState } from '../numpy/random-state.js';

export function shuffleRows<A extends unknown[][]>(gen: RandomState, ...arrays: A): A {
  const n = arrays[0]?.length ?? 0;
  if (arrays.some((a) => a.length !== n)) throw new RangeError('shuffle: arrays must have the same length');
  const order = gen.shuffle(Array.from({ length: n }, (_, i) => i));
  return arrays.map((a) => order.map((i) => a[i])) as A;
}
