/**
 * Generators fail on options they do not take: `census({ rows: 100 })` or
 * `blobs({ random_state: 0 })` would otherwise give the default size, or an
 * unseeded-looking draw, without a word.
 */

/** Names users bring from scikit-learn and pandas, and what they are called here. */
const ALIASES: Record<string, string> = {
  rows: 'n', samples: 'n', size: 'n', nSamples: 'n', n_samples: 'n', count: 'n',
  randomState: 'seed', random_state: 'seed',
  nFeatures: 'features', n_features: 'features', nClasses: 'classes', n_classes: 'classes',
};

export function knownOptions(fn: string, opts: unknown, known: readonly string[]): void {
  if (opts === undefined || opts === null) return;
  if (typeof opts !== 'object' || Array.isArray(opts)) {
    throw new TypeError(`${fn}: options must be an object such as { ${known[0]}: … }, got ${Array.isArray(opts) ? 'an array' : typeof opts}`);
  }
  for (const key of Object.keys(opts)) {
    if (known.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const meant = [ALIASES[key], camel, ...known.filter((k) => k.toLowerCase() === key.toLowerCase())].find((k) => k && known.includes(k));
    throw new TypeError(`${fn}: unknown option '${key}'${meant ? ` (did you mean '${meant}'?)` : ''}; it takes: ${known.join(', ')}`);
  }
}
