/**
 * Streaming min/max/last decimation with bounded memory: points go into
 * buckets of `width` consecutive points; when there are more than `capacity`
 * buckets, neighbours merge pairwise and the width doubles. Every bucket keeps
 * the min, max and last value and the mean of exactly the raw points it
 * covers, so the extremes of any stretch of the run are never lost (random
 * sampling would drop a one-step spike) and the memory is O(capacity)
 * whatever the run length.
 */
import { LOSS_BUCKET_FIELDS } from '../mime/loss.js';

export interface Bucket {
  /** x of the last point in the bucket. */
  x: number;
  min: number;
  max: number;
  last: number;
  mean: number;
  /** Raw points in the bucket. */
  n: number;
}

const FIELDS = LOSS_BUCKET_FIELDS.length;

export class Decimator {
  private buckets: Bucket[] = [];
  private width = 1;
  count = 0;
  /** Changes whenever the buckets do (a point, a compaction), so an encoding can be reused until then. */
  version = 0;

  constructor(public capacity = 400) {
    if (!(capacity >= 2)) throw new RangeError(`Decimator capacity must be at least 2, got ${capacity}`);
  }

  push(x: number, y: number): void {
    this.count++;
    this.version++;
    // Non-finite losses (a diverging run) are counted but not drawn: they would wreck every mean after them.
    if (!Number.isFinite(y)) return;
    const b = this.buckets[this.buckets.length - 1];
    if (b && b.n < this.width) {
      b.x = x;
      b.min = Math.min(b.min, y);
      b.max = Math.max(b.max, y);
      b.last = y;
      b.mean += (y - b.mean) / ++b.n;
    } else {
      this.buckets.push({ x, min: y, max: y, last: y, mean: y, n: 1 });
      if (this.buckets.length > this.capacity) this.compact();
    }
  }

  /** Halves the bucket count: merges neighbours and doubles the width. */
  compact(): void {
    const out: Bucket[] = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const a = this.buckets[i];
      const b = this.buckets[i + 1];
      out.push(b ? mergeBuckets(a, b) : a);
    }
    this.buckets = out;
    this.width *= 2;
    this.version++;
    while (this.buckets.length > this.capacity) this.compact();
  }

  /** Lowers the capacity (more series share one payload budget); compacts at once. */
  setCapacity(capacity: number): void {
    this.capacity = Math.max(2, capacity);
    if (this.buckets.length > this.capacity) this.compact();
  }

  get value(): readonly Bucket[] {
    return this.buckets;
  }
}

export function mergeBuckets(a: Bucket, b: Bucket): Bucket {
  const n = a.n + b.n;
  return { x: b.x, min: Math.min(a.min, b.min), max: Math.max(a.max, b.max), last: b.last, mean: (a.mean * a.n + b.mean * b.n) / n, n };
}

/** Buckets as the payload carries them: little-endian float32, base64. */
export function encodeBuckets(buckets: readonly Bucket[]): string {
  const f = new Float32Array(buckets.length * FIELDS);
  for (let i = 0, o = 0; i < buckets.length; i++, o += FIELDS) {
    const b = buckets[i];
    f[o] = b.x;
    f[o + 1] = b.min;
    f[o + 2] = b.max;
    f[o + 3] = b.last;
    f[o + 4] = b.mean;
    f[o + 5] = b.n;
  }
  return toBase64(new Uint8Array(f.buffer));
}

export function decodeBuckets(b64: string): Bucket[] {
  const bytes = fromBase64(b64);
  const f = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const out: Bucket[] = [];
  for (let i = 0; i + FIELDS <= f.length; i += FIELDS) out.push({ x: f[i], min: f[i + 1], max: f[i + 2], last: f[i + 3], mean: f[i + 4], n: f[i + 5] });
  return out;
}

type NodeBuffer = { from(b: ArrayBuffer, offset: number, length: number): { toString(enc: 'base64'): string } };
const NodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

// btoa/atob exist in browsers and Node ≥ 16; they take binary strings, built in chunks to stay off the argument limit.
// The kernel encodes on every live update: Node's Buffer does it without the binary string.
function toBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
