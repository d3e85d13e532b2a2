/**
 * Output capture: while code runs inside `capture(sink, fn)` — including what
 * it awaits and the timers it starts — its stdout/stderr and displays go to
 * `sink` instead of the notebook (an Output widget, an interact() re-run).
 * Other code running meanwhile (a cell, another callback) is not affected.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface OutputSink {
  stream(name: 'stdout' | 'stderr', text: string): void;
  /** display_data, execute_result, error or clear_output, with their content. */
  output(msgType: string, content: Record<string, unknown>): void;
}

/** The iopub message types a sink takes; everything else (update_display_data, comms, status) goes to iopub. */
export const CAPTURED = new Set(['display_data', 'execute_result', 'error', 'clear_output']);

const store = new AsyncLocalStorage<OutputSink>();

export function capture<T>(sink: OutputSink, fn: () => T): T {
  return store.run(sink, fn);
}

export function currentSink(): OutputSink | undefined {
  return store.getStore();
}
