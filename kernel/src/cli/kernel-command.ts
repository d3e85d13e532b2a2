/** `tsml kernel CONNECTION_FILE`: reads the connection file and serves until shutdown. */
import { readFileSync } from 'node:fs';
import type { ConnectionInfo } from '../protocol/messages.js';
import { debug } from '../util/log.js';
import { startIo } from '../io.js';

export async function runKernel(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('-'));
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
  // Until the engine installs its handler, an interrupt must not kill the kernel (SIGINT's default).
  process.on('SIGINT', () => undefined);
  // The I/O thread first: it answers kernel_info while the engine below is still loading. The
  // engine loads meanwhile: the thread spends ~30 ms booting, in which the main thread would idle.
  const io = startIo(connection);
  const [{ Kernel }] = await Promise.all([import('../kernel.js'), io.started.catch(() => undefined)]); // a failure is reported by kernel.start() below
  const kernel = new Kernel({ connection, io });
  try {
    const endpoints = await kernel.start();
    debug(`kernel ready (pid ${process.pid}): ${Object.values(endpoints).join(' ')}`);
  } catch (e) {
    throw new Error(`could not start the kernel: ${(e as Error).message}`);
  }
  return -1; // keep running: the I/O thread and sockets keep the process alive
}
