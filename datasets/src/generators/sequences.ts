/**
 * `sequences`: variable-length integer sequences with a binary label, for the
 * bucketing lab (bucket by length, pad per batch, mask).
 *
 * Schema: tokens (number[], values 1 … vocab-1; 0 is left free for padding),
 *   length (int, tokens.length), label (0 or 1).
 * Model:  label ~ Bernoulli(0.5). length = minLen + ⌊(maxLen - minLen + 1)·u²⌋,
 *   u ~ U(0, 1): many short sequences and a long tail, as with sentences, so some
 *   length buckets are small. Each token is independently from the "high" half
 *   (tokens ≥ ⌈vocab/2⌉) with probability `signal` if label is 1, 1 - `signal` if 0,
 *   and uniform within its half.
 * A fit should recover: the share of high tokens separates the classes; the
 *   Bayes accuracy grows with length (a 5-token sequence is harder than a 50-token
 *   one), which per-bucket accuracy shows.
 */
import * as aq from 'arquero';
import { bernoulli, randInt, resolveRng, type RandomOptions } from '../random.js';
import { requirePositiveInt } from '../util.js';
import { knownOptions } from '../options.js';

export interface SequencesOptions extends RandomOptions {
  n?: number;
  minLen?: number;
  maxLen?: number;
  /** Token ids are 1 … vocab-1. */
  vocab?: number;
  /** P(high-half token | label 1); default 0.65. 0.5 makes the labels pure noise. */
  signal?: number;
}

export function sequences(opts: SequencesOptions = {}) {
  knownOptions('sequences', opts, ['n', 'minLen', 'maxLen', 'vocab', 'signal', 'rng', 'seed']);
  const { n = 1000, minLen = 5, maxLen = 50, vocab = 20, signal = 0.65 } = opts;
  requirePositiveInt('n', n);
  requirePositiveInt('minLen', minLen);
  requirePositiveInt('vocab', vocab, 3);
  if (!Number.isInteger(maxLen) || maxLen < minLen) throw new RangeError(`maxLen must be an integer >= minLen (${minLen}), got ${maxLen}`);
  const rng = resolveRng(opts);
  const split = Math.ceil(vocab / 2);
  const tokens: number[][] = [];
  const length: number[] = [];
  const label: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = bernoulli(rng, 0.5) ? 1 : 0;
    const len = minLen + Math.floor((maxLen - minLen + 1) * rng() ** 2);
    const pHigh = y ? signal : 1 - signal;
    tokens.push(Array.from({ length: len }, () =>
      bernoulli(rng, pHigh) ? split + randInt(rng, vocab - split) : 1 + randInt(rng, split - 1)));
    length.push(len);
    label.push(y);
  }
  return aq.table({ tokens, length, label });
}
