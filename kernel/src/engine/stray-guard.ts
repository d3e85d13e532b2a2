/**
 * Keeps process-wide error listeners added by npm packages from killing the kernel.
 *
 * Emscripten-built packages (tfjs-backend-wasm, sql.js, …) run
 * `process.on('uncaughtException', (e) => { throw e })` (and the same for
 * `unhandledRejection`) when they load under Node. From then on any error thrown by a
 * timer or callback — which the kernel's own listener has already reported — is thrown
 * again from inside the listener, and Node exits. So listeners for those two events are
 * wrapped: a rethrow of the error being handled is dropped (it was shown), anything else
 * a listener throws is reported like any other stray error.
 */
type Listener = (...args: unknown[]) => unknown;
type Register = (event: string | symbol, listener: Listener) => NodeJS.Process;

const EVENTS = new Set<string | symbol>(['uncaughtException', 'unhandledRejection']);
let installed = false;

export function guardErrorListeners(report: (err: unknown, what: string) => void): void {
  if (installed) return;
  installed = true;
  // `once` is left alone: Node's once-wrapper would hide the original from removeListener.
  for (const method of ['on', 'addListener', 'prependListener'] as const) {
    const register = process[method].bind(process) as Register;
    (process as unknown as Record<string, Register>)[method] = (event, listener) =>
      register(event, EVENTS.has(event) && typeof listener === 'function' ? guarded(event, listener, report) : listener);
  }
}

function guarded(event: string | symbol, listener: Listener, report: (err: unknown, what: string) => void): Listener {
  const wrapper = function (this: unknown, ...args: unknown[]) {
    try {
      return listener.apply(this, args);
    } catch (err) {
      if (err !== args[0]) report(err, `an error thrown by a process '${String(event)}' listener`);
    }
  };
  // Node's removeListener and listeners() look through `.listener`, as for once-wrappers.
  (wrapper as unknown as { listener: Listener }).listener = listener;
  return wrapper;
}
