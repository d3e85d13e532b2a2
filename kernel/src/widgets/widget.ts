/**
 * A Jupyter widget model on the kernel side (ipywidgets 8, protocol 2.1.0):
 * its state, kept in sync with every frontend over one `jupyter.widget` comm.
 * Setting a property sends an `update`; an `update` from a frontend is applied
 * (validated), echoed (`echo_update`, so other views agree), then observers run.
 */
import { randomUUID } from 'node:crypto';
import type { Comm, CommMessage } from '../comm/manager.js';
import { JUPYTER_DISPLAY, type MimeBundle } from '../mime/index.js';
import { putBuffers, removeBuffers, type Path } from './buffers.js';
import { headerState, LAYOUT, PROTOCOL_VERSION, styleSpec, type Spec, type StyleKind, type State } from './specs.js';
import { forget, openWidgetComm, remember, reportError, widgetById } from './manager.js';

export interface Change<T = unknown> {
  name: string;
  old: T;
  new: T;
  owner: Widget;
  type: 'change';
}

export type Observer<T = unknown> = (change: Change<T>) => unknown;
export type CustomHandler = (content: Record<string, unknown>, buffers: DataView[]) => unknown;

const REF = 'IPY_MODEL_';
const VALUE_KEYS = new Set(['value', 'index']);

/** State values as JSON carries them: widgets become 'IPY_MODEL_<id>' references. */
function serialize(v: unknown): unknown {
  if (v instanceof Widget) return REF + v.modelId;
  if (Array.isArray(v)) return v.map(serialize);
  return v;
}

/** References from a frontend back to widgets (unknown ids stay strings). */
function deserialize(v: unknown): unknown {
  if (typeof v === 'string' && v.startsWith(REF)) return widgetById(v.slice(REF.length)) ?? v;
  if (Array.isArray(v)) return v.map(deserialize);
  return v;
}

const same = (a: unknown, b: unknown) => a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));

export class Widget {
  readonly modelId: string;
  protected readonly spec: Spec;
  private readonly values: State;
  private comm: Comm | undefined;
  private readonly observers: { names: Set<string> | null; fn: Observer }[] = [];
  private readonly customHandlers = new Set<CustomHandler>();
  /** Values a frontend just sent, not to be sent back to it (ipywidgets' property lock). */
  private lock: Map<string, string> | undefined;
  private closedFlag = false;

  constructor(spec: Spec, initial: State = {}) {
    this.spec = spec;
    this.modelId = randomUUID().replace(/-/g, '');
    this.values = { ...structuredClone(spec.defaults) };
    const init = { ...initial };
    // Like ipywidgets, every DOM widget has its own Layout and (most) a Style widget, opened first.
    if (spec.layout) this.values.layout = init.layout instanceof Widget ? init.layout : new Layout((init.layout as State) ?? {});
    if (spec.style) this.values.style = init.style instanceof Widget ? init.style : new Style(spec.style, (init.style as State) ?? {});
    delete init.layout;
    delete init.style;
    // Bounds before the value they bound.
    const order = Object.keys(init).sort((a, b) => Number(VALUE_KEYS.has(a)) - Number(VALUE_KEYS.has(b)));
    for (const k of order) {
      const v = init[k];
      if (v === undefined) continue;
      if (!(k in this.values)) throw new TypeError(`${this.constructor.name} has no property '${k}'; it has: ${this.keys().join(', ')}`);
      this.values[k] = this.coerce(k, v);
    }
    remember(this);
    this.comm = openWidgetComm(this);
    this.comm?.onMsg((m) => this.onMessage(m));
    this.comm?.onClose(() => this.dispose());
  }

  /** The widget's property names (what `get`, `set` and `observe` accept). */
  keys(): string[] {
    return Object.keys(this.values);
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  get<T = unknown>(name: string): T {
    if (!(name in this.values)) throw new TypeError(`${this.constructor.name} has no property '${name}'`);
    return this.values[name] as T;
  }

  /** Sets properties, sends what changed to every view, then tells observers. */
  set(patch: State): this {
    this.apply(patch, false);
    return this;
  }

  /**
   * Calls `fn` with `{ name, old, new, owner }` after a property changes (from a
   * view or from code). `names` limits it to those properties. Returns a function that stops it.
   */
  observe<T = unknown>(fn: Observer<T>, names?: string | string[]): () => void {
    const entry = { names: names === undefined ? null : new Set(Array.isArray(names) ? names : [names]), fn: fn as Observer };
    this.observers.push(entry);
    return () => {
      const i = this.observers.indexOf(entry);
      if (i >= 0) this.observers.splice(i, 1);
    };
  }

  /** Sends a custom message to the views (anywidget's `model.on('msg:custom')`). */
  send(content: Record<string, unknown>, buffers?: ArrayBufferView[]): void {
    this.comm?.send({ method: 'custom', content }, { buffers });
  }

  /** Calls `fn` for each custom message a view sends (a Button's click, anywidget's `model.send`). */
  onCustom(fn: CustomHandler): () => void {
    this.customHandlers.add(fn);
    return () => void this.customHandlers.delete(fn);
  }

  /** Closes the comm: every view of this widget goes away. */
  close(): void {
    if (this.closedFlag) return;
    this.comm?.close();
    this.dispose();
  }

  /** The full state as ipywidgets' get_state() gives it (widget references as 'IPY_MODEL_<id>'). */
  fullState(): State {
    const out: State = headerState(this.spec);
    for (const [k, v] of Object.entries(this.values)) out[k] = serialize(v);
    return out;
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    if (this.spec.view[2] === null) return { 'text/plain': this.toString() };
    return {
      'text/plain': this.toString(),
      'application/vnd.jupyter.widget-view+json': { version_major: 2, version_minor: 0, model_id: this.modelId },
    };
  }

  toString(): string {
    const shown = this.keys()
      .filter((k) => !k.startsWith('_') && !['layout', 'style'].includes(k) && !same(this.values[k], this.spec.defaults[k]))
      .map((k) => `${k}=${JSON.stringify(serialize(this.values[k]))}`);
    return `${this.constructor.name}(${shown.join(', ')})`;
  }

  /** Validates a value before it is stored (clamping, rounding); subclasses refine it. */
  protected coerce(_name: string, value: unknown): unknown {
    return value;
  }

  /** Extra change events a change implies (a Dropdown's index → value and label). */
  protected implied(_change: Change): Change[] {
    return [];
  }

  private apply(patch: State, fromView: boolean): void {
    const changes: Change[] = [];
    for (const [k, raw] of Object.entries(patch)) {
      if (!(k in this.values)) {
        if (fromView) continue; // a newer frontend's extra key: ignore, as ipywidgets does
        throw new TypeError(`${this.constructor.name} has no property '${k}'; it has: ${this.keys().join(', ')}`);
      }
      const v = this.coerce(k, fromView ? deserialize(raw) : raw);
      const old = this.values[k];
      if (same(old, v)) continue;
      this.values[k] = v;
      changes.push({ name: k, old, new: v, owner: this, type: 'change' });
    }
    if (fromView) {
      // Every other view learns what this one sent (the sender ignores its own echo, as ipywidgets
      // does); a value validation changed then goes to all as an update (below, past the lock).
      this.sendEcho(patch);
    }
    this.sendState('update', changes.map((c) => c.name));
    for (const c of changes) this.notify(c);
    const follow = changes.length ? this.adjust() : undefined;
    if (follow) this.apply(follow, false);
  }

  /** After a change, what else must change (a value outside new bounds); applied and sent like a set. */
  protected adjust(): State | undefined {
    return undefined;
  }

  private notify(change: Change): void {
    for (const c of [change, ...this.implied(change)]) {
      for (const o of [...this.observers]) {
        if (o.names && !o.names.has(c.name)) continue;
        try {
          const r = o.fn(c);
          if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(undefined, (e) => reportError(e, `an observer of ${this.constructor.name}.${c.name}`));
        } catch (e) {
          reportError(e, `an observer of ${this.constructor.name}.${c.name}`);
        }
      }
    }
  }

  private sendEcho(received: State): void {
    if (!this.comm || this.comm.closed) return;
    const known = Object.fromEntries(Object.entries(received).filter(([k]) => k in this.values));
    if (Object.keys(known).length === 0) return;
    const { state, paths, buffers } = removeBuffers(known);
    this.comm.send({ method: 'echo_update', state, buffer_paths: paths }, { buffers });
  }

  private sendState(method: 'update', names: string[]): void {
    if (!this.comm || this.comm.closed) return;
    const state: State = {};
    for (const k of names) {
      const json = serialize(this.values[k]);
      if (method === 'update' && this.lock?.get(k) === JSON.stringify(json)) continue;
      state[k] = json;
    }
    if (Object.keys(state).length === 0) return;
    const { state: clean, paths, buffers } = removeBuffers(state);
    this.comm.send({ method, state: clean, buffer_paths: paths }, { buffers });
  }

  /** The full state for a view that asks (request_state), or for the control comm. */
  wireState(): { state: State; buffer_paths: Path[]; buffers: ArrayBufferView[] } {
    const { state, paths, buffers } = removeBuffers(this.fullState());
    return { state, buffer_paths: paths, buffers };
  }

  private onMessage(m: CommMessage): void {
    const data = m.data as { method?: string; state?: State; buffer_paths?: Path[]; content?: Record<string, unknown> };
    if (data.method === 'update' && data.state) {
      const state = putBuffers(data.state, data.buffer_paths, m.buffers);
      this.lock = new Map(Object.entries(state).map(([k, v]) => [k, JSON.stringify(v)]));
      try {
        this.apply(state, true);
      } finally {
        this.lock = undefined;
      }
    } else if (data.method === 'request_state') {
      const { state, buffer_paths, buffers } = this.wireState();
      this.comm?.send({ method: 'update', state, buffer_paths }, { buffers });
    } else if (data.method === 'custom') {
      const buffers = m.buffers.map((b) => new DataView(b.buffer, b.byteOffset, b.byteLength));
      for (const h of [...this.customHandlers]) {
        try {
          const r = h(data.content ?? {}, buffers);
          if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(undefined, (e) => reportError(e, `a custom message handler of ${this.constructor.name}`));
        } catch (e) {
          reportError(e, `a custom message handler of ${this.constructor.name}`);
        }
      }
    }
  }

  private dispose(): void {
    this.closedFlag = true;
    forget(this);
  }
}

export { PROTOCOL_VERSION };

/** A widget's CSS layout (`w.layout.width = '300px'`), ipywidgets' Layout. */
export class Layout extends Widget {
  constructor(opts: State = {}) {
    super(LAYOUT, opts);
  }
}

/** A widget's style (`slider.style.handle_color = 'red'`); which keys depends on the widget. */
export class Style extends Widget {
  constructor(kind: StyleKind, opts: State = {}) {
    super(styleSpec(kind), opts);
  }
}

/** Defines typed accessors (`w.value`, `w.min` …) on a widget class for its spec's properties. */
export function defineAccessors(cls: { prototype: Widget }, spec: Spec): void {
  const keys = [...Object.keys(spec.defaults), ...(spec.layout ? ['layout'] : []), ...(spec.style ? ['style'] : [])];
  for (const key of keys) {
    // Accessors a class wrote itself (a Dropdown's value) and Widget's methods win.
    if (key.startsWith('_') || key in cls.prototype) continue;
    Object.defineProperty(cls.prototype, key, {
      get(this: Widget) {
        return this.get(key);
      },
      set(this: Widget, v: unknown) {
        this.set({ [key]: v });
      },
      configurable: true,
    });
  }
}
