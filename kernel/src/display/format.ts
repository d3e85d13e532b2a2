/**
 * Turns a value into a MIME bundle: self-displaying objects (Deno's
 * `Symbol.for("Jupyter.display")` protocol, which tsml's own tables and tensors
 * use too) render themselves; everything else gets a `text/plain` inspection
 * bounded in size, so printing a huge array never floods the notebook.
 */
import { inspect } from 'node:util';
import { JUPYTER_DISPLAY, type MimeBundle, type MimeMetadata } from '../mime/index.js';

export interface Formatted {
  data: MimeBundle;
  metadata: MimeMetadata;
}

/** Marks values that must not produce an Out[n] (e.g. display handles). */
export const NO_OUTPUT = Symbol.for('tsml.noOutput');

/** The text `console.log` would print for a value, bounded in size (100 array items, depth 4). */
export function inspectValue(value: unknown): string {
  return inspect(value, {
    depth: 4,
    colors: false,
    maxArrayLength: 100,
    maxStringLength: 10_000,
    breakLength: 100,
    compact: 3,
    sorted: false,
  });
}

/** Under a promise shown as a value: a call like readCsv(...) missing its await. */
const PROMISE_HINT = '(a Promise: to show its result, write await before the call, e.g. await tsml.readCsv(path))';

function isSelfDisplaying(v: unknown): v is { [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle> } {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as any)[JUPYTER_DISPLAY] === 'function';
}

/** Splits Deno-style bundles that carry `metadata` inline. */
function normalise(bundle: MimeBundle): Formatted {
  const { metadata, ...data } = bundle as MimeBundle & { metadata?: MimeMetadata };
  return { data, metadata: metadata && typeof metadata === 'object' ? metadata : {} };
}

export function suppressesOutput(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && (value as any)[NO_OUTPUT] === true;
}

function fromBundle(value: unknown, bundle: MimeBundle): Formatted {
  const f = normalise(bundle);
  if (f.data['text/plain'] === undefined) f.data['text/plain'] = inspectValue(value);
  return f;
}

function renderFailed(value: unknown, e: unknown): Formatted {
  return { data: { 'text/plain': `${inspectValue(value)}\n(rendering failed: ${(e as Error)?.message ?? e})` }, metadata: {} };
}

type Render = (v: any) => MimeBundle;
type LazyFormatter = { matches: (v: object) => boolean; load: () => Promise<Render>; warm: boolean; render?: Render };
const formatters: LazyFormatter[] = [];

/**
 * Registers a renderer for values recognised by shape (e.g. arquero tables),
 * loaded on first use so the kernel starts without the libraries it renders.
 * Once loaded it renders synchronously, so `display(t); console.log(…)` keeps its order;
 * `warm` ones are loaded by warmFormatters() (with the tsml API), before a cell shows one.
 */
export function registerFormatter(matches: LazyFormatter['matches'], load: LazyFormatter['load'], opts: { warm?: boolean } = {}): void {
  formatters.push({ matches, load, warm: opts.warm ?? false });
}

async function loaded(f: LazyFormatter): Promise<Render> {
  return (f.render ??= await f.load());
}

/** Loads the `warm` formatters now, so the values they render show in order with the cell's other output. */
export async function warmFormatters(): Promise<void> {
  await Promise.all(formatters.filter((f) => f.warm).map(loaded));
}

function rendered(value: unknown, render: Render): Formatted {
  try {
    return fromBundle(value, render(value));
  } catch (e) {
    return renderFailed(value, e);
  }
}

function lazyFormatter(value: unknown): LazyFormatter | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return formatters.find((f) => {
    try {
      return f.matches(value);
    } catch {
      return false;
    }
  });
}

/**
 * Formats a value for execute_result / display_data. Synchronous whenever the
 * value renders synchronously, so display calls keep their order with streams.
 */
export function formatValue(value: unknown): Formatted | Promise<Formatted> {
  const lazy = isSelfDisplaying(value) ? undefined : lazyFormatter(value);
  if (lazy?.render) return rendered(value, lazy.render);
  if (lazy) return loaded(lazy).then((render) => rendered(value, render), (e) => renderFailed(value, e));
  if (value instanceof Promise) return { data: { 'text/plain': `${inspectValue(value)}\n${PROMISE_HINT}` }, metadata: {} };
  if (!isSelfDisplaying(value)) return { data: { 'text/plain': inspectValue(value) }, metadata: {} };
  try {
    const bundle = value[JUPYTER_DISPLAY]();
    if (bundle && typeof (bundle as Promise<MimeBundle>).then === 'function') {
      return (bundle as Promise<MimeBundle>).then((b) => fromBundle(value, b), (e) => renderFailed(value, e));
    }
    return fromBundle(value, bundle as MimeBundle);
  } catch (e) {
    return renderFailed(value, e);
  }
}
