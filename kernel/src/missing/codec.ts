/** Decoding the payload's packed arrays (base64, little-endian), in Node and in the browser alike. */

export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const aligned = (b: Uint8Array, size: number) => (b.byteOffset % size === 0 ? b : b.slice());

export const bitsOf = (s: string): Uint32Array => {
  const b = aligned(fromBase64(s), 4);
  return new Uint32Array(b.buffer, b.byteOffset, b.byteLength >>> 2);
};

export const uint16Of = (s: string): Uint16Array => {
  const b = aligned(fromBase64(s), 2);
  return new Uint16Array(b.buffer, b.byteOffset, b.byteLength >>> 1);
};

export const bitAt = (bits: Uint32Array, i: number): boolean => ((bits[i >>> 5] >>> (i & 31)) & 1) === 1;

/** The bucket of `v` among equal-width `edges` (the last bucket closed, values beyond the ends clamped in). */
export function binIndex(edges: number[], v: number): number {
  const n = edges.length - 1;
  const lo = edges[0], hi = edges[n];
  if (!(hi > lo)) return 0;
  return Math.max(0, Math.min(n - 1, Math.floor(((v - lo) / (hi - lo)) * n)));
}
