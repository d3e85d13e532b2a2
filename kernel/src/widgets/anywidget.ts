/**
 * Custom widgets without building an extension, through anywidget's frontend
 * (pip `anywidget`, installed by setup and Binder): the browser imports `esm`
 * and calls its `render({ model, el })`; `model.get/set/save_changes/on`
 * reach the state here, and `model.send` / `w.send` exchange custom messages.
 *
 *   const counter = tsml.widget({
 *     esm: `export default { render({ model, el }) { ... } }`,
 *     state: { count: 0 },
 *   });
 *   counter.observe(({ new: n }) => console.log(n), 'count');
 */
import { createHash } from 'node:crypto';
import type { Spec, State } from './specs.js';
import { Widget } from './widget.js';

/** The anywidget frontend these widgets need; the pip package pinned in requirements-dev.txt and binder/ must match. */
export const ANYWIDGET_VERSION = '~0.11.*';

export interface AnyWidgetOptions {
  /** An ES module (source text) whose default export has `render({ model, el })` (and optionally `initialize({ model })`). */
  esm: string;
  /** CSS for the widget's views. */
  css?: string;
  /** Synced properties and their first values (JSON values or typed arrays, which travel as binary buffers). */
  state?: State;
  /** Names the module for anywidget's hot reload and caching (default: a hash of `esm`). */
  id?: string;
}

const RESERVED = new Set(['_esm', '_css', '_anywidget_id', 'layout', 'tabbable', 'tooltip', '_dom_classes']);

export class AnyWidget extends Widget {
  [property: string]: unknown;

  constructor(opts: AnyWidgetOptions) {
    if (!opts || typeof opts.esm !== 'string' || !opts.esm.trim()) {
      throw new TypeError('tsml.widget needs { esm: "<ES module source>" } whose default export has render({ model, el })');
    }
    const state = opts.state ?? {};
    for (const k of Object.keys(state)) if (RESERVED.has(k)) throw new TypeError(`tsml.widget: '${k}' is reserved; name the state property differently`);
    const id = opts.id ?? `tsml.widget.${createHash('sha1').update(opts.esm).digest('hex').slice(0, 12)}`;
    const spec: Spec = {
      model: ['anywidget', ANYWIDGET_VERSION, 'AnyModel'],
      view: ['anywidget', ANYWIDGET_VERSION, 'AnyView'],
      defaults: { _anywidget_id: id, _css: opts.css ?? '', _dom_classes: [], _esm: opts.esm, tabbable: null, tooltip: null, ...state },
      layout: true,
    };
    super(spec, {});
    // `w.count` reads and writes the synced property, like a traitlet.
    for (const k of Object.keys(state)) {
      if (k in this) continue;
      Object.defineProperty(this, k, { get: () => this.get(k), set: (v) => this.set({ [k]: v }), enumerable: true, configurable: true });
    }
  }
}

/** An anywidget-style custom widget (see AnyWidget). */
export function widget(opts: AnyWidgetOptions): AnyWidget {
  return new AnyWidget(opts);
}
