/**
 * The WebGPU path past the adapter check, with a fake Dawn whose adapter
 * exists but whose device cannot be created: tsml installs the browser globals,
 * loads the real @tensorflow/tfjs-backend-webgpu, initialises it, and reports
 * the device error as "failed to load" before falling back. (Own file: it
 * leaves navigator.gpu and a registered webgpu backend in its process.)
 */
import { describe, expect, it } from 'vitest';
import { loadState, loadTf } from '../../kernel/src/tensor/load.js';
import { defaultFinder } from '../../kernel/src/tensor/packages.js';
import { contextFor, fakeDawn, notebookDir } from './fixtures.js';

const hasBackendPackage = Boolean(defaultFinder().find('@tensorflow/tfjs-backend-webgpu'));

describe.skipIf(!hasBackendPackage)('webgpu with an adapter', () => {
  it('loads tfjs-backend-webgpu against Dawn and reports the device failure', async () => {
    const nb = notebookDir();
    fakeDawn(
      nb,
      "{ info: { vendor: 'nvidia', architecture: 'hopper', device: 'Test GPU' }, features: new Set(), limits: {}, requestDevice: async () => { throw new Error('test: device creation failed'); } }",
    );
    const tf = await loadTf({ backend: '', context: contextFor(nb) });
    const webgpu = loadState().selection!.records.find((r) => r.id === 'webgpu')!;
    expect(webgpu).toMatchObject({ status: 'skipped', reason: 'failed to load', detail: 'test: device creation failed' });
    // The real backend package registered itself because navigator.gpu pointed at the fake Dawn.
    expect(typeof (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBe('object');
    expect(tf.findBackendFactory('webgpu')).toBeTruthy();
    expect(tf.getBackend()).toBe('wasm');
  });
});
