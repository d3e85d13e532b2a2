/**
 * `display.vegalite(spec)`: the Vega-Lite chart JupyterLab draws, plus the same
 * chart as a static SVG image, rendered here by Vega itself, so the notebook
 * shows it on GitHub, in nbconvert's HTML and after a headless run (the
 * Vega-Lite MIME type alone shows there as "<Vega-Lite chart>").
 *
 * Vega (~25 MB with its d3 modules) loads on the first call, not with the
 * kernel. Specs whose data comes from a URL keep the interactive chart only:
 * the fallback must not fetch anything.
 */
import { StandardMime, type MimeBundle } from '../mime/index.js';

interface VegaView {
  run(): unknown;
  padding(): { left: number; right: number; top: number; bottom: number };
  background(): string | null;
  scenegraph(): { root: unknown };
  _viewWidth: number;
  _viewHeight: number;
  _origin: [number, number];
}
interface SvgRenderer {
  initialize(el: null, w: number, h: number, origin: [number, number]): SvgRenderer;
  background(bg: string | null): SvgRenderer;
  render(scene: unknown): SvgRenderer;
  svg(): string;
}
interface VegaModules {
  vega: { View: new (runtime: unknown, opts: object) => VegaView; parse(spec: unknown): unknown; SVGStringRenderer: new () => SvgRenderer };
  compile(spec: unknown): { spec: unknown };
}

let modules: Promise<VegaModules> | undefined;

function load(): Promise<VegaModules> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vl]) => ({ vega: vega as unknown as VegaModules['vega'], compile: vl.compile as VegaModules['compile'] }));
  return modules;
}

/** True when some `data` in the spec names a `url` (the renderer would have to fetch it). */
function usesUrl(spec: unknown): boolean {
  if (Array.isArray(spec)) return spec.some(usesUrl);
  if (spec === null || typeof spec !== 'object') return false;
  return Object.entries(spec).some(([k, v]) => (k === 'url' && typeof v === 'string') || usesUrl(v));
}

/** The chart as SVG text, laid out as Vega's own `view.toSVG()` lays it out; null when it cannot be drawn offline. */
export async function vegaliteSvg(spec: unknown): Promise<string | null> {
  if (usesUrl(spec)) return null;
  const { vega, compile } = await load();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  view.run();
  const p = view.padding();
  const renderer = new vega.SVGStringRenderer()
    .initialize(null, Math.max(0, view._viewWidth + p.left + p.right), Math.max(0, view._viewHeight + p.top + p.bottom), [p.left + view._origin[0], p.top + view._origin[1]])
    .background(view.background());
  renderer.render(view.scenegraph().root);
  return renderer.svg();
}

/** Vega-Lite 5's marks, primitive and composite (a typo otherwise surfaces as a TypeError from inside its compiler). */
const MARKS = ['arc', 'area', 'bar', 'boxplot', 'circle', 'errorband', 'errorbar', 'geoshape', 'image', 'line', 'point', 'rect', 'rule', 'square', 'text', 'tick', 'trail'];

/** Throws, in the cell, for what cannot be a Vega-Lite spec or names a mark that does not exist. */
export function checkVegaliteSpec(spec: unknown): void {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    const got = Array.isArray(spec) ? 'an array' : spec === null ? 'null' : `${typeof spec} ${JSON.stringify(spec)?.slice(0, 40)}`;
    throw new TypeError(`display.vegalite takes a Vega-Lite spec object such as { data: { values }, mark: 'point', encoding: { x, y } }, got ${got}`);
  }
  const m = (spec as { mark?: unknown }).mark;
  const mark = typeof m === 'string' ? m : typeof m === 'object' && m !== null ? (m as { type?: unknown }).type : undefined;
  if (typeof mark === 'string' && !MARKS.includes(mark)) {
    throw new TypeError(`display.vegalite: unknown mark '${mark}'; Vega-Lite's marks are ${MARKS.join(', ')}`);
  }
}

export async function vegaliteBundle(spec: unknown): Promise<MimeBundle> {
  const bundle: MimeBundle = { [StandardMime.vegalite]: spec, 'text/plain': '<Vega-Lite chart>' };
  try {
    const svg = await vegaliteSvg(spec);
    if (svg) bundle[StandardMime.svg] = svg;
  } catch (e) {
    // An invalid spec: JupyterLab's renderer will show Vega-Lite's own error; say it in the text too.
    bundle['text/plain'] = `<Vega-Lite chart: ${(e as Error).message}>`;
  }
  return bundle;
}
