/**
 * Frequent values in bounded memory. Counts are exact while a column has at
 * most `capacity` distinct values (a plain Map). A new value arriving when
 * the Map is full triggers a Misra–Gries reduction (Misra & Gries 1982, in
 * the amortised form of Karp, Shenker & Papadimitriou 2003): the median count
 * δ is subtracted from every counter and counters that reach 0 are dropped,
 * which frees at least half of them, so each reduction (O(capacity)) pays for
 * capacity / 2 later insertions. Reported counts are then lower bounds: the
 * true count lies in [count, count + error], where error (the sum of the δs)
 * is at most 2 × total / capacity, and every value whose true count exceeds
 * `error` is still held. Distinct values are counted exactly while exact and
 * from a set afterwards while it holds at most 2^17 values — of the values
 * themselves (exact), or of their 32-bit MurmurHash3 once a caller hands
 * over hashes instead of values (`absorb`; collisions: about n²/2^33, under
 * one below 90,000 distinct) — and HyperLogLog beyond; never more than the
 * values counted. Memory stays at `capacity` strings + 16 KiB + that set,
 * however many distinct values stream by.
 */
import { quantilesInPlace } from '../data/columns.js';
import { HyperLogLog, murmur3 } from './hyperloglog.js';

const EXACT_DISTINCT = 1 << 17;

export interface Frequent {
  value: string;
  /** A lower bound on the true count (the true count while exact). */
  count: number;
  /** The true count is at most `count + error` (0 while exact). */
  error: number;
}

/** UTF-16 surrogate pairs in a string: its code-point length is `s.length` minus this. */
export function surrogatePairs(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) === 0xdc00) n++;
  return n;
}

/**
 * Counts of the most frequent values in bounded memory: exact up to a capacity of distinct values,
 * then a Misra–Gries estimate.
 */
export class FrequentValues {
  /** Total weight added. */
  total = 0;
  /** Values added (whatever their weight): the most distinct values there can be. */
  private added = 0;
  private readonly counts = new Map<string, number>();
  private readonly hll = new HyperLogLog();
  /** Distinct values (or their hashes once hashes were absorbed), while at most EXACT_DISTINCT (then null: HyperLogLog alone). */
  private seen: Set<string | number> | null = new Set();
  private hashed = false;
  /** Sum of the reductions so far: 0 while exact. */
  private reduced = 0;
  /** Surrogate pairs over all values added (weighted), kept value by value once approximate. */
  private pairs = 0;

  constructor(readonly capacity = 10_000) {
    if (!(capacity >= 2)) throw new RangeError(`capacity must be at least 2, got ${capacity}`);
  }

  /** True once more than `capacity` distinct values were seen: counts and `distinct` are estimates. */
  get approximate(): boolean {
    return this.reduced > 0;
  }

  /** Values held (never more than `capacity`). */
  get size(): number {
    return this.counts.size;
  }

  add(value: string, weight = 1): void {
    this.total += weight;
    this.added++;
    if (this.reduced > 0) {
      const p = surrogatePairs(value);
      if (p) this.pairs += p * weight;
    }
    const counts = this.counts;
    const c = counts.get(value);
    if (c !== undefined) {
      counts.set(value, c + weight);
      return;
    }
    this.hll.add(value);
    this.remember(this.hashed ? murmur3(value) : value);
    if (counts.size >= this.capacity) this.reduce();
    counts.set(value, weight);
  }

  /**
   * Values a caller tallied but did not add one by one (streamed statistics
   * keep at most `capacity` of a batch's distinct values and drop the rest):
   * their total weight, the largest weight any one of them had, their
   * surrogate pairs, and their `murmur3` hashes, so `distinct` still sees
   * them. Each dropped value's count is then short by at most `largest`,
   * which joins the error bound, and the counter is approximate.
   */
  absorb(weight: number, largest: number, pairs: number, hashes: ArrayLike<number>): void {
    if (!this.hashed && this.seen) this.seen = new Set([...this.seen].map((v) => murmur3(v as string)));
    this.hashed = true;
    for (let i = 0; i < hashes.length; i++) {
      this.hll.addHash(hashes[i]);
      this.remember(hashes[i]);
    }
    if (!(largest > 0)) return;
    if (this.reduced === 0) this.pairs = this.pairsHeld();
    this.total += weight;
    this.added += weight;
    this.pairs += pairs;
    this.reduced += largest;
  }

  private remember(v: string | number): void {
    if (!this.seen) return;
    this.seen.add(v);
    if (this.seen.size > EXACT_DISTINCT) this.seen = null;
  }

  /**
   * Distinct values: exact while the counts are, or while the set holds
   * values; then distinct hashes up to 2^17, else a HyperLogLog estimate; never
   * more than the number of values added (no more '50,443 distinct of 50,000').
   */
  distinct(): number {
    if (this.reduced === 0) return this.counts.size;
    const estimate = this.seen ? this.seen.size : Math.round(this.hll.estimate());
    return Math.min(Math.max(estimate, this.counts.size), this.added);
  }

  /** True when `distinct()` is not an exact count (hashes or HyperLogLog). */
  get distinctEstimated(): boolean {
    return this.reduced > 0 && (this.seen === null || this.hashed);
  }

  /** Surrogate pairs over all values added (weighted), to turn UTF-16 lengths into code points; exact in both modes. */
  codePointCorrection(): number {
    return this.reduced > 0 ? this.pairs : this.pairsHeld();
  }

  /** The k heaviest, by count descending and then value descending (as Facets' generator orders ties). */
  top(k: number): Frequent[] {
    const all: Frequent[] = [];
    for (const [value, count] of this.counts) all.push({ value, count, error: this.reduced });
    all.sort((a, b) => b.count - a.count || (a.value < b.value ? 1 : a.value > b.value ? -1 : 0));
    return all.slice(0, k);
  }

  private pairsHeld(): number {
    let pairs = 0;
    for (const [v, c] of this.counts) {
      const p = surrogatePairs(v);
      if (p) pairs += p * c;
    }
    return pairs;
  }

  private reduce(): void {
    if (this.reduced === 0) this.pairs = this.pairsHeld();
    const counts = this.counts;
    const all = Float64Array.from(counts.values());
    const delta = quantilesInPlace(all, [0.5])[0];
    for (const [v, c] of counts) {
      if (c <= delta) counts.delete(v);
      else counts.set(v, c - delta);
    }
    this.reduced += delta;
  }
}
