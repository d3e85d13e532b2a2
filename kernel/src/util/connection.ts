/** Connection files for kernels this process starts (the runner, tests, benchmarks). */
import { createServer } from 'node:net';
import type { ConnectionInfo } from '../protocol/messages.js';

/** A TCP port free on the loopback interface right now. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A loopback connection on five fresh ports, signed with `key`. */
export async function loopbackConnection(key: string, kernelName: string): Promise<ConnectionInfo> {
  const [shell, control, iopub, stdin, hb] = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
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
