/**
 * Errors from loading and transforming tables. Each message says what was
 * wrong (file, row, column, value) and what to do about it.
 */
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
