/**
 * The panel's side of the layout worker. Every reply is merged in order (a
 * reply may carry arrays the next one only refers to), and only the newest
 * request's layout is drawn. Where workers are unavailable (a strict content
 * security policy), the same layout runs on the main thread.
 */
import { buildTiles, diveLayout, LayoutCache, type DiveColumn, type DiveLayout, type TileIndex } from 'tsml/dive';
import type { DiveView } from 'tsml/mime';
import { mergeReply, type FromWorker, type LayoutReply, type ToWorker } from './protocol';

export interface LaidOut {
  layout: DiveLayout;
  tiles: TileIndex;
  /** Array fields that differ from the previous layout ('x', 'colors.index', 'tiles.rows', …). */
  changed: Set<string>;
  /** Worker time, ms. */
  ms: number;
}

export class LayoutClient {
  private readonly worker: Worker | null;
  private readonly local = { columns: new Map<string, DiveColumn>(), cache: new LayoutCache() };
  private nextId = 0;
  private current: { layout: DiveLayout; tiles: TileIndex } | null = null;
  /** Changes of replies merged but not drawn (superseded): the drawn one must report them too. */
  private undelivered = new Set<string>();
  private readonly waiting = new Map<number, { resolve: (l: LaidOut | null) => void; reject: (e: Error) => void }>();

  constructor() {
    let worker: Worker | null = null;
    try {
      worker = new Worker(new URL('./worker.js', import.meta.url));
      worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    } catch {
      worker = null;
    }
    this.worker = worker;
  }

  /** True when layouts run off the main thread. */
  get offThread(): boolean {
    return this.worker !== null;
  }

  addColumn(col: DiveColumn): void {
    if (this.worker) this.worker.postMessage({ type: 'column', info: col.info, data: col.data } satisfies ToWorker);
    else this.local.columns.set(col.info.name, col);
  }

  /** The layout for a view; resolves null when a newer request superseded it. */
  layout(n: number, view: DiveView, aspect: number, seed: number): Promise<LaidOut | null> {
    const id = ++this.nextId;
    if (!this.worker) return Promise.resolve(this.layoutHere(id, n, view, aspect, seed));
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage({ type: 'layout', id, n, view, aspect, seed } satisfies ToWorker);
    });
  }

  private layoutHere(id: number, n: number, view: DiveView, aspect: number, seed: number): LaidOut {
    const start = performance.now();
    const layout = diveLayout({ n, columns: this.local.columns, view, aspect, seed }, this.local.cache);
    const reply: LayoutReply = { type: 'layout', id, layout, tiles: buildTiles(layout), ms: 0 };
    const merged = mergeReply(null, reply);
    this.current = { layout: merged.layout, tiles: merged.tiles };
    return { ...merged, ms: performance.now() - start };
  }

  private receive(msg: FromWorker): void {
    const w = this.waiting.get(msg.id);
    this.waiting.delete(msg.id);
    if (msg.type === 'error') {
      w?.reject(new Error(msg.message));
      return;
    }
    const merged = mergeReply(this.current, msg);
    this.current = { layout: merged.layout, tiles: merged.tiles };
    for (const c of merged.changed) this.undelivered.add(c);
    if (msg.id !== this.nextId) {
      w?.resolve(null);
      return;
    }
    const changed = this.undelivered;
    this.undelivered = new Set();
    w?.resolve({ ...merged, changed, ms: msg.ms });
  }

  dispose(): void {
    this.worker?.terminate();
    for (const w of this.waiting.values()) w.resolve(null);
    this.waiting.clear();
  }
}
