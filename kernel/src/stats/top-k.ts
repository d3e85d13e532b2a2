/**
 * Frequent values in bounded memory. Counts are exact while a column has at
 * most `capacity` distinct values (a plain Map); the first value beyond that
 * turns the Map into a Space-Saving summary (Metwally, Agrawal, El Abbadi
 * 2005) of `capacity` counters in a min-heap: a new value takes over the
 * smallest counter and inherits its count as its possible overestimate
 * (`error`). Any value whose true weight exceeds total / capacity is kept, and
 * each reported count is at most `error` above the truth. Distinct values are
 * counted exactly while exact and by HyperLogLog afterwards, so memory stays
 * at `capacity` strings + 16 KiB however many distinct values stream by.
 */
import { HyperLogLog } from './hyperloglog.js';

export interface Frequent {
  value: string;
  count: number;
  /** Upper bound on how much `count` overestimates the true count (0 while exact). */
  error: number;
}

/** UTF-16 surrogate pairs in a string: its code-point length is `s.length` minus this. */
export function surrogatePairs(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) === 0xdc00) n++;
  return n;
}

export class FrequentValues {
  /** Total weight added. */
  total = 0;
  private exact: Map<string, number> | null = new Map();
  private index = new Map<string, number>();
  private keys: string[] = [];
  private counts = new Float64Array(0);
  private errors = new Float64Array(0);
  /** heap[i] is a slot; at[slot] is its heap position; counts[heap[0]] is the smallest. */
  private heap = new Int32Array(0);
  private at = new Int32Array(0);
  private readonly hll = new HyperLogLog();
  /** Surrogate pairs over all values added, weighted; kept row by row once approximate. */
  private pairs = 0;

  constructor(readonly capacity = 10_000) {
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${capacity}`);
  }

  /** True once more than `capacity` distinct values were seen: counts and `distinct` are estimates. */
  get approximate(): boolean {
    return this.exact === null;
  }

  /** Values held (never more than `capacity`). */
  get size(): number {
    return this.exact ? this.exact.size : this.index.size;
  }

  add(value: string, weight = 1): void {
    this.total += weight;
    const exact = this.exact;
    if (exact) {
      const c = exact.get(value);
      if (c !== undefined) exact.set(value, c + weight);
      else if (exact.size < this.capacity) {
        exact.set(value, weight);
        this.hll.add(value);
      } else {
        this.toSketch(exact);
        this.addToSketch(value, weight);
      }
      return;
    }
    this.addToSketch(value, weight);
  }

  /** Distinct values: exact while exact, a HyperLogLog estimate afterwards. */
  distinct(): number {
    return this.exact ? this.exact.size : Math.max(Math.round(this.hll.estimate()), this.index.size);
  }

  /** Code points over all values added (weighted): exact while exact, and after too. */
  codePointCorrection(): number {
    if (!this.exact) return this.pairs;
    let pairs = 0;
    for (const [v, c] of this.exact) {
      const p = surrogatePairs(v);
      if (p) pairs += p * c;
    }
    return pairs;
  }

  /** The k heaviest, by count descending and then value descending (as Facets' generator orders ties). */
  top(k: number): Frequent[] {
    const all: Frequent[] = [];
    if (this.exact) for (const [value, count] of this.exact) all.push({ value, count, error: 0 });
    else for (const [value, slot] of this.index) all.push({ value, count: this.counts[slot], error: this.errors[slot] });
    all.sort((a, b) => b.count - a.count || (a.value < b.value ? 1 : a.value > b.value ? -1 : 0));
    return all.slice(0, k);
  }

  private toSketch(exact: Map<string, number>): void {
    const m = this.capacity;
    this.pairs = this.codePointCorrection();
    this.keys = new Array(m);
    this.counts = new Float64Array(m);
    this.errors = new Float64Array(m);
    this.heap = new Int32Array(m);
    this.at = new Int32Array(m);
    let slot = 0;
    for (const [v, c] of exact) {
      this.keys[slot] = v;
      this.counts[slot] = c;
      this.index.set(v, slot);
      this.heap[slot] = slot;
      this.at[slot] = slot;
      slot++;
    }
    this.exact = null;
    for (let i = (m >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private addToSketch(value: string, weight: number): void {
    const p = surrogatePairs(value);
    if (p) this.pairs += p * weight;
    const slot = this.index.get(value);
    if (slot !== undefined) {
      this.counts[slot] += weight;
      this.siftDown(this.at[slot]);
      return;
    }
    this.hll.add(value);
    const min = this.heap[0];
    this.index.delete(this.keys[min]);
    this.keys[min] = value;
    this.errors[min] = this.counts[min];
    this.counts[min] += weight;
    this.index.set(value, min);
    this.siftDown(0);
  }

  private siftDown(i: number): void {
    const { heap, at, counts } = this;
    const n = heap.length;
    const slot = heap[i];
    const c = counts[slot];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && counts[heap[r]] < counts[heap[l]] ? r : l;
      if (counts[heap[child]] >= c) break;
      heap[i] = heap[child];
      at[heap[i]] = i;
      i = child;
    }
    heap[i] = slot;
    at[slot] = i;
  }
}
