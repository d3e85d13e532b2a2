/**
 * `tsml kernel CONNECTION_FILE`, up to the I/O thread's start. Jupyter runs this
 * from bin/tsml.cjs as dist/cli/kernel-start.cjs, a CommonJS bundle of this file
 * (made by `npm run build`), so no ES module loads before the thread is started:
 * the thread then boots while the engine (kernel-command.ts) loads.
 * Keep what this file imports small: all of it runs before kernel_info is answered.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionInfo } from '../protocol/messages.js';
import { startIoThread } from '../protocol/io-start.js';
import { finish } from './exit.js';

export async function startKernel(args: string[]): Promise<number> {
  const connection = readConnection(args.find((a) => !a.startsWith('-')));
  // Until the engine installs its handler, an interrupt must not kill the kernel (SIGINT's default).
  process.on('SIGINT', () => undefined);
  const thread = startIoThread(connection);
  const { runKernel } = await import('./kernel-command.js');
  return runKernel(connection, thread);
}

function readConnection(file: string | undefined): ConnectionInfo {
  if (!file) throw new Error('usage: tsml kernel CONNECTION_FILE');
  let connection: ConnectionInfo;
  try {
    connection = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read connection file ${file}: ${(e as Error).message}`);
  }
  for (const k of ['shell_port', 'control_port', 'iopub_port', 'stdin_port', 'hb_port', 'ip'] as const) {
    if (connection[k] === undefined) throw new Error(`connection file ${file} lacks "${k}"`);
  }
  connection.transport ??= 'tcp';
  return connection;
}

/** bin/tsml.cjs's `tsml kernel`. */
export function main(args: string[]): void {
  finish(startKernel(args));
}
