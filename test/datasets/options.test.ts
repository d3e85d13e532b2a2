/** Generators refuse options they do not take, naming the one meant (a typo used to give the default data silently). */
import { describe, expect, it } from 'vitest';
import { blobs, census, classification, diabetes, heartDisease, linear } from '../../datasets/src/index.js';

describe('generator options', () => {
  it('fail on an option they do not take, with the name meant and the list', () => {
    expect(() => census({ rows: 100 } as never)).toThrow("census: unknown option 'rows' (did you mean 'n'?); it takes: n, rng, seed");
    expect(() => blobs({ random_state: 0 } as never)).toThrow("blobs: unknown option 'random_state' (did you mean 'seed'?)");
    expect(() => classification({ n_features: 4 } as never)).toThrow("(did you mean 'features'?)");
    expect(() => classification({ class_sep: 2 } as never)).toThrow("(did you mean 'classSep'?)");
    expect(() => linear({ Noise: 0.1 } as never)).toThrow("(did you mean 'noise'?)");
    expect(() => heartDisease({ dirty: true } as never)).toThrow(/unknown option 'dirty'; it takes: n, clean, rng, seed$/);
    expect(() => diabetes('scaled' as never)).toThrow('diabetes: options must be an object such as { scaled: … }, got string');
  });

  it('take the ones they document', () => {
    expect(census({ n: 50, seed: 1 }).numRows()).toBe(50);
    expect(linear({ n: 5, intercept: 0, slope: 1, noise: 0, seed: 2 }).numRows()).toBe(5);
  });
});
