/** Typed arrays in shared memory, which worker threads read in place (no copy when posted). */

type Typed = Uint8Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** `a` itself when it is in shared memory already, else a copy of it there. */
export function toShared<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  copy.set(a as never);
  return copy;
}
