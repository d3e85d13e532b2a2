/**
 * Keeping two widget properties equal. `link`/`dlink` do it in the kernel
 * (each change crosses to the kernel and back); `jslink`/`jsdlink` do it in
 * the browser (a LinkModel the frontend runs: instant, and it works in a saved
 * notebook's restored widgets too, but no transform).
 */
import { SPECS } from './specs.js';
import { Widget } from './widget.js';

export type Endpoint = [widget: Widget, property: string];

function check([w, name]: Endpoint, role: string): void {
  if (!(w instanceof Widget)) throw new TypeError(`${role} must be [widget, 'property']`);
  if (!w.keys().includes(name)) throw new TypeError(`${role}: ${w.constructor.name} has no property '${name}'; it has: ${w.keys().filter((k) => !k.startsWith('_')).join(', ')}`);
}

export interface KernelLink {
  unlink(): void;
}

/** Keeps `target` equal to `source` (and `source` to `target`), in the kernel. */
export function link(source: Endpoint, target: Endpoint): KernelLink {
  const a = dlink(source, target);
  const b = dlink(target, source);
  return { unlink: () => (a.unlink(), b.unlink()) };
}

/** Copies `source` to `target` (through `transform`) whenever it changes, in the kernel. */
export function dlink(source: Endpoint, target: Endpoint, transform: (v: unknown) => unknown = (v) => v): KernelLink {
  check(source, 'source');
  check(target, 'target');
  let busy = false;
  const copy = () => {
    if (busy) return;
    busy = true;
    try {
      target[0].set({ [target[1]]: transform(source[0].get(source[1])) });
    } finally {
      busy = false;
    }
  };
  copy();
  return { unlink: source[0].observe(copy, source[1]) };
}

/** A link the browser keeps (ipywidgets' jslink): `unlink()` or `close()` removes it. */
export class Link extends Widget {
  constructor(source: Endpoint, target: Endpoint, directional = false) {
    check(source, 'source');
    check(target, 'target');
    super(directional ? SPECS.DirectionalLink : SPECS.Link, { source, target });
  }

  unlink(): void {
    this.close();
  }
}

export function jslink(source: Endpoint, target: Endpoint): Link {
  return new Link(source, target);
}

export function jsdlink(source: Endpoint, target: Endpoint): Link {
  return new Link(source, target, true);
}
