/**
 * Starting kernels for `tsml run` when a probed port is taken before the kernel binds it (another
 * kernel started in parallel, any other process): the kernel must say which port, and the launcher
 * must start it again on new ports. A real kernel, a real listening socket in the way.
 */
import { createServer, type Server } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinSpec } from '../../kernel/src/runner/kernelspec.js';
import { RunningKernel, KernelStartError } from '../../kernel/src/runner/launcher.js';
import { freePorts, loopbackConnection } from '../../kernel/src/util/connection.js';
import { tempDir } from './helpers.js';

const blockers: Server[] = [];
afterEach(() => {
  for (const b of blockers.splice(0)) b.close();
});

/** A loopback connection whose control port something else is listening on. */
async function connectionWithBusyPort() {
  const blocker = createServer();
  blockers.push(blocker);
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const busy = (blocker.address() as { port: number }).port;
  return { ...(await loopbackConnection(randomUUID(), 'tsml')), control_port: busy };
}

describe('kernel launcher', () => {
  it('picks five different ports', async () => {
    for (let i = 0; i < 20; i++) expect(new Set(await freePorts(5)).size).toBe(5);
  });

  it('starts the kernel again on new ports when one was taken, and the kernel said which', async () => {
    const attempts: number[] = [];
    const k = await RunningKernel.start(builtinSpec(), {
      cwd: tempDir('launch'),
      startupTimeoutMs: 30_000,
      connection: async (attempt) => {
        attempts.push(attempt);
        return attempt === 1 ? connectionWithBusyPort() : loopbackConnection(randomUUID(), 'tsml');
      },
    });
    try {
      expect(attempts).toEqual([1, 2]);
      const info = await k.client.request('shell', 'kernel_info_request', {}, 10_000);
      expect((info.content as { implementation: string }).implementation).toBe('tsml');
    } finally {
      await k.shutdown();
    }
  });

  it('gives up after three tries, with what the kernel said', async () => {
    const err = await RunningKernel.start(builtinSpec(), { cwd: tempDir('launch'), startupTimeoutMs: 30_000, connection: connectionWithBusyPort }).catch((e) => e);
    if (err instanceof RunningKernel) await err.shutdown(); // it must not have started; do not leave it running
    expect(err).toBeInstanceOf(KernelStartError);
    expect(err.message).toMatch(/cannot bind the control socket to tcp:\/\/127\.0\.0\.1:\d+: Address already in use/);
  });
});
