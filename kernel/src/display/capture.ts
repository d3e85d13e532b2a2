/**
 * Output capture: while code runs inside `capture(sink, fn)` its stdout/stderr
 * and displays go to `sink` instead of the notebook (an Output widget, an
 * interact() re-run), as Python's `with out:` does. Other code running
 * meanwhile (a cell, another callback) is not affected.
 *
 * A plain function is captured for the duration of the call (what it prints
 * and displays, including a display whose formatting finishes later). An
 * `async` function is captured across its awaits too, through
 * AsyncLocalStorage — which only then gets created: on Node 20 an
 * AsyncLocalStorage in use makes every await in the process ~4× dearer
 * (0.07 → 0.28 µs), a cost a kernel that never captures async code should not pay.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface OutputSink {
  stream(name: 'stdout' | 'stderr', text: string): void;
  /** display_data, execute_result, error or clear_output, with their content. */
  output(msgType: string, content: Record<string, unknown>): void;
}

/** The iopub message types a sink takes; everything else (update_display_data, comms, status) goes to iopub. */
export const CAPTURED = new Set(['display_data', 'execute_result', 'error', 'clear_output']);

let syncSink: OutputSink | undefined;
let store: AsyncLocalStorage<OutputSink> | undefined;

const isAsync = (fn: unknown) => Object.prototype.toString.call(fn) === '[object AsyncFunction]';

export function capture<T>(sink: OutputSink, fn: () => T): T {
  const outer = syncSink;
  if (isAsync(fn)) {
    store ??= new AsyncLocalStorage<OutputSink>();
    syncSink = undefined; // the async context decides, not a synchronous capture around this one
    try {
      return store.run(sink, fn);
    } finally {
      syncSink = outer;
    }
  }
  syncSink = sink;
  try {
    return fn();
  } finally {
    syncSink = outer;
  }
}

export function currentSink(): OutputSink | undefined {
  return syncSink ?? store?.getStore();
}

/** `fn`, to be called later (a formatting promise resolving) under the capture current now. */
export function bindSink<A, R = void>(fn: (a: A) => R): (a: A) => R {
  const sink = currentSink();
  return sink ? (a) => capture(sink, () => fn(a)) : fn;
}
