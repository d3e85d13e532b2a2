/**
 * Backend selection with each optional backend absent (the real state of this
 * machine: no tfjs-node, no tfjs-node-gpu, no GPU adapter) or present but
 * broken (fake packages that fail like the real ones), forced choices through
 * TSML_BACKEND, and the device report.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadTf, loadState, resetTfForTests } from '../../kernel/src/tensor/load.js';
import { device } from '../../kernel/src/tensor/report.js';
import { BackendError, parseForced } from '../../kernel/src/tensor/select.js';
import { CANDIDATES, type Candidate } from '../../kernel/src/tensor/candidates.js';
import { probeCuda } from '../../kernel/src/tensor/cuda.js';
import { defaultFinder } from '../../kernel/src/tensor/packages.js';
import { contextFor, fakeDawn, fakeTfjsNode, LIBTF_ERROR, notebookDir } from './fixtures.js';

const JD = Symbol.for('Jupyter.display');
const record = (id: string) => loadState().selection!.records.find((r) => r.id === id)!;

afterEach(() => resetTfForTests());

describe('automatic selection', () => {
  it('skips tfjs-node-gpu and tfjs-node as not installed and lands on wasm (or a real GPU adapter)', async () => {
    const tf = await loadTf({ backend: '' });
    const s = loadState().selection!;
    expect(s.records.map((r) => r.id)).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu']);
    expect(record('tensorflow-gpu')).toMatchObject({ status: 'skipped', reason: 'not installed' });
    expect(record('tensorflow-gpu').detail).toContain('npm install @tensorflow/tfjs-node-gpu');
    expect(record('tensorflow')).toMatchObject({ status: 'skipped', reason: 'not installed' });
    const webgpu = record('webgpu');
    if (webgpu.status === 'active') return; // a machine with a real adapter
    // With the optional `webgpu` package installed, Dawn is really asked for an adapter.
    const dawnInstalled = Boolean(defaultFinder().find('webgpu'));
    expect(webgpu.reason).toBe(dawnInstalled ? 'no adapter' : 'not installed');
    expect(s.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(record('cpu')).toMatchObject({ status: 'not tried', detail: 'wasm is preferred' });
    expect(typeof s.flags.simd).toBe('boolean');
    expect(s.flags).toHaveProperty('xnnpack threads');
  });

  it('reports a package that is installed but fails to load, with its own error, and falls back', async () => {
    const nb = notebookDir();
    fakeTfjsNode(nb);
    await loadTf({ backend: '', context: contextFor(nb) });
    expect(record('tensorflow')).toMatchObject({ status: 'skipped', reason: 'failed to load', detail: LIBTF_ERROR });
    expect(['wasm', 'webgpu']).toContain(loadState().selection!.backend);
  });

  it('skips tfjs-node-gpu when no CUDA GPU is visible, and tries it when one is', async () => {
    const nb = notebookDir();
    fakeTfjsNode(nb, '@tensorflow/tfjs-node-gpu');
    await loadTf({ backend: '', context: contextFor(nb) });
    expect(record('tensorflow-gpu')).toMatchObject({ status: 'skipped', reason: 'no GPU visible', detail: 'test: no NVIDIA driver' });
    resetTfForTests();
    await loadTf({ backend: '', context: contextFor(nb, { visible: true, devices: ['NVIDIA Test GPU'] }) });
    expect(record('tensorflow-gpu')).toMatchObject({ status: 'skipped', reason: 'failed to load', detail: LIBTF_ERROR });
  });

  it('asks Dawn for an adapter and reports none, or only a software fallback, as "no adapter"', async () => {
    const none = notebookDir();
    fakeDawn(none, 'null');
    await loadTf({ backend: '', context: contextFor(none) });
    expect(record('webgpu')).toMatchObject({ status: 'skipped', reason: 'no adapter' });
    expect(record('webgpu').detail).toMatch(/no GPU adapter/);
    resetTfForTests();
    const soft = notebookDir();
    fakeDawn(soft, "{ isFallbackAdapter: true, info: { vendor: 'google', device: 'SwiftShader' } }");
    await loadTf({ backend: '', context: contextFor(soft) });
    expect(record('webgpu').detail).toMatch(/software fallback adapter \(google SwiftShader\)/);
    expect('navigator' in globalThis && 'gpu' in (globalThis as any).navigator).toBe(false);
  });
});

describe('TSML_BACKEND', () => {
  it('forces cpu and wasm; the others are recorded as not tried', async () => {
    const tf = await loadTf({ backend: 'cpu' });
    expect(tf.getBackend()).toBe('cpu');
    const s = loadState().selection!;
    expect(s.forced).toBe('cpu');
    expect(s.records.filter((r) => r.id !== 'cpu').every((r) => r.status === 'not tried' && r.detail === 'TSML_BACKEND=cpu')).toBe(true);
    resetTfForTests();
    expect((await loadTf({ backend: 'WASM' })).getBackend()).toBe('wasm');
  });

  it('reads the environment variable when no option is given', async () => {
    const before = process.env.TSML_BACKEND;
    process.env.TSML_BACKEND = 'cpu';
    try {
      expect((await loadTf()).getBackend()).toBe('cpu');
    } finally {
      if (before === undefined) delete process.env.TSML_BACKEND;
      else process.env.TSML_BACKEND = before;
    }
  });

  it('fails clearly when the forced backend cannot load, without falling back', async () => {
    const err = await loadTf({ backend: 'tensorflow' }).catch((e) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.message).toMatch(/^TSML_BACKEND=tensorflow: the backend cannot be used here/);
    expect(err.message).toMatch(/tensorflow-gpu: not installed/);
    expect(err.message).toMatch(/tensorflow: not installed \(npm install @tensorflow\/tfjs-node/);
    expect(err.message).toMatch(/unset TSML_BACKEND/);
    expect(loadState().selection).toBeUndefined();
    // The report shows the failure and the reasons.
    const text = String(device());
    expect(text).toMatch(/^TensorFlow\.js could not load: TSML_BACKEND=tensorflow/);
    expect(text).toMatch(/tensorflow +@tensorflow\/tfjs-node: skipped: not installed/);
  });

  it('rejects an unknown value, naming the accepted ones', async () => {
    expect(() => parseForced('gpu')).toThrow(/TSML_BACKEND="gpu" is not a backend tsml knows; use one of: tensorflow-gpu, .*webgpu, wasm, cpu/);
    await expect(loadTf({ backend: 'tpu' })).rejects.toThrow(/TSML_BACKEND="tpu"/);
    expect(parseForced('auto')).toBeUndefined();
    expect(parseForced(undefined)).toBeUndefined();
  });

  it('retries after a failed load instead of caching the failure', async () => {
    await expect(loadTf({ backend: 'tensorflow' })).rejects.toThrow();
    expect(loadState().error).toBeInstanceOf(BackendError);
    const tf = await loadTf({ backend: 'cpu' });
    expect(tf.getBackend()).toBe('cpu');
    expect(loadState().error).toBeUndefined();
  });
});

describe('loadTf', () => {
  it('is idempotent and concurrent-safe: one selection for every caller', async () => {
    let attempts = 0;
    const counting: Candidate[] = CANDIDATES.filter((c) => c.id === 'cpu').map((c) => ({
      ...c,
      attempt: async (ctx) => {
        attempts++;
        await new Promise((r) => setTimeout(r, 20));
        return c.attempt(ctx);
      },
    }));
    const [a, b, c] = await Promise.all([loadTf({ candidates: counting }), loadTf({ candidates: counting }), loadTf({ candidates: counting })]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(await loadTf()).toBe(a);
    expect(attempts).toBe(1);
  });

  it('silences the cpu "install tfjs-node" banner but keeps real tfjs warnings', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const tf = await loadTf({ backend: 'cpu' });
      tf.tensor([1, 2, 3]).dispose();
      expect(warnings.join('\n')).not.toMatch(/Hi, looks like you are running TensorFlow\.js in Node\.js/);
      tf.registerBackend('cpu', () => null as never); // a real warning: already registered
      expect(warnings.join('\n')).toMatch(/cpu backend was already registered/);
    } finally {
      console.warn = warn;
    }
  });

  it('does not load tfjs when the tsml package is imported, only on loadTf()', async () => {
    const { execFileSync } = await import('node:child_process');
    const script = [
      "import { createRequire } from 'node:module';",
      "const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('@tensorflow'));",
      "const tsml = await import('./kernel/dist/index.js');",
      'const before = loaded();',
      "await tsml.loadTf({ backend: 'cpu' });",
      'console.log(JSON.stringify([before, loaded()]));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8' });
    expect(JSON.parse(out.trim())).toEqual([false, true]);
  });
});

describe('CUDA probe', () => {
  it('honours CUDA_VISIBLE_DEVICES hiding every GPU', () => {
    expect(probeCuda({ CUDA_VISIBLE_DEVICES: '' })).toMatchObject({ visible: false, reason: expect.stringMatching(/hides every GPU/) });
    expect(probeCuda({ CUDA_VISIBLE_DEVICES: '-1' }).visible).toBe(false);
  });

  it('says why no GPU is visible on a machine without the NVIDIA driver', () => {
    const p = probeCuda({});
    if (p.visible) expect(p.devices.length).toBeGreaterThan(0);
    else expect(p.reason).toMatch(/NVIDIA|GPU/);
  });
});

describe('device()', () => {
  it('renders the active backend, its devices and flags, and why each earlier one was skipped', async () => {
    const nb = notebookDir();
    fakeTfjsNode(nb);
    fakeDawn(nb, 'null');
    await loadTf({ backend: '', context: contextFor(nb) });
    const b = await device()[JD]();
    const text = b['text/plain'] as string;
    const html = b['text/html'] as string;
    expect(text).toMatch(/^TensorFlow\.js 4\.22\.0 on wasm/);
    expect(text).toMatch(/tensorflow-gpu +@tensorflow\/tfjs-node-gpu: skipped: not installed/);
    expect(text).toMatch(/webgpu +@tensorflow\/tfjs-backend-webgpu \+ webgpu: skipped: no adapter — Dawn found no GPU adapter/);
    expect(text).toContain(`tensorflow      @tensorflow/tfjs-node: skipped: failed to load — ${LIBTF_ERROR}`);
    expect(text).toMatch(/→ wasm/);
    expect(text).toMatch(/flags: simd: (yes|no), threads: no/);
    expect(text).toMatch(/devices: .*logical core/);
    expect(html).toContain('<code>tensorflow-gpu</code>');
    expect(html).toContain('skipped: failed to load');
    expect(html).toContain('libtensorflow.so.2');
    expect(device().backend).toBe('wasm');
    expect(JSON.parse(JSON.stringify(device())).candidates).toHaveLength(5);
  });

  it('loads tfjs when shown before anything else did', async () => {
    expect(loadState().selection).toBeUndefined();
    const report = device();
    expect(report.backend).toBeUndefined();
    expect(String(report)).toMatch(/not loaded yet/);
    const shown = report[JD]();
    expect(shown).toBeInstanceOf(Promise);
    expect(((await shown)['text/plain'] as string).split('\n')[0]).toMatch(/^TensorFlow\.js .* on /);
    expect(report.backend).toBeDefined();
  });
});

