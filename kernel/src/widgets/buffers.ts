/**
 * Binary values in widget state: the ipywidgets protocol sends them as comm
 * buffers, with `buffer_paths` saying where in the state each one goes.
 */

export type Path = (string | number)[];

const isBinary = (v: unknown): v is ArrayBufferView | ArrayBuffer => ArrayBuffer.isView(v) || v instanceof ArrayBuffer;

/** Copies `state` with every binary value taken out: JSON-safe state, where each buffer was, and the buffers. */
export function removeBuffers(state: Record<string, unknown>): { state: Record<string, unknown>; paths: Path[]; buffers: ArrayBufferView[] } {
  const paths: Path[] = [];
  const buffers: ArrayBufferView[] = [];
  const walk = (v: unknown, path: Path): unknown => {
    if (isBinary(v)) {
      paths.push(path);
      buffers.push(v instanceof ArrayBuffer ? new Uint8Array(v) : v);
      return null;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, [...path, k]);
      return out;
    }
    return v;
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(state)) out[k] = walk(v, [k]);
  return { state: out, paths, buffers };
}

/** Puts received buffers back into `state` at their paths (in place). */
export function putBuffers(state: Record<string, unknown>, paths: Path[] | undefined, buffers: readonly Uint8Array[]): Record<string, unknown> {
  (paths ?? []).forEach((path, i) => {
    if (!Array.isArray(path) || path.length === 0 || !buffers[i]) return;
    let obj = state as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = obj[key];
      if (!next || typeof next !== 'object') return;
      obj = next as Record<string | number, unknown>;
    }
    const b = buffers[i];
    obj[path[path.length - 1]] = new DataView(b.buffer, b.byteOffset, b.byteLength);
  });
  return state;
}
