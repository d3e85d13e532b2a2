/**
 * NumPy's legacy `RandomState` (`np.random.seed`, `np.random.rand`, …), draw for
 * draw: the same MT19937 stream, the same 53-bit doubles, the same polar
 * Box-Muller normals with the cached second value, the same masked rejection
 * for bounded integers and the same Fisher-Yates shuffle. So `rs.rand(100)` here
 * is `np.random.rand(100)` there after the same seed — tested bit for bit.
 *
 * Shapes: a `size` (a count or a shape such as [100, 1]) gives a flat array in
 * C order; no `size` gives one number. Real draws come as Float64Array, integer
 * draws (randint, permutation, choice of indices) as number[].
 */
import { MT19937, type NumpySeed } from './mt19937.js';
import { maskedBounded, randomInterval } from './bounded.js';
import { log } from './log.js';

export type Size = number | readonly number[];
type Values = number | ArrayLike<number>;

export class RandomState {
  readonly bitGenerator: MT19937;
  private cachedGauss: number | null = null;

  constructor(seed: NumpySeed = 0) {
    this.bitGenerator = new MT19937(seed);
  }

  /** `np.random.seed(s)`: reseeds and forgets the cached normal. */
  seed(seed: NumpySeed): this {
    this.bitGenerator.seed(seed);
    this.cachedGauss = null;
    return this;
  }

  /** `random_sample(size)` (alias `random`): uniform doubles in [0, 1). */
  randomSample(): number;
  randomSample(size: Size): Float64Array;
  randomSample(size?: Size): number | Float64Array {
    return this.fill(size, () => this.bitGenerator.nextDouble());
  }

  random(): number;
  random(size: Size): Float64Array;
  random(size?: Size): number | Float64Array {
    return this.fill(size, () => this.bitGenerator.nextDouble());
  }

  /** `rand(d0, d1, …)`: `randomSample([d0, d1, …])`; `rand()` is one number. */
  rand(): number;
  rand(...dims: number[]): Float64Array;
  rand(...dims: number[]): number | Float64Array {
    return this.fill(dims.length ? dims : undefined, () => this.bitGenerator.nextDouble());
  }

  /** `standard_normal(size)`: N(0, 1) by the legacy polar method. */
  standardNormal(): number;
  standardNormal(size: Size): Float64Array;
  standardNormal(size?: Size): number | Float64Array {
    return this.fill(size, () => this.gauss());
  }

  /** `randn(d0, d1, …)`: `standardNormal([d0, d1, …])`. */
  randn(): number;
  randn(...dims: number[]): Float64Array;
  randn(...dims: number[]): number | Float64Array {
    return this.fill(dims.length ? dims : undefined, () => this.gauss());
  }

  /** `normal(loc, scale, size)`: loc + scale·N(0, 1); loc and scale broadcast along the last axis. */
  normal(loc?: number, scale?: number): number;
  normal(loc: Values, scale: Values, size?: Size): Float64Array;
  normal(loc: Values = 0, scale: Values = 1, size?: Size): number | Float64Array {
    const params = broadcast('normal', size, { loc, scale });
    for (const s of Array.from(params.values.scale)) if (!(s >= 0)) throw new RangeError(`normal: scale must be >= 0, got ${s}`);
    const [l, s] = [params.values.loc, params.values.scale];
    return this.fill(params.size, (i) => l[i % l.length] + s[i % s.length] * this.gauss());
  }

  /** `uniform(low, high, size)`: low + (high - low)·U[0, 1). */
  uniform(low?: number, high?: number): number;
  uniform(low: Values, high: Values, size?: Size): Float64Array;
  uniform(low: Values = 0, high: Values = 1, size?: Size): number | Float64Array {
    const params = broadcast('uniform', size, { low, high });
    const [lo, hi] = [params.values.low, params.values.high];
    return this.fill(params.size, (i) => {
      const a = lo[i % lo.length];
      const range = hi[i % hi.length] - a;
      if (!Number.isFinite(range)) throw new RangeError('uniform: high - low is not finite (as NumPy, an OverflowError)');
      return a + range * this.bitGenerator.nextDouble();
    });
  }

  /** `randint(low, high, size)`: integers in [low, high); `randint(n)` is [0, n). NumPy's int64 default. */
  randint(low: number, high?: number): number;
  randint(low: number, high: number | undefined, size: Size): number[];
  randint(low: number, high?: number, size?: Size): number | number[] {
    const [lo, hi] = high === undefined ? [0, low] : [low, high];
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) {
      throw new RangeError(`randint: low and high must be integers within ±2**53, got ${lo} and ${hi}`);
    }
    if (lo >= hi) throw new RangeError(`randint: low >= high (${lo} >= ${hi}); the range [low, high) is empty`);
    const range = hi - 1 - lo;
    const one = () => lo + maskedBounded(this.bitGenerator, range);
    if (size === undefined) return one();
    return Array.from({ length: count(size) }, one);
  }

  /** `shuffle(x)`: shuffles an array in place (Fisher-Yates from the end, as NumPy). */
  shuffle<T extends { length: number; [i: number]: unknown }>(x: T): T {
    for (let i = x.length - 1; i > 0; i--) {
      const j = randomInterval(this.bitGenerator, i);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
    return x;
  }

  /** `permutation(n)`: a shuffled 0…n-1; `permutation(array)`: a shuffled copy. */
  permutation(n: number): number[];
  permutation<T>(x: ArrayLike<T>): T[];
  permutation<T>(x: number | ArrayLike<T>): number[] | T[] {
    if (typeof x === 'number') {
      if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`permutation: n must be a non-negative integer, got ${x}`);
      return this.shuffle(Array.from({ length: x }, (_, i) => i));
    }
    return this.shuffle(Array.from(x));
  }

  /**
   * `choice(a, size, replace, p)`: from 0…a-1 (a number) or from the items of `a`.
   * With replacement and no p: `randint`; with p: inverse CDF on `randomSample`;
   * without replacement and no p: the head of a permutation; without replacement
   * with p: NumPy's redraw-until-unique loop.
   */
  choice<T = number>(a: number | ArrayLike<T>, size?: Size, replace = true, p?: ArrayLike<number>): T | T[] {
    const pool = typeof a === 'number' ? null : Array.from(a);
    const popSize = pool ? pool.length : (a as number);
    if (!Number.isSafeInteger(popSize) || popSize < 0) throw new RangeError(`choice: a must be a positive integer or an array, got ${a}`);
    if (popSize === 0 && (size === undefined || count(size) > 0)) throw new RangeError('choice: a cannot be empty unless no samples are taken');
    const probs = p === undefined ? undefined : checkProbabilities(p, popSize);
    const k = size === undefined ? 1 : count(size);
    let idx: number[];
    if (replace) {
      idx = probs ? searchCdf(cdfOf(probs), this.randomSample(k)) : this.randint(0, popSize, k);
    } else {
      if (k > popSize) throw new RangeError(`choice: cannot take a larger sample (${k}) than the population (${popSize}) when replace is false`);
      idx = probs ? this.weightedWithoutReplacement(probs, k) : this.permutation(popSize).slice(0, k);
    }
    const out = pool ? idx.map((i) => pool[i]) : (idx as unknown as T[]);
    return size === undefined ? out[0] : out;
  }

  /** The legacy Gaussian: polar Box-Muller, returning the second value of a pair on the next call. */
  gauss(): number {
    if (this.cachedGauss !== null) {
      const g = this.cachedGauss;
      this.cachedGauss = null;
      return g;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.bitGenerator.nextDouble() - 1;
      x2 = 2 * this.bitGenerator.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * log(r2)) / r2);
    this.cachedGauss = f * x1;
    return f * x2;
  }

  private weightedWithoutReplacement(probs: Float64Array, k: number): number[] {
    const positive = probs.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
    if (positive < k) throw new RangeError(`choice: fewer non-zero entries in p (${positive}) than size (${k})`);
    const p = probs.slice();
    const found: number[] = [];
    while (found.length < k) {
      const x = this.randomSample(k - found.length);
      for (const f of found) p[f] = 0;
      const fresh = searchCdf(cdfOf(p), x);
      // np.unique(return_index) then sort: each new value once, in order of first appearance.
      const seen = new Set<number>();
      for (const v of fresh) if (!seen.has(v)) seen.add(v);
      found.push(...seen);
    }
    return found;
  }

  private fill(size: Size | undefined, draw: (i: number) => number): number | Float64Array {
    if (size === undefined) return draw(0);
    const out = new Float64Array(count(size));
    for (let i = 0; i < out.length; i++) out[i] = draw(i);
    return out;
  }
}

/** The number of values a shape holds. */
export function count(size: Size): number {
  const dims = typeof size === 'number' ? [size] : size;
  let n = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`size must hold non-negative integers, got ${JSON.stringify(size)}`);
    n *= d;
  }
  return n;
}

/** Parameters as arrays, and the size they imply: numbers, or arrays repeated along the last axis. */
function broadcast<K extends string>(name: string, size: Size | undefined, params: Record<K, Values>) {
  const values = {} as Record<K, ArrayLike<number>>;
  let longest = 0;
  let anyArray = false;
  for (const key of Object.keys(params) as K[]) {
    const v = params[key];
    values[key] = typeof v === 'number' ? [v] : (v as ArrayLike<number>);
    if (typeof v !== 'number') anyArray = true;
    longest = Math.max(longest, values[key].length);
  }
  const resolved = size ?? (anyArray ? longest : undefined);
  if (resolved !== undefined) {
    const dims = typeof resolved === 'number' ? [resolved] : resolved;
    const last = dims.length ? dims[dims.length - 1] : 1;
    for (const key of Object.keys(values) as K[]) {
      const len = values[key].length;
      if (len === 0 || (len > 1 && len !== last)) {
        throw new RangeError(`${name}: ${key} has ${len} values, which does not broadcast to size ${JSON.stringify(resolved)}`);
      }
    }
  }
  return { size: resolved, values };
}

function checkProbabilities(p: ArrayLike<number>, popSize: number): Float64Array {
  const probs = Float64Array.from(p);
  if (probs.length !== popSize) throw new RangeError(`choice: a and p must have the same size (${popSize} vs ${probs.length})`);
  let sum = 0;
  for (const v of probs) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError('choice: probabilities must be finite and non-negative');
    sum += v;
  }
  if (Math.abs(sum - 1) > Math.sqrt(Number.EPSILON)) throw new RangeError(`choice: probabilities do not sum to 1 (they sum to ${sum})`);
  return probs;
}

/** np.cumsum then division by the last value, as NumPy normalises the CDF. */
function cdfOf(p: Float64Array): Float64Array {
  const cdf = new Float64Array(p.length);
  let acc = 0;
  for (let i = 0; i < p.length; i++) cdf[i] = acc += p[i];
  const last = cdf[cdf.length - 1];
  for (let i = 0; i < cdf.length; i++) cdf[i] /= last;
  return cdf;
}

/** np.searchsorted(cdf, u, side='right'): the first index whose CDF exceeds u. */
function searchCdf(cdf: Float64Array, u: Float64Array): number[] {
  return Array.from(u, (x) => {
    let lo = 0;
    let hi = cdf.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
}
