/**
 * The I/O thread and the engine's Bridge to it. The thread may have been
 * started already (by `tsml kernel`'s CommonJS entry, before the engine's
 * modules loaded), so sockets are bound and kernel_info is answered sooner.
 */
import { Bridge } from './protocol/bridge.js';
import { startIoThread, type IoThread } from './protocol/io-start.js';
import type { ConnectionInfo } from './protocol/messages.js';

export interface Io {
  bridge: Bridge;
  /** Resolves with the bound endpoints. */
  started: Promise<Record<string, string>>;
}

export function startIo(connection: ConnectionInfo, thread: IoThread = startIoThread(connection)): Io {
  return { bridge: new Bridge(thread), started: thread.started };
}
