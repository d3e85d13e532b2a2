/**
 * How the kernel starts: Jupyter's entry (bin/tsml.cjs) runs the start-up bundles, the I/O thread
 * uses the zeromq bundled into it, and the ES module entry (bin/tsml.js) still serves a session.
 * (What the bundles contain: test/unit/startup-path.test.ts; timings: bench/kernel/startup.mjs.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { KernelClient } from './client.js';

let k: KernelClient | undefined;
afterEach(async () => {
  await k?.stop();
  k = undefined;
});

describe('kernel start-up', () => {
  it('starts through the CommonJS bundles, with zeromq from the I/O thread bundle', async () => {
    // NODE_DEBUG=module logs each CommonJS module Node loads, on the main thread and on the I/O thread.
    k = await KernelClient.start({ env: { NODE_DEBUG: 'module' } });
    expect(await k.value('1 + 1')).toBe('2');
    const loads = k.stderr.split('\n').filter((l) => /\bMODULE\b.*\bload\b/.test(l));
    expect(loads.some((l) => l.includes('dist/cli/kernel-start.cjs'))).toBe(true);
    expect(loads.some((l) => l.includes('dist/protocol/io-thread.cjs'))).toBe(true);
    // The I/O thread did not resolve zeromq from node_modules: its JavaScript came with the bundle.
    expect(loads.filter((l) => l.includes('zeromq/lib/index.js'))).toEqual([]);
  });

  it('serves a session started through the ES module entry too (bin/tsml.js kernel)', async () => {
    k = await KernelClient.start({ entry: fileURLToPath(new URL('../../kernel/bin/tsml.js', import.meta.url)) });
    const info = await k.request('kernel_info_request', {});
    expect((info.content as { implementation: string }).implementation).toBe('tsml');
    expect(await k.value('const n: number = 20\nn + 1')).toBe('21');
  });
});
