/** sample(): `n` rows or a fraction of them, seeded, with or without replacement. */
import type { ColumnTable } from 'arquero';
import { takeRows } from '../columns.js';
import { DataError } from '../errors.js';
import { permutation, randInt, rngFor } from '../../random/index.js';

export interface SampleOptions {
  n?: number;
  frac?: number;
  replace?: boolean;
  /** Seed for this draw; without it the draw uses tsml.seed()'s stream. */
  seed?: number;
}

/**
 * Random rows: `n` of them or a fraction `frac`, with or without `replace`ment; `seed` makes the
 * draw repeatable (else `tsml.seed`'s stream).
 */
export function sample(table: ColumnTable, opts: SampleOptions = {}): ColumnTable {
  const total = table.numRows();
  const n = opts.n ?? (opts.frac !== undefined ? Math.round(opts.frac * total) : 1);
  if (!Number.isInteger(n) || n < 0) throw new DataError(`sample size must be a non-negative integer, got ${n}`);
  if (!opts.replace && n > total) throw new DataError(`cannot take ${n} rows without replacement from ${total}; pass { replace: true } or a smaller n`);
  const rng = rngFor(opts.seed);
  const rows = opts.replace ? Int32Array.from({ length: n }, () => randInt(rng, total)) : permutation(rng, total).subarray(0, n);
  return takeRows(table, rows);
}
