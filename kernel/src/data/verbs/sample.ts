/**
 * sample(): `n` rows or a fraction of them, seeded, with or without replacement.
 * `randomState` draws pandas' rows instead: `sample(t, { frac: 0.8, randomState: 0 })`
 * is `df.sample(frac=0.8, random_state=0)` (NumPy's legacy stream, row for row).
 */
import type { ColumnTable } from 'arquero';
import { takeRows } from '../columns.js';
import { DataError, checkOptions } from '../errors.js';
import { sampleIndices } from '@tsml/datasets';
import { permutation, randInt, rngFor } from '../../random/index.js';

export interface SampleOptions {
  n?: number;
  frac?: number;
  replace?: boolean;
  /** Seed for this draw; without it the draw uses tsml.seed()'s stream. */
  seed?: number;
  /** pandas' `random_state`: the rows `df.sample(..., random_state=randomState)` picks. */
  randomState?: number;
  /** pandas' `weights`: the name of a numeric column (with randomState). */
  weights?: string;
}

/**
 * Random rows: `n` of them or a fraction `frac`, with or without `replace`ment; `seed` makes the
 * draw repeatable (else `tsml.seed`'s stream).
 */
export function sample(table: ColumnTable, opts: SampleOptions = {}): ColumnTable {
  checkOptions('sample', opts, ['n', 'frac', 'replace', 'seed', 'randomState', 'weights']);
  const total = table.numRows();
  if (opts.randomState !== undefined) {
    if (opts.seed !== undefined) throw new DataError('sample: give seed (tsml\'s stream) or randomState (pandas\' rows), not both');
    const weights = opts.weights === undefined ? undefined : (table.array(opts.weights) as ArrayLike<number>);
    try {
      return takeRows(table, sampleIndices(total, { n: opts.n, frac: opts.frac, replace: opts.replace, weights, randomState: opts.randomState }));
    } catch (e) {
      throw new DataError((e as Error).message);
    }
  }
  if (opts.weights !== undefined) throw new DataError('sample: weights needs randomState (pandas\' weighted draw)');
  const n = opts.n ?? (opts.frac !== undefined ? Math.round(opts.frac * total) : 1);
  if (!Number.isInteger(n) || n < 0) throw new DataError(`sample size must be a non-negative integer, got ${n}`);
  if (!opts.replace && n > total) throw new DataError(`cannot take ${n} rows without replacement from ${total}; pass { replace: true } or a smaller n`);
  const rng = rngFor(opts.seed);
  const rows = opts.replace ? Int32Array.from({ length: n }, () => randInt(rng, total)) : permutation(rng, total).subarray(0, n);
  return takeRows(table, rows);
}
