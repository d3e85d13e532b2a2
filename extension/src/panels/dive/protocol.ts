/**
 * Messages between the Dive panel and its layout worker. The worker keeps the
 * columns and the layout cache; a layout reply leaves out every array the
 * panel already has (unchanged since the last reply), so a recolour sends one
 * byte per point back and a re-facet leaves the colours where they are.
 */
import type { DiveColumnInfo, DiveView } from 'tsml/mime';
import type { DiveArray, DiveLayout, TileIndex } from 'tsml/dive';

export type ToWorker =
  | { type: 'column'; info: DiveColumnInfo; data: DiveArray }
  | { type: 'layout'; id: number; n: number; view: DiveView; aspect: number; seed: number };

/** A layout with `tiles`; arrays the panel already holds are SAME ("keep yours"). */
export type LayoutReply = { type: 'layout'; id: number; layout: DiveLayout; tiles: TileIndex; ms: number };

export type FromWorker = LayoutReply | { type: 'error'; id: number; message: string };

type Holder = Record<string, unknown>;

/** Stands for an array the panel already has (null would be ambiguous: `sizes` is null without a size column). */
export const SAME = 'same';

/** The array-valued fields of a layout and its tiles, as [object path, field]. */
const ARRAYS: [string[], string][] = [
  [[], 'cell'], [[], 'x'], [[], 'y'], [[], 'drawOrder'], [[], 'cellStart'], [[], 'sizes'],
  [['colors'], 'index'], [['colors'], 'palette'], [['rows'], 'counts'], [['cols'], 'counts'],
];
const TILE_ARRAYS = ['gx', 'gy', 'base', 'start', 'rows'];

function at(root: Holder, path: string[]): Holder {
  return path.reduce((o, k) => o[k] as Holder, root);
}

/** Replaces arrays already sent with SAME (worker side); remembers the rest as sent. */
export function stripSent(layout: DiveLayout, tiles: TileIndex, sent: WeakSet<object>): { layout: DiveLayout; tiles: TileIndex } {
  const copy = { ...layout, colors: { ...layout.colors }, rows: { ...layout.rows }, cols: { ...layout.cols } } as unknown as Holder;
  for (const [path, key] of ARRAYS) {
    const holder = at(copy, path);
    const v = holder[key] as object | null;
    if (v && sent.has(v)) holder[key] = SAME;
    else if (v) sent.add(v);
  }
  const t = { ...tiles } as unknown as Holder;
  for (const key of TILE_ARRAYS) {
    const v = t[key] as object;
    if (sent.has(v)) t[key] = SAME;
    else sent.add(v);
  }
  return { layout: copy as unknown as DiveLayout, tiles: t as unknown as TileIndex };
}

/** Fills the SAMEs of a reply from the previous layout (panel side); lists what changed. */
export function mergeReply(prev: { layout: DiveLayout; tiles: TileIndex } | null, reply: LayoutReply): { layout: DiveLayout; tiles: TileIndex; changed: Set<string> } {
  const changed = new Set<string>();
  const layout = reply.layout as unknown as Holder, tiles = reply.tiles as unknown as Holder;
  const keep = (prev ?? null) as unknown as { layout: Holder; tiles: Holder } | null;
  for (const [path, key] of ARRAYS) {
    const holder = at(layout, path);
    if (holder[key] === SAME && keep) holder[key] = at(keep.layout, path)[key];
    else changed.add([...path, key].join('.'));
  }
  for (const key of TILE_ARRAYS) {
    if (tiles[key] === SAME && keep) tiles[key] = keep.tiles[key];
    else changed.add(`tiles.${key}`);
  }
  return { layout: reply.layout, tiles: reply.tiles, changed };
}
