/** The training helpers run on the TensorFlow.js the kernel loaded (same module, same backend as cells). */
import type * as TF from '@tensorflow/tfjs';
import { loadedTf } from '../tensor/load.js';

export function requireTf(): typeof TF {
  const tf = loadedTf() as typeof TF | undefined;
  if (!tf) throw new Error('TensorFlow.js is not loaded yet: run `await tsml.loadTf()` first (a cell that mentions `tf` loads it)');
  return tf;
}
