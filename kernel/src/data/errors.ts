/**
 * Errors from loading and transforming tables. Each message says what was
 * wrong (file, row, column, value) and what to do about it.
 */
import { knownOptions } from '@tsml/datasets';
import { nearNames } from '../util/distance.js';

/** A bad file, column, value or option; the message names it and says what to do. */
export class DataError extends Error {
  override name = 'DataError';
}

/** Fails with the list of known columns when a name is not one of them. */
export function assertColumns(names: readonly string[], wanted: readonly string[], what = 'column'): void {
  const known = new Set(names);
  const missing = wanted.filter((w) => !known.has(w));
  if (missing.length) {
    const list = names.length > 20 ? `${names.slice(0, 20).join(', ')}, …` : names.join(', ');
    throw new DataError(`unknown ${what}${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}; the table has: ${list}`);
  }
}

/**
 * Fails when `opts` names an option `fn` does not take: a typo (or pandas' `test_size` for
 * `testSize`) would otherwise be ignored without a word, e.g. leaving a split unseeded.
 */
export function checkOptions(fn: string, opts: unknown, known: readonly string[], Err: new (message: string) => Error = DataError): void {
  knownOptions(fn, opts, known, { Err, near: nearNames });
}
