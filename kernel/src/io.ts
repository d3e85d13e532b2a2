/**
 * Starts the I/O thread on its own, so sockets are bound and kernel_info is
 * answered while the engine's modules are still loading (cold start).
 */
import { Bridge } from './protocol/bridge.js';
import type { ConnectionInfo } from './protocol/messages.js';

export interface Io {
  bridge: Bridge;
  /** Resolves with the bound endpoints. */
  started: Promise<Record<string, string>>;
}

export function startIo(connection: ConnectionInfo): Io {
  const bridge = new Bridge(connection);
  return { bridge, started: bridge.start() };
}
