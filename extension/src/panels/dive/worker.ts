/**
 * The Dive's layout worker: holds the columns, computes layouts and tile
 * indexes off the main thread (JupyterLab stays responsive while a million
 * points are faceted), and sends back only what changed.
 */
import { buildTiles, diveLayout, LayoutCache, type DiveColumn, type TileIndex } from 'tsml/dive';
import { stripSent, transferCopies, type FromWorker, type ToWorker } from './protocol';

const columns = new Map<string, DiveColumn>();
const cache = new LayoutCache();
const sent = new WeakSet<object>();
let tilesFor: { x: Float32Array; cell: Uint16Array; tiles: TileIndex } | null = null;

const post = (msg: FromWorker, transfer: ArrayBuffer[] = []) => (self as unknown as { postMessage(m: FromWorker, t: ArrayBuffer[]): void }).postMessage(msg, transfer);

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === 'column') {
    columns.set(msg.info.name, { info: msg.info, data: msg.data });
    return;
  }
  const start = performance.now();
  try {
    const layout = diveLayout({ n: msg.n, columns, view: msg.view, aspect: msg.aspect, seed: msg.seed }, cache);
    // Tiles depend on positions and cells only: reuse them while those are the same arrays.
    if (!tilesFor || tilesFor.x !== layout.x || tilesFor.cell !== layout.cell) tilesFor = { x: layout.x, cell: layout.cell, tiles: buildTiles(layout) };
    const reply = stripSent(layout, tilesFor.tiles, sent);
    const transfer = transferCopies(reply.layout, reply.tiles);
    post({ type: 'layout', id: msg.id, layout: reply.layout, tiles: reply.tiles, ms: performance.now() - start }, transfer);
  } catch (err) {
    post({ type: 'error', id: msg.id, message: (err as Error).message });
  }
};
