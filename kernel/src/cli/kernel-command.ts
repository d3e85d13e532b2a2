/** `tsml kernel CONNECTION_FILE`, once the I/O thread is starting (kernel-start.ts): loads the engine and serves until shutdown. */
import type { ConnectionInfo } from '../protocol/messages.js';
import type { IoThread } from '../protocol/io-start.js';
import { debug } from '../util/log.js';
import { startIo } from '../io.js';
import { Kernel } from '../kernel.js';

export async function runKernel(connection: ConnectionInfo, thread: IoThread): Promise<number> {
  const kernel = new Kernel({ connection, io: startIo(connection, thread) });
  try {
    const endpoints = await kernel.start();
    debug(`kernel ready (pid ${process.pid}): ${Object.values(endpoints).join(' ')}`);
  } catch (e) {
    throw new Error(`could not start the kernel: ${(e as Error).message}`);
  }
  return -1; // keep running: the I/O thread and sockets keep the process alive
}
