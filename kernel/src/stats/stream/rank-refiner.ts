/**
 * Exact order statistics of a column that is read twice but never held.
 *
 * Before the second read, each wanted rank r (of k finite values) gets a
 * bracket [lo, hi] from the first read's sample of s values (sample.ts): the
 * sampled values z standard deviations either side of where rank r should
 * fall, so the value at rank r lies in the bracket unless the sample was off
 * by more than z σ (z = 6: odds of about 1 in 10⁹ per bracket). σ is at most
 * k / (2√s) ranks, so the sample's own estimate, the middle pivot, is within
 * 3/√s of the rank (as a fraction of k) with the same odds. Bracket ends, the
 * sample's own estimate for r, and the column's min and max become pivots.
 * The second read counts, exactly, the values equal to each pivot and the
 * values strictly between neighbouring pivots, and keeps the values strictly
 * inside brackets. Then every rank is found by walking the counts: it lands
 * on a pivot (exact), or in a kept gap (exact, by selection among the kept
 * values), or — when the sample missed, or more than `cap` values would
 * have had to be kept — in a gap whose values were not kept. Only then is
 * the answer approximate: the pivot nearest in rank, whose true rank the
 * counts give, so the error reported is measured, not a bound.
 *
 * Memory: the pivots (three per rank) and at most `cap` kept values, however
 * many rows. With a sample of s values the bracket of quantile p holds
 * about 2z·√(p(1 − p))·k/√s values (k = 10⁷, s = 2¹⁸: ~0.9 M for the 9 inner
 * deciles together; none when ranks land on repeated values, which are
 * pivots), so the default cap of 2²² keeps quantiles exact up to ~5·10⁷
 * finite values per column, and labelled approximate beyond.
 */
import { orderStatistics } from '../order-statistics.js';

const Z = 6;
const GRID = 4096;

export class RankRefiner {
  private readonly pivots: Float64Array;
  /** eq[j]: values equal to pivot j; gap[j]: values strictly between pivots j − 1 and j (gap[m]: above the last). */
  private readonly eq: Float64Array;
  private readonly gap: Float64Array;
  /** Values kept per gap inside some bracket (undefined: not kept). */
  private readonly kept: (Float64Array | undefined)[];
  private readonly keptLength: Uint32Array;
  private held = 0;
  private overflow = false;
  /**
   * A uniform grid over [min, max], so that most values cost a multiply and
   * an increment rather than a binary search (whose mispredicted branches
   * cost more than everything else): cell c holds pivots first[c] …
   * first[c + 1] − 1, pivots being placed by the same `cellOf` as the
   * values, which is monotone, so every pivot of an earlier cell is below a
   * value of cell c and every pivot of a later one above it. A cell with no
   * pivot and outside every bracket (`plain`) lies within one gap: its values
   * are only counted, per cell, and join that gap's count at the end.
   */
  private readonly first: Int32Array;
  private readonly plain: Uint8Array;
  private readonly cellCounts: Float64Array;
  private readonly origin: number;
  private readonly scale: number;

  constructor(
    private readonly ranks: number[],
    private readonly k: number,
    min: number,
    max: number,
    sample: Float64Array,
    private readonly cap: number,
  ) {
    const s = sample.length;
    // Given its size, the sample is a uniform subset, so the sampled values below rank r are
    // hypergeometric: mean r·q, variance r·q·(1 − r/k)·(1 − q) with q = s / k (the size drawn, not the
    // rate aimed at, or the sample's ±√s size would shift every bracket).
    const q = s / k;
    const brackets: [number, number][] = [];
    const points = [min, max];
    for (const r of ranks) {
      if (r <= 0 || r >= k - 1 || s === 0) continue;
      const centre = r * q;
      const spread = Z * Math.sqrt(r * q * (1 - r / k) * (1 - q));
      const lo = Math.floor(centre - spread) - 1;
      const hi = Math.ceil(centre + spread) + 1;
      const bracket: [number, number] = [lo < 0 ? min : sample[lo], hi >= s ? max : sample[hi]];
      brackets.push(bracket);
      points.push(...bracket, sample[Math.min(s - 1, Math.max(0, Math.round(centre)))]);
    }
    this.pivots = Float64Array.from(new Set(points)).sort();
    const m = this.pivots.length;
    const cells = GRID;
    this.origin = min;
    this.scale = max > min ? cells / (max - min) : 0;
    this.first = new Int32Array(cells + 1);
    for (let j = 0, c = 0; c <= cells; c++) {
      while (j < m && this.cellOf(this.pivots[j]) < c) j++;
      this.first[c] = j;
    }
    this.eq = new Float64Array(m);
    this.gap = new Float64Array(m + 1);
    this.kept = new Array(m + 1).fill(undefined);
    this.keptLength = new Uint32Array(m + 1);
    if (cap > 0) {
      for (const [lo, hi] of brackets) {
        // Gaps strictly inside [lo, hi]: those after pivot lo up to the one before pivot hi.
        for (let j = this.indexOf(lo) + 1; j <= this.indexOf(hi); j++) this.kept[j] ??= new Float64Array(64);
      }
    }
    this.plain = new Uint8Array(cells);
    this.cellCounts = new Float64Array(cells);
    for (let c = 0; c < cells; c++) this.plain[c] = this.first[c] === this.first[c + 1] && this.kept[this.first[c]] === undefined ? 1 : 0;
  }

  private cellOf(x: number): number {
    const c = Math.floor((x - this.origin) * this.scale);
    return c > 0 ? (c < GRID ? c : GRID - 1) : 0;
  }

  /** How many pivots are below x (in cell c), searching only where the grid says they can be. */
  private indexOf(x: number, c = this.cellOf(x)): number {
    const p = this.pivots;
    let lo = this.first[c];
    let hi = this.first[c + 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Second read: finite values, any order, any number of calls. */
  add(x: ArrayLike<number>): void {
    const { pivots, eq, gap, kept, plain, cellCounts, origin, scale } = this;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      const f = Math.floor((v - origin) * scale);
      const c = f > 0 ? (f < GRID ? f : GRID - 1) : 0;
      if (plain[c] === 1) {
        cellCounts[c]++;
        continue;
      }
      const j = this.indexOf(v, c);
      if (pivots[j] === v) {
        eq[j]++;
        continue;
      }
      gap[j]++;
      if (kept[j] !== undefined && !this.overflow) this.keep(j, v);
    }
  }

  private keep(j: number, v: number): void {
    if (this.held === this.cap) {
      this.drop();
      return;
    }
    const into = this.kept[j]!;
    const n = this.keptLength[j];
    if (n === into.length) {
      const bigger = new Float64Array(Math.min(n * 2, n + this.cap - this.held + 1));
      bigger.set(into);
      this.kept[j] = bigger;
    }
    this.kept[j]![n] = v;
    this.keptLength[j] = n + 1;
    this.held++;
  }

  /** Over the cap: keep nothing more, free what was kept; the counts stay exact. */
  private drop(): void {
    this.overflow = true;
    this.kept.fill(undefined);
  }

  /** The value at each rank, and the measured rank error (a fraction of k) when any is approximate. */
  resolve(): { at: Map<number, number>; rankError?: number } {
    const { pivots, eq, gap, k } = this;
    const m = pivots.length;
    for (let c = 0; c < GRID; c++) if (this.plain[c]) gap[this.first[c]] += this.cellCounts[c];
    this.cellCounts.fill(0);
    // below[j]: values under pivot j; start[j]: rank of the first value of gap j.
    const below = new Float64Array(m);
    const start = new Float64Array(m + 1);
    let acc = 0;
    for (let j = 0; j < m; j++) {
      start[j] = acc;
      acc += gap[j];
      below[j] = acc;
      acc += eq[j];
    }
    start[m] = acc;
    if (acc + gap[m] !== k) throw new Error(`the second read saw ${acc + gap[m]} finite values, the first ${k}: did the file change?`);
    const at = new Map<number, number>();
    const wanted = new Map<number, number[]>();
    let worst = -1;
    const distance = (r: number, j: number) => (r < below[j] ? below[j] - r : Math.max(0, r - (below[j] + eq[j] - 1)));
    for (const r of this.ranks) {
      let j = 0;
      while (j < m && below[j] + eq[j] <= r) j++;
      if (j < m && r >= below[j]) at.set(r, pivots[j]);
      else if (this.kept[j] && !this.overflow) wanted.set(j, [...(wanted.get(j) ?? []), r]);
      else {
        // Gap j lies between pivots j − 1 and j; min and max are pivots, so both exist.
        const a = Math.max(0, j - 1);
        const b = Math.min(m - 1, j);
        const best = distance(r, a) <= distance(r, b) ? a : b;
        at.set(r, pivots[best]);
        worst = Math.max(worst, distance(r, best));
      }
    }
    for (const [j, rs] of wanted) {
      const local = orderStatistics(this.kept[j]!.subarray(0, this.keptLength[j]), rs.map((r) => r - start[j]));
      for (const r of rs) at.set(r, local.get(r - start[j])!);
    }
    return worst < 0 ? { at } : { at, rankError: worst / k };
  }
}
