/** Connection files for kernels this process starts (the runner, tests, benchmarks). */
import { createServer, type Server } from 'node:net';
import type { ConnectionInfo } from '../protocol/messages.js';

/** `count` TCP ports free on the loopback interface right now, all different. */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    // Held open until all are chosen: a port closed early could be handed out again for the next one.
    return await Promise.all(
      Array.from({ length: count }, () => new Promise<number>((resolve, reject) => {
        const s = createServer();
        servers.push(s);
        s.once('error', reject);
        s.listen(0, host, () => resolve((s.address() as { port: number }).port));
      })),
    );
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => (s.listening ? s.close(r) : r(undefined)))));
  }
}

/** A TCP port free on the loopback interface right now. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return (await freePorts(1, host))[0];
}

/**
 * A loopback connection on five fresh ports, signed with `key`. Another process can still take
 * one before the kernel binds it: the kernel then exits saying "Address already in use", and
 * launchers start it again on new ports.
 */
export async function loopbackConnection(key: string, kernelName: string): Promise<ConnectionInfo> {
  const [shell, control, iopub, stdin, hb] = await freePorts(5);
  return {
    transport: 'tcp',
    ip: '127.0.0.1',
    shell_port: shell,
    control_port: control,
    iopub_port: iopub,
    stdin_port: stdin,
    hb_port: hb,
    key,
    signature_scheme: 'hmac-sha256',
    kernel_name: kernelName,
  };
}
