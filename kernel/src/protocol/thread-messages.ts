/**
 * What the I/O thread and the engine (main thread) say to each other, and the
 * shared flags that let the I/O thread interrupt the engine while the engine's
 * event loop is blocked.
 */
import type { ConnectionInfo, Message, Outgoing } from './messages.js';

/** Slots of the Int32Array over the shared buffer. */
export const Flag = {
  /** Set by an interrupt; instrumented loops and training helpers poll it. */
  Interrupt: 0,
  /** What the engine is doing now (RunState). */
  State: 1,
  /** Incremented by the engine each time it has handled an interrupt. */
  Ack: 2,
  /** Set by the I/O thread once its sockets are closed (the engine waits on it before exiting). */
  Closed: 3,
} as const;

export const RunState = { Idle: 0, Sync: 1, Async: 2 } as const;

export interface IoThreadData {
  connection: ConnectionInfo;
  /** The kernel's session id and kernel_info_reply content; made by the I/O thread when not given. */
  session?: string;
  kernelInfo?: Record<string, unknown>;
  flags: SharedArrayBuffer;
  /** Milliseconds to wait for the engine to acknowledge an interrupt before terminating its JS. */
  interruptGraceMs: number;
}

export type ToEngine =
  | { type: 'ready'; endpoints: Record<string, string> }
  | { type: 'request'; channel: 'shell' | 'control'; msg: Message; arrival: number }
  | { type: 'input_reply'; value: string; error?: string }
  | { type: 'terminated' }
  | { type: 'shutdown'; restart: boolean }
  | { type: 'fatal'; error: string };

export type ToIo =
  | { type: 'send'; out: Outgoing }
  | { type: 'input_request'; prompt: string; password: boolean; parent: Message }
  | { type: 'batch'; items: ToIo[] }
  | { type: 'close' }
  /** The engine is exiting now: close the sockets at once and signal Flag.Closed. */
  | { type: 'exit' };
