/**
 * The widget state a headless run saves in the notebook, as nbclient and
 * JupyterLab save it (`metadata.widgets['application/vnd.jupyter.widget-state+json']`):
 * every widget the kernel opened (comm_open to `jupyter.widget`) with the
 * updates that followed, binary parts as base64 — so Lab shows the run's
 * sliders and Output widgets as they ended, without a kernel.
 */
import type { Json } from './notebook.js';

export const WIDGET_STATE_MIME = 'application/vnd.jupyter.widget-state+json';

interface Model {
  model_name: string;
  model_module: string;
  model_module_version: string;
  state: Record<string, unknown>;
  buffers: Map<string, { path: (string | number)[]; data: string; encoding: 'base64' }>;
}

export interface CommMessage {
  header: { msg_type: string };
  content: Record<string, any>;
  buffers?: ArrayBufferView[];
}

export class WidgetStates {
  private readonly models = new Map<string, Model>();

  get size(): number {
    return this.models.size;
  }

  /** Applies a comm message from iopub; true when a widget's state changed. */
  handle(msg: CommMessage): boolean {
    const c = msg.content;
    const id = String(c.comm_id ?? '');
    if (msg.header.msg_type === 'comm_close') return this.models.delete(id);
    const data = (c.data ?? {}) as { state?: Record<string, unknown>; buffer_paths?: (string | number)[][]; method?: string };
    if (msg.header.msg_type === 'comm_open') {
      if (c.target_name !== 'jupyter.widget' || !data.state) return false;
      const s = data.state;
      this.models.set(id, {
        model_name: String(s._model_name),
        model_module: String(s._model_module),
        model_module_version: String(s._model_module_version),
        state: {},
        buffers: new Map(),
      });
    } else if (msg.header.msg_type !== 'comm_msg' || (data.method !== 'update' && data.method !== 'echo_update')) {
      return false;
    }
    const model = this.models.get(id);
    if (!model || !data.state) return false;
    Object.assign(model.state, data.state);
    (data.buffer_paths ?? []).forEach((path, i) => {
      const b = msg.buffers?.[i];
      if (!b) return;
      model.buffers.set(JSON.stringify(path), { path, data: Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64'), encoding: 'base64' });
    });
    // A key sent again as JSON replaces a buffer sent before.
    for (const key of Object.keys(data.state)) {
      const sentAsBuffer = (data.buffer_paths ?? []).some((p) => p[0] === key);
      if (!sentAsBuffer) for (const k of [...model.buffers.keys()]) if (JSON.parse(k)[0] === key) model.buffers.delete(k);
    }
    return true;
  }

  /** The notebook metadata entry (`metadata.widgets`). */
  metadata(): Record<string, Json> {
    const state: Record<string, Json> = {};
    for (const [id, m] of this.models) {
      state[id] = {
        model_name: m.model_name,
        model_module: m.model_module,
        model_module_version: m.model_module_version,
        state: m.state as Json,
        ...(m.buffers.size ? { buffers: [...m.buffers.values()] as unknown as Json } : {}),
      } as Json;
    }
    return { [WIDGET_STATE_MIME]: { version_major: 2, version_minor: 0, state } as Json };
  }
}
