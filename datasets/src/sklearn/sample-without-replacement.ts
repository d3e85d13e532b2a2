/**
 * `sklearn.utils.random.sample_without_replacement` with method "auto": a
 * permutation's head for 1 % < k/n < 99 %, set-tracked redraws below 20 %,
 * reservoir sampling otherwise — each draws from the stream as sklearn does.
 */
import type { RandomState } from '../numpy/random-state.js';

export function sampleWithoutReplacement(gen: RandomState, nPopulation: number, nSamples: number): number[] {
  if (nPopulation < 0) throw new RangeError(`nPopulation should be >= 0, got ${nPopulation}`);
  if (nSamples > nPopulation) throw new RangeError(`nSamples (${nSamples}) > nPopulation (${nPopulation})`);
  const ratio = nPopulation !== 0 ? nSamples / nPopulation : 1;
  if (ratio > 0.01 && ratio < 0.99) return gen.permutation(nPopulation).slice(0, nSamples);
  if (ratio < 0.2) {
    const selected = new Set<number>();
    const out: number[] = [];
    for (let i = 0; i < nSamples; i++) {
      let j = gen.randint(nPopulation);
      while (selected.has(j)) j = gen.randint(nPopulation);
      selected.add(j);
      out.push(j);
    }
    return out;
  }
  const out = Array.from({ length: nSamples }, (_, i) => i);
  for (let i = nSamples; i < nPopulation; i++) {
    const j = gen.randint(0, i + 1);
    if (j < nSamples) out[j] = i;
  }
  return out;
}

/** `_generate_hypercube`: `samples` distinct vertices of {0, 1}^dims, as bit vectors (most significant first). */
export function hypercubeVertices(gen: RandomState, samples: number, dims: number): number[][] {
  if (dims > 30) throw new RangeError(`more than 30 informative features are not supported (got ${dims})`);
  return sampleWithoutReplacement(gen, 2 ** dims, samples).map((v) =>
    Array.from({ length: dims }, (_, b) => Math.floor(v / 2 ** (dims - 1 - b)) % 2));
}
