/**
 * A uniform random sample of the finite values of a column, in memory set by
 * its target size rather than by the rows: each value is kept independently
 * with probability q = min(1, size / rows) (rows, an upper bound on the
 * values, comes from the file's footer), and the gaps between kept values
 * are drawn from the geometric distribution, so the cost is per kept value,
 * not per row. Seeded, so a file gives the same sample, hence the same
 * output, on every run.
 *
 * Its use is to bracket order statistics (rank-refiner.ts): given its size,
 * the sample is a uniform random subset of the values.
 */
import { createRng, type Rng } from '@tsml/datasets/random';

export class BernoulliSample {
  readonly rate: number;
  private values: Float64Array;
  private size = 0;
  /** Values still to skip before the next one kept. */
  private skip: number;
  private readonly rng: Rng;
  private readonly logMiss: number;

  constructor(rows: number, target: number, seed = 0) {
    this.rate = rows > 0 ? Math.min(1, target / rows) : 1;
    this.values = new Float64Array(Math.max(16, Math.ceil(Math.min(rows, target) * 1.01) + 64));
    this.rng = createRng(seed);
    this.logMiss = Math.log1p(-this.rate);
    this.skip = this.gap();
  }

  /** Values between kept ones: Geometric(q) failures, by inversion. */
  private gap(): number {
    if (this.rate >= 1) return 0;
    return Math.floor(Math.log(1 - this.rng()) / this.logMiss);
  }

  add(x: ArrayLike<number>): void {
    let i = this.skip;
    for (; i < x.length; i += 1 + this.gap()) {
      if (this.size === this.values.length) {
        const bigger = new Float64Array(this.values.length * 2);
        bigger.set(this.values);
        this.values = bigger;
      }
      this.values[this.size++] = x[i];
    }
    this.skip = i - x.length;
  }

  get length(): number {
    return this.size;
  }

  /** The sample in ascending order (a copy). */
  sorted(): Float64Array {
    return this.values.slice(0, this.size).sort();
  }
}
