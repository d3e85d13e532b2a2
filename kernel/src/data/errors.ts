/**
 * Errors from loading and transforming tables. Each message says what was
 * wrong (file, row, column, value) and what to do about it.
 */
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
  if (opts === undefined || opts === null) return;
  if (typeof opts !== 'object' || Array.isArray(opts)) {
    throw new Err(`${fn}: options must be an object such as { ${known[0]}: … }, got ${Array.isArray(opts) ? 'an array' : typeof opts}`);
  }
  for (const key of Object.keys(opts)) {
    if (known.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const near = known.includes(camel) ? [camel] : nearNames(key, known);
    const hint = near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(' or ')}?)` : '';
    throw new Err(`${fn}: unknown option '${key}'${hint}; it takes: ${known.join(', ')}`);
  }
}
