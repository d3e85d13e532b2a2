/**
 * Fake optional packages for backend-selection tests: a throwaway "notebook
 * folder" whose node_modules holds stand-ins for tfjs-node, tfjs-node-gpu and
 * webgpu that fail the way the real ones do on a machine without libtensorflow
 * or a GPU. The selection code finds and loads them exactly as it would the
 * real packages.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultContext } from '../../kernel/src/tensor/load.js';
import { packageFinder } from '../../kernel/src/tensor/packages.js';
import type { SelectContext } from '../../kernel/src/tensor/candidates.js';
import type { CudaProbe } from '../../kernel/src/tensor/cuda.js';

export const KERNEL_SRC = join(dirname(fileURLToPath(import.meta.url)), '../../kernel/src/tensor');

export function fakePackage(root: string, name: string, files: Record<string, string>, pkg: Record<string, unknown> = {}): void {
  const dir = join(root, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '0.0.0-fake', main: 'index.js', ...pkg }));
  for (const [f, body] of Object.entries(files)) writeFileSync(join(dir, f), body);
}

export function notebookDir(): string {
  return mkdtempSync(join(tmpdir(), 'tsml-tensor-'));
}

/** tfjs-node as it fails without its native library. */
export const LIBTF_ERROR = 'libtensorflow.so.2: cannot open shared object file: No such file or directory';
export function fakeTfjsNode(root: string, name = '@tensorflow/tfjs-node'): void {
  fakePackage(root, name, { 'index.js': `throw new Error(${JSON.stringify(LIBTF_ERROR)});\n` });
}

/** The `webgpu` package with Dawn answering requestAdapter() with `adapter` (an expression). */
export function fakeDawn(root: string, adapter: string): void {
  fakePackage(
    root,
    'webgpu',
    { 'index.js': `export const globals = {};\nexport function create() { return { requestAdapter: async () => (${adapter}) }; }\n` },
    { type: 'module' },
  );
}

export function contextFor(root: string, cuda: CudaProbe = { visible: false, devices: [], reason: 'test: no NVIDIA driver' }): SelectContext {
  return { ...defaultContext(), finder: packageFinder([root, KERNEL_SRC]), cuda: () => cuda };
}
