/**
 * `loadTf()`: TensorFlow.js, loaded on first use (the kernel starts without
 * it: requiring tfjs costs ~100 ms) on the best backend this machine has.
 * Idempotent and safe to call concurrently: every caller shares one load; a
 * failed load (e.g. a forced TSML_BACKEND that cannot work) is not cached, so
 * installing the missing package and calling again retries.
 */
import { createRequire } from 'node:module';
import { JUPYTER_DISPLAY } from '../mime/index.js';
import { CANDIDATES, probeCuda, type Candidate, type SelectContext, type Tf } from './candidates.js';
import { defaultFinder } from './packages.js';
import { tensorBundle, tensorInspect } from './render.js';
import { selectBackend, type Selection } from './select.js';
import { setEngine, type EngineLike, type TensorLike } from './tensor-like.js';

const kernelRequire = createRequire(import.meta.url);

/**
 * Math.random as it was when tsml loaded, before any `seed()`. tfjs's bundled
 * seedrandom draws from Math.random when its module is evaluated; loading tfjs
 * after `tsml.seed(n)` would then shift the seeded stream, and the same cells
 * would give different weights depending on whether tfjs was already loaded.
 */
const unseededRandom = Math.random;

function withUnseededRandom<T>(load: () => T): T {
  const current = Math.random;
  Math.random = unseededRandom;
  try {
    return load();
  } finally {
    Math.random = current;
  }
}

/**
 * tfjs-backend-cpu prints a multi-line "install tfjs-node to speed things up"
 * banner on its first tensor in Node. In a notebook that is noise (device()
 * says the same, with reasons); other warnings are left alone.
 */
function quietCpuBanner(tf: Tf): void {
  try {
    const cpu = tf.findBackend('cpu') as { firstUse?: boolean } | null;
    if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
  } catch {
    // no cpu backend registered: nothing prints the banner either
  }
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Makes tensors render in notebooks (Deno's display protocol, which formatValue
 * honours) and print readably with console.log instead of their internals.
 */
function installTensorDisplay(tf: Tf): void {
  const proto = (tf.Tensor as unknown as { prototype: object }).prototype;
  if (Object.prototype.hasOwnProperty.call(proto, JUPYTER_DISPLAY)) return;
  Object.defineProperty(proto, JUPYTER_DISPLAY, {
    value: function (this: TensorLike) {
      return tensorBundle(this);
    },
    configurable: true,
    writable: true,
  });
  Object.defineProperty(proto, INSPECT, {
    value: function (this: TensorLike) {
      return tensorInspect(this);
    },
    configurable: true,
    writable: true,
  });
}

function prepare(tf: Tf): Tf {
  quietCpuBanner(tf);
  return tf;
}

/** The real context: packages next to the notebook, then the kernel's. */
export function defaultContext(): SelectContext {
  let base: Tf | undefined;
  return {
    finder: defaultFinder(),
    baseTf: () => (base ??= prepare(withUnseededRandom(() => kernelRequire('@tensorflow/tfjs') as Tf))),
    baseRequire: (name) => kernelRequire(name),
    cuda: () => probeCuda(),
    guard: withUnseededRandom,
  };
}

export interface LoadState {
  selection?: Selection;
  error?: Error;
  pending: boolean;
}

let selection: Selection | undefined;
let pending: Promise<Tf> | undefined;
let lastError: Error | undefined;

export function loadState(): LoadState {
  return { selection, error: lastError, pending: pending !== undefined && !selection };
}

/** The loaded tfjs, or undefined before loadTf() has finished (for synchronous helpers). */
export function loadedTf(): Tf | undefined {
  return selection?.tf;
}

export interface LoadOptions {
  candidates?: readonly Candidate[];
  context?: SelectContext;
  /** Overrides TSML_BACKEND. */
  backend?: string;
}

async function load(opts: LoadOptions): Promise<Tf> {
  const ctx = opts.context ?? defaultContext();
  const forced = opts.backend ?? process.env.TSML_BACKEND;
  const s = await selectBackend(opts.candidates ?? CANDIDATES, ctx, forced);
  prepare(s.tf);
  installTensorDisplay(s.tf);
  setEngine(s.tf.engine() as unknown as EngineLike);
  selection = s;
  lastError = undefined;
  return s.tf;
}

/**
 * TensorFlow.js on the best backend available: tfjs-node-gpu (with a visible
 * CUDA GPU), WebGPU (with an adapter), tfjs-node, wasm, cpu — or the one
 * `TSML_BACKEND` names. `device()` reports the choice and every skip reason.
 */
export function loadTf(opts: LoadOptions = {}): Promise<Tf> {
  if (selection) return Promise.resolve(selection.tf);
  pending ??= load(opts).catch((e: Error) => {
    pending = undefined;
    lastError = e;
    throw e;
  });
  return pending;
}

/** Forgets the selection so the next loadTf() selects again (tests; the loaded modules stay cached). */
export function resetTfForTests(): void {
  selection = undefined;
  pending = undefined;
  lastError = undefined;
  setEngine(undefined);
}
