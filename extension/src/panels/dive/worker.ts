/**
 * The Dive's layout worker: holds the columns, computes layouts and tile
 * indexes off the main thread (JupyterLab stays responsive while a million
 * points are faceted), and sends back only what changed.
 */
import { buildTiles, diveLayout, LayoutCache, type DiveColumn } from 'tsml/dive';
import { stripSent, type FromWorker, type ToWorker } from './protocol';

const columns = new Map<string, DiveColumn>();
const cache = new LayoutCache();
const sent = new WeakSet<object>();
let tilesFor: { layout: object; tiles: ReturnType<typeof buildTiles> } | null = null;

const post = (msg: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(msg);

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === 'column') {
    columns.set(msg.info.name, { info: msg.info, data: msg.data });
    return;
  }
  const start = performance.now();
  try {
    const layout = diveLayout({ n: msg.n, columns, view: msg.view, aspect: msg.aspect, seed: msg.seed }, cache);
    // Tiles depend on positions and cells only: reuse them when those are the same arrays.
    const key = { x: layout.x, cell: layout.cell };
    if (!tilesFor || (tilesFor.layout as typeof key).x !== layout.x || (tilesFor.layout as typeof key).cell !== layout.cell) {
      tilesFor = { layout: key, tiles: buildTiles(layout) };
    }
    const reply = stripSent(layout, tilesFor.tiles, sent);
    post({ type: 'layout', id: msg.id, layout: reply.layout, tiles: reply.tiles, ms: performance.now() - start });
  } catch (err) {
    post({ type: 'error', id: msg.id, message: (err as Error).message });
  }
};
