/**
 * A UTF-8 string batch counted as bytes: each row is hashed and looked up in
 * an open-addressing table of distinct byte strings, and only values that
 * reach the accumulator become JavaScript strings (one TextDecoder call per
 * distinct value instead of one per row, which dominates reading strings).
 *
 * The table holds at most `capacity` values (≥ 2 × the exact cap), so it
 * stays in cache and its memory is fixed. A batch with more distinct values
 * is summarised as Misra–Gries does (see top-k.ts): when the table is full,
 * the lower-median count δ is taken off every value and values left with
 * nothing leave the table; every value's count is then short by at most the
 * sum of the δs. What leaves is not lost for the other statistics: its rows,
 * UTF-16 units and surrogate pairs (utf8.ts) are added up, so avg_length
 * stays exact, and its murmur3 hash is kept for the HyperLogLog, so `unique`
 * is the estimate the in-memory path makes.
 *
 * At the end of a batch the `keep` most frequent values are handed to the
 * StringAccumulator (`addCount`) and the rest summarised (`addUncounted`)
 * with the most any value's count may be short, which the top values' error
 * bound absorbs. A batch with at most `keep` distinct values is handed over
 * whole and exactly, so while a column stays under the exact cap its
 * statistics are the in-memory ones. Values whose bytes TextDecoder changes
 * (invalid UTF-8, a leading byte order mark) are always handed over, decoded.
 */
import { orderStatistics } from '../order-statistics.js';
import type { StringAccumulator } from '../strings.js';
import { bytesHash, decoder, utf8Facts } from './utf8.js';

export class Utf8Tally {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  /** The table's hash of each value (`bytesHash`), not the HyperLogLog's. */
  private readonly keys: Int32Array;
  private readonly counts: Float64Array;
  /** utf8Facts of each value: UTF-16 units, surrogate pairs, murmur3. */
  private readonly facts: Float64Array;
  private readonly decoded: Uint8Array;
  private size = 0;
  /** What left the table this batch. */
  private lost = { rows: 0, units: 0, pairs: 0, reduced: 0 };
  private lostHashes = new Float64Array(1024);
  private lostCount = 0;
  private readonly scratch = new Float64Array(3);

  constructor(readonly capacity: number) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.starts = new Float64Array(capacity);
    this.ends = new Float64Array(capacity);
    this.keys = new Int32Array(capacity);
    this.counts = new Float64Array(capacity);
    this.facts = new Float64Array(capacity * 3);
    this.decoded = new Uint8Array(capacity);
  }

  /** Counts one batch's values (null rows are skipped); returns how many rows were null. */
  tally(bytes: Uint8Array, offsets: ArrayLike<number>, length: number, validity?: Uint8Array): number {
    this.slots.fill(0);
    this.size = 0;
    this.lost = { rows: 0, units: 0, pairs: 0, reduced: 0 };
    this.lostCount = 0;
    const { slots, mask, starts, ends, keys, counts } = this;
    let nulls = 0;
    for (let i = 0; i < length; i++) {
      if (validity && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
        nulls++;
        continue;
      }
      const s = offsets[i];
      const e = offsets[i + 1];
      const h = bytesHash(bytes, s, e);
      for (let slot = h & mask; ; slot = (slot + 1) & mask) {
        const id = slots[slot];
        if (id === 0) {
          if (this.size === this.capacity) {
            this.reduce();
            slot = (h & mask) - 1;
            continue;
          }
          this.insert(bytes, s, e, h, slot);
          break;
        }
        const d = id - 1;
        if (keys[d] === h && ends[d] - starts[d] === e - s && same(bytes, starts[d], s, e - s)) {
          counts[d]++;
          break;
        }
      }
    }
    return nulls;
  }

  private insert(bytes: Uint8Array, s: number, e: number, key: number, slot: number): void {
    const d = this.size++;
    this.starts[d] = s;
    this.ends[d] = e;
    this.keys[d] = key;
    this.counts[d] = 1;
    this.decoded[d] = utf8Facts(bytes, s, e, this.scratch) ? 0 : 1;
    this.facts.set(this.scratch, d * 3);
    this.slots[slot] = d + 1;
  }

  /** A value leaves with `rows` of its rows (all of them when `gone`). */
  private lose(d: number, rows: number, gone: boolean): void {
    const f = this.facts;
    this.lost.rows += rows;
    this.lost.units += rows * f[d * 3];
    this.lost.pairs += rows * f[d * 3 + 1];
    if (!gone) return;
    if (this.lostCount === this.lostHashes.length) {
      const bigger = new Float64Array(this.lostHashes.length * 2);
      bigger.set(this.lostHashes);
      this.lostHashes = bigger;
    }
    this.lostHashes[this.lostCount++] = f[d * 3 + 2];
  }

  /** Misra–Gries: take the lower-median count off every value, drop those left with none, re-place the rest. */
  private reduce(): void {
    const { counts, size } = this;
    const rank = (size - 1) >> 1;
    const delta = countAtRank(counts, size, rank);
    let kept = 0;
    for (let d = 0; d < size; d++) {
      const c = counts[d];
      this.lose(d, Math.min(c, delta), c <= delta);
      if (c <= delta) continue;
      this.starts[kept] = this.starts[d];
      this.ends[kept] = this.ends[d];
      this.keys[kept] = this.keys[d];
      this.counts[kept] = c - delta;
      this.decoded[kept] = this.decoded[d];
      this.facts.copyWithin(kept * 3, d * 3, d * 3 + 3);
      kept++;
    }
    this.size = kept;
    this.lost.reduced += delta;
    this.slots.fill(0);
    for (let d = 0; d < kept; d++) {
      let slot = this.keys[d] & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = d + 1;
    }
  }

  /** Hands the last tally to `acc` (see the module comment); `bytes` are the batch's. */
  feed(acc: StringAccumulator, bytes: Uint8Array, keep: number): void {
    const { starts, ends, counts, size } = this;
    const text = (d: number) => decoder.decode(bytes.subarray(starts[d], ends[d]));
    // The (keep + 1)-th largest count: values above it are handed over, ties with it until `keep` are.
    const cut = size - keep - 1;
    const threshold = cut >= 0 ? countAtRank(counts, size, cut) : -1;
    let ties = keep;
    for (let d = 0; d < size; d++) if (counts[d] > threshold) ties--;
    let largest = 0;
    for (let d = 0; d < size; d++) {
      const c = counts[d];
      if (c > threshold || (c === threshold && ties-- > 0) || this.decoded[d]) acc.addCount(text(d), c);
      else {
        this.lose(d, c, true);
        largest = Math.max(largest, c);
      }
    }
    const { rows, units, pairs, reduced } = this.lost;
    if (rows > 0) acc.addUncounted(rows, units, pairs, reduced + largest, this.lostHashes.subarray(0, this.lostCount));
  }
}

/** Counts below this are tallied by value to find a rank; a rank among larger ones falls back to selection. */
const SMALL = 1024;

/**
 * The count at `rank` (0-based, ascending) among counts[0, size). Counts are
 * whole numbers, nearly all small in a table that fills up (most values seen
 * once or twice), so a tally of the small ones places the rank in one pass
 * with no swaps; quickselect on such ties re-partitions them every time.
 */
function countAtRank(counts: Float64Array, size: number, rank: number): number {
  const tally = new Int32Array(SMALL);
  for (let d = 0; d < size; d++) {
    const c = counts[d];
    if (c < SMALL) tally[c]++;
  }
  let seen = 0;
  for (let c = 0; c < SMALL; c++) {
    seen += tally[c];
    if (seen > rank) return c;
  }
  return orderStatistics(counts.slice(0, size), [rank]).get(rank)!;
}

function same(bytes: Uint8Array, a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}
