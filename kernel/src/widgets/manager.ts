/**
 * The kernel's widgets: which are alive (by model id), the comms they use,
 * and the `jupyter.widget.control` target through which a frontend that
 * (re)connects asks for every widget's state at once.
 */
import type { Comm, CommManager } from '../comm/manager.js';
import { log } from '../util/log.js';
import { removeBuffers } from './buffers.js';
import { PROTOCOL_VERSION, type State } from './specs.js';
import type { Widget } from './widget.js';

const live = new Map<string, Widget>();
let comms: CommManager | undefined;
let report: (err: unknown, where: string) => void = (err, where) => log(`error in ${where}: ${(err as Error)?.stack ?? String(err)}`);

export const WIDGET_TARGET = 'jupyter.widget';
export const CONTROL_TARGET = 'jupyter.widget.control';

/** Called by the kernel at start; outside a kernel widgets are plain objects that sync with nothing. */
export function installWidgets(manager: CommManager, onError?: (err: unknown, where: string) => void): void {
  comms = manager;
  if (onError) report = onError;
  manager.registerTarget(CONTROL_TARGET, (comm) => {
    comm.onMsg((m) => {
      if ((m.data as { method?: string }).method !== 'request_states') return;
      const states: Record<string, State> = {};
      for (const w of live.values()) {
        const full = w.fullState();
        states[w.modelId] = { model_name: full._model_name, model_module: full._model_module, model_module_version: full._model_module_version, state: full };
      }
      const { state, paths, buffers } = removeBuffers(states);
      comm.send({ method: 'update_states', states: state, buffer_paths: paths }, { buffers });
    });
  });
}

export function openWidgetComm(w: Widget): Comm | undefined {
  if (!comms) return undefined;
  const { state, buffer_paths, buffers } = w.wireState();
  return comms.open(WIDGET_TARGET, { state, buffer_paths }, { metadata: { version: PROTOCOL_VERSION }, buffers, commId: w.modelId });
}

export function remember(w: Widget): void {
  live.set(w.modelId, w);
}

export function forget(w: Widget): void {
  live.delete(w.modelId);
}

export function widgetById(id: string): Widget | undefined {
  return live.get(id);
}

/** Every live widget (for tests and `tsml.widgets.all()`). */
export function liveWidgets(): Widget[] {
  return [...live.values()];
}

/** A callback failed: shown where its output goes (an Output widget, the log console, the running cell). */
export function reportError(err: unknown, where: string): void {
  try {
    report(err, where);
  } catch (e) {
    log(`could not report an error in ${where}: ${(e as Error).message}`);
  }
}
