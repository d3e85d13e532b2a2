/**
 * Functions fail on options they do not take: `census({ rows: 100 })` or
 * `trainTestSplit(t, { test_size: 0.3 })` would otherwise run with the
 * defaults without a word. Shared by the generators here and the kernel's
 * table verbs (which bring their own error class and "did you mean").
 */

/** Names users bring from scikit-learn and pandas, and what the generators call them. */
const ALIASES: Record<string, string> = {
  rows: 'n', samples: 'n', size: 'n', nSamples: 'n', n_samples: 'n', count: 'n',
  randomState: 'seed', random_state: 'seed',
  nFeatures: 'features', n_features: 'features', nClasses: 'classes', n_classes: 'classes',
};

export interface OptionCheck {
  /** The error to throw (default TypeError). */
  Err?: new (message: string) => Error;
  /** Names in `known` that an unknown `key` may have meant (default: aliases, snake_case, case). */
  near?: (key: string, known: readonly string[]) => string[];
}

const sameIgnoringCase = (key: string, known: readonly string[]) => known.filter((k) => k.toLowerCase() === key.toLowerCase());

/** Throws when `opts` is not an options object or names an option that is not in `known`. */
export function knownOptions(fn: string, opts: unknown, known: readonly string[], how: OptionCheck = {}): void {
  if (opts === undefined || opts === null) return;
  const Err = how.Err ?? TypeError;
  if (typeof opts !== 'object' || Array.isArray(opts)) {
    throw new Err(`${fn}: options must be an object such as { ${known[0]}: … }, got ${Array.isArray(opts) ? 'an array' : typeof opts}`);
  }
  for (const key of Object.keys(opts)) {
    if (known.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const near = [camel, ALIASES[key]].filter((k) => k && known.includes(k));
    const meant = near.length ? near.slice(0, 1) : (how.near ?? sameIgnoringCase)(key, known);
    const hint = meant.length ? ` (did you mean ${meant.map((n) => `'${n}'`).join(' or ')}?)` : '';
    throw new Err(`${fn}: unknown option '${key}'${hint}; it takes: ${known.join(', ')}`);
  }
}
