/**
 * The backends tsml can run TensorFlow.js on, each with the checks that decide
 * whether it can be used here. Every check names why it failed — not
 * installed, failed to load (with the library's own message), no adapter, no
 * GPU visible — because "why am I on the CPU?" is the first question in a lab.
 */
import { cpus } from 'node:os';
import type * as TfModule from '@tensorflow/tfjs';
import { probeCuda, type CudaProbe } from './cuda.js';
import { errorLine, loadPackage, type PackageFinder, type PackageHome } from './packages.js';
import { installWebGpuGlobals, probeAdapter, type DawnModule } from './webgpu.js';
import { registerWasmGradients } from './wasm-gradients.js';

export type Tf = typeof TfModule;
export type BackendId = 'tensorflow-gpu' | 'webgpu' | 'tensorflow' | 'wasm' | 'cpu';
export type SkipReason = 'not installed' | 'failed to load' | 'no adapter' | 'no GPU visible';
export type Flags = Record<string, string | number | boolean>;

export interface Loaded {
  tf: Tf;
  /** The name tfjs knows the backend by ('tensorflow' for both tfjs-node packages). */
  tfjsName: string;
  devices: string[];
  flags: Flags;
}

export type Attempt = { ok: true; loaded: Loaded } | { ok: false; reason: SkipReason; detail: string };

export interface SelectContext {
  finder: PackageFinder;
  /** The kernel's own @tensorflow/tfjs, loaded on first call. */
  baseTf(): Tf;
  /** require() from the kernel, whose backend packages match its tfjs-core version. */
  baseRequire(name: string): unknown;
  cuda(): CudaProbe;
  /** Runs a synchronous module load with the unseeded Math.random (see load.ts). */
  guard<T>(load: () => T): T;
}

export interface Candidate {
  id: BackendId;
  /** npm packages it needs, for the report and the install hint. */
  packages: string[];
  attempt(ctx: SelectContext): Promise<Attempt>;
}

const skip = (reason: SkipReason, detail: string): Attempt => ({ ok: false, reason, detail });

/**
 * Initialises a registered backend by calling its factory directly: tfjs's own
 * setBackend() swallows the error into a console warning and returns false,
 * and the report needs the message. The ready instance is then re-registered.
 */
export async function activate(tf: Tf, name: string): Promise<void> {
  const engine = tf.engine() as unknown as { registry: Record<string, unknown>; registryFactory: Record<string, { priority: number }> };
  if (!engine.registry[name]) {
    const factory = tf.findBackendFactory(name);
    if (!factory) throw new Error(`the ${name} backend did not register with this copy of @tensorflow/tfjs-core (${tf.version_core})`);
    const priority = engine.registryFactory[name]?.priority ?? 1;
    const backend = await factory();
    if (!backend) throw new Error(`the ${name} backend factory returned nothing`);
    tf.removeBackend(name);
    tf.registerBackend(name, () => backend, priority);
  }
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
}

function missing(finder: PackageFinder, names: string[]): string[] {
  return names.filter((n) => !finder.find(n));
}

function installHint(names: string[]): string {
  return `npm install ${names.join(' ')} next to the notebook`;
}

/** tfjs-node and tfjs-node-gpu: the package is the whole tfjs namespace with the 'tensorflow' backend. */
function tfjsNode(id: 'tensorflow' | 'tensorflow-gpu', pkg: string): Candidate {
  return {
    id,
    packages: [pkg],
    async attempt(ctx) {
      const home = ctx.finder.find(pkg);
      if (!home) return skip('not installed', installHint([pkg]));
      let gpus: string[] = [];
      if (id === 'tensorflow-gpu') {
        const cuda = ctx.cuda();
        if (!cuda.visible) return skip('no GPU visible', cuda.reason ?? 'no CUDA GPU');
        gpus = cuda.devices;
      }
      // TensorFlow's C++ INFO lines (CPU feature guard, …) are noise in a notebook; warnings stay.
      process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
      let tf: Tf;
      try {
        tf = ctx.guard(() => home.require(pkg)) as Tf;
        await activate(tf, 'tensorflow');
      } catch (e) {
        return skip('failed to load', errorLine(e));
      }
      const backend = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
      const flags: Flags = { package: `${pkg}@${home.version}`, gpu: Boolean(backend.isUsingGpuDevice) };
      const devices = id === 'tensorflow-gpu' && backend.isUsingGpuDevice ? gpus : cpuDevices('libtensorflow');
      return { ok: true, loaded: { tf, tfjsName: 'tensorflow', devices, flags } };
    },
  };
}

function cpuDevices(engine: string): string[] {
  const list = cpus();
  const model = list[0]?.model?.trim() || 'CPU';
  return [`${model} (${list.length} logical core${list.length === 1 ? '' : 's'}, ${engine})`];
}

const WEBGPU_PACKAGES = ['@tensorflow/tfjs-backend-webgpu', 'webgpu'];
const webgpu: Candidate = {
  id: 'webgpu',
  packages: WEBGPU_PACKAGES,
  async attempt(ctx) {
    const absent = missing(ctx.finder, WEBGPU_PACKAGES);
    if (absent.length) return skip('not installed', installHint(absent));
    let dawn: DawnModule;
    try {
      dawn = (await loadPackage(ctx.finder.find('webgpu')!, 'webgpu')) as DawnModule;
    } catch (e) {
      return skip('failed to load', `webgpu (Dawn): ${errorLine(e)}`);
    }
    let probe;
    try {
      probe = await probeAdapter(dawn);
    } catch (e) {
      return skip('failed to load', `requestAdapter(): ${errorLine(e)}`);
    }
    if (!probe.found) return skip('no adapter', probe.reason);
    const tf = ctx.baseTf();
    try {
      installWebGpuGlobals(dawn, probe.gpu);
      const home = ctx.finder.find('@tensorflow/tfjs-backend-webgpu') as PackageHome;
      ctx.guard(() => home.require('@tensorflow/tfjs-backend-webgpu'));
      await activate(tf, 'webgpu');
    } catch (e) {
      return skip('failed to load', errorLine(e));
    }
    return { ok: true, loaded: { tf, tfjsName: 'webgpu', devices: [probe.describe], flags: {} } };
  },
};

const WASM_PACKAGES = ['@tensorflow/tfjs-backend-wasm'];
const wasm: Candidate = {
  id: 'wasm',
  packages: WASM_PACKAGES,
  async attempt(ctx) {
    const tf = ctx.baseTf();
    let mod: { getThreadsCount(): number };
    try {
      // The kernel's own copy, which matches its tfjs-core; a copy next to the notebook may not.
      mod = ctx.guard(() => ctx.baseRequire('@tensorflow/tfjs-backend-wasm')) as typeof mod;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'MODULE_NOT_FOUND' && String((e as Error).message).includes('tfjs-backend-wasm') ? skip('not installed', installHint(WASM_PACKAGES)) : skip('failed to load', errorLine(e));
    }
    try {
      await activate(tf, 'wasm');
    } catch (e) {
      return skip('failed to load', errorLine(e));
    }
    registerWasmGradients(tf as unknown as Parameters<typeof registerWasmGradients>[0]);
    const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    const threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
    let count = 1;
    try {
      count = mod.getThreadsCount();
    } catch {
      // not initialised: keep 1
    }
    const flags: Flags = { simd, threads, 'xnnpack threads': count };
    if (!threads) flags['threads note'] = 'tfjs-backend-wasm turns its threaded build off under Node (tfjs issue #3830)';
    return { ok: true, loaded: { tf, tfjsName: 'wasm', devices: cpuDevices(`wasm${simd ? ' SIMD' : ''}, ${count} thread${count === 1 ? '' : 's'}`), flags } };
  },
};

const cpu: Candidate = {
  id: 'cpu',
  packages: ['@tensorflow/tfjs'],
  async attempt(ctx) {
    let tf: Tf;
    try {
      tf = ctx.baseTf();
      await activate(tf, 'cpu');
    } catch (e) {
      return skip('failed to load', errorLine(e));
    }
    return { ok: true, loaded: { tf, tfjsName: 'cpu', devices: cpuDevices('plain JavaScript, 1 thread'), flags: {} } };
  },
};

/** Highest priority first: the order PRODUCT.md and issue 4 ask for. */
export const CANDIDATES: readonly Candidate[] = [
  tfjsNode('tensorflow-gpu', '@tensorflow/tfjs-node-gpu'),
  webgpu,
  tfjsNode('tensorflow', '@tensorflow/tfjs-node'),
  wasm,
  cpu,
];

export { probeCuda };
