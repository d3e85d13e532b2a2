/**
 * `tsml.random`: tsml's own seeded stream (`seed`, `createRng`; xoshiro128**,
 * the default everywhere) and `numpy(seed)`, NumPy's legacy stream for labs
 * whose printed numbers come from `np.random.seed(…)`:
 * `const rs = tsml.random.numpy(42); rs.rand(100); rs.randn(3)`.
 */
export { numpy, RandomState, MT19937, type NumpySeed } from '@tsml/datasets';
export { createRng } from '@tsml/datasets/random';
export { seed } from './index.js';
