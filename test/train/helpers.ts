/** TensorFlow.js for in-process training tests: the kernel's own loader, on the backend it picks (wasm here). */
import type * as TF from '@tensorflow/tfjs';
import { loadTf } from '../../kernel/src/tensor/load.js';

export async function tfjs(): Promise<typeof TF> {
  return (await loadTf()) as unknown as typeof TF;
}

export const quiet = { verbose: false as const };

/** Max |a - b| over two lists of tensors. */
export function maxDiff(tf: typeof TF, a: TF.Tensor[], b: TF.Tensor[]): number {
  return Math.max(...a.map((t, i) => tf.tidy(() => tf.max(tf.abs(tf.sub(t, b[i]))).dataSync()[0])));
}
