/**
 * WebGPU in Node through the `webgpu` package (Google's Dawn built as a Node
 * addon). tfjs-backend-webgpu expects a browser: `navigator.gpu` and the
 * GPUBufferUsage/GPUMapMode/… constants as globals, and it registers its backend
 * at import only if `navigator.gpu` exists. So tsml asks Dawn for an adapter
 * first and installs those globals only when there is one — a machine without a
 * GPU keeps a clean global scope.
 */

export interface DawnModule {
  create(flags: string[]): { requestAdapter(opts?: object): Promise<unknown> };
  globals: Record<string, unknown>;
}

export interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

export type AdapterProbe =
  | { found: true; gpu: object; info: AdapterInfo; describe: string }
  | { found: false; reason: string };

const ADAPTER_TIMEOUT_MS = 10_000;

export function describeAdapter(info: AdapterInfo): string {
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((s) => s && String(s).trim());
  return parts.length ? [...new Set(parts)].join(' ') : 'WebGPU adapter';
}

/** Asks Dawn for a high-performance adapter; software fallbacks (SwiftShader) do not count. */
export async function probeAdapter(dawn: DawnModule, flags: string[] = []): Promise<AdapterProbe> {
  const gpu = dawn.create(flags);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), ADAPTER_TIMEOUT_MS);
    timer.unref?.();
  });
  let adapter: any;
  try {
    adapter = await Promise.race([gpu.requestAdapter({ powerPreference: 'high-performance' }), timeout]);
  } finally {
    clearTimeout(timer);
  }
  if (adapter === 'timeout') return { found: false, reason: `requestAdapter() did not answer within ${ADAPTER_TIMEOUT_MS / 1000} s` };
  if (!adapter) return { found: false, reason: 'Dawn found no GPU adapter (no Vulkan/Metal/D3D12 device)' };
  const info: AdapterInfo = adapter.info ?? {};
  if (adapter.isFallbackAdapter || (info as { isFallbackAdapter?: boolean }).isFallbackAdapter) {
    return { found: false, reason: `only a software fallback adapter (${describeAdapter(info)}), slower than wasm` };
  }
  return { found: true, gpu, info, describe: describeAdapter(info) };
}

/** Makes the browser globals tfjs-backend-webgpu needs point at Dawn. */
export function installWebGpuGlobals(dawn: DawnModule, gpu: object): void {
  for (const [k, v] of Object.entries(dawn.globals)) {
    if (!(k in globalThis)) Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
  }
  const nav = (globalThis as { navigator?: object }).navigator;
  if (nav) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
}
