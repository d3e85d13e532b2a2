/**
 * What every cell sees without importing anything: `display`, `clearOutput`,
 * `input`, `comms`, and process.stdout/stderr redirected into the notebook
 * (npm packages print through them too, e.g. TensorFlow.js warnings).
 */
import type { Output } from './display/output.js';
import type { CommManager } from './comm/manager.js';

export type InputFn = ((prompt?: string) => Promise<string>) & { password: (prompt?: string) => Promise<string> };

export function installStreams(output: Output): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    stream.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
      const enc = typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8';
      output.write(name, typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(enc));
      const done = typeof encoding === 'function' ? encoding : cb;
      if (typeof done === 'function') process.nextTick(done as () => void);
      return true;
    }) as typeof stream.write;
  }
}

export function installCellGlobals(globals: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, enumerable: false, configurable: true, writable: true });
  }
}

type Api = Record<string, unknown> & { loadedTf?: () => unknown };

/**
 * The `tsml` global: the package's exports plus `tsml.tf`, TensorFlow.js on the
 * selected backend. The kernel loads TensorFlow.js before running a cell that
 * mentions `tf`, so `tsml.tf` is ready when such a cell reads it.
 */
export function tsmlGlobal(ns: Api): Record<string, unknown> {
  const api: Record<string, unknown> = { ...ns };
  Object.defineProperty(api, 'tf', {
    enumerable: true,
    get() {
      const tf = ns.loadedTf?.();
      if (!tf) throw new Error('TensorFlow.js loads on first use: run `await tsml.loadTf()` once, or mention `tf` in the cell');
      return tf;
    },
  });
  return api;
}
