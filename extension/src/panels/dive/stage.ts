/**
 * The Dive's drawing surface: three stacked canvases (cells below, points,
 * text and selection shapes above), the camera, and the frame loop. A frame
 * is drawn only when something changed (layout, camera, selection, hover,
 * theme, size). Points are drawn in passes sized to ~100 ms each: while a zoom
 * or pan is under way every frame shows a first pass (a fair subset), and at
 * rest the remaining passes follow until every point is drawn.
 */
import {
  fitCamera, marginsFor, panBy, pickRow, pointPixels, rowsInPolygon, rowsInRect, toScreen, worldBounds, worldOf, zoomAt, zoomLimits,
  type Camera, type DiveColumn, type DiveLayout, type TileIndex, type Viewport,
} from 'tsml/dive';
import { Canvas2dPoints } from './canvas2d';
import { GlPoints, type FrameState } from './gl';
import { Interaction, type InteractionHost } from './interaction';
import { drawCells, drawFront, prepare, readTheme, rgbOf, type Shape, type Theme } from './overlay';
import type { LaidOut } from './layout-client';

export interface StageHost {
  selected(positions: Uint32Array): void;
  clicked(position: number, at: [number, number]): void;
  hovered(position: number, at: [number, number]): void;
  cleared(): void;
  label(): DiveColumn | null;
}

/** Time a pass aims at: short enough that the page answers at once, long enough that frame overhead stays small. */
const FRAME_TARGET_MS = 100;
const MIN_BUDGET = 50_000;

export class Stage implements InteractionHost {
  readonly el = document.createElement('div');
  private readonly back = document.createElement('canvas');
  private readonly points = document.createElement('canvas');
  private readonly front = document.createElement('canvas');
  readonly renderer: GlPoints | Canvas2dPoints;
  readonly interaction: Interaction;
  private layout: DiveLayout | null = null;
  private tiles: TileIndex | null = null;
  private vp: Viewport = { width: 1, height: 1, margin: { left: 0, top: 0, right: 0, bottom: 0 } };
  private cam: Camera = { cx: 0, cy: 0, scale: 1 };
  private fit: Camera = { cx: 0, cy: 0, scale: 1 };
  private theme: Theme;
  private hovered = -1;
  private drawing: Shape | null = null;
  private selection: Uint32Array = new Uint32Array(0);
  private flags = new Uint8Array(0);
  private frame = 0;
  private movingNow = false;
  /** Points per pass, adapted to how long passes take here. */
  private budget = 100_000;
  /** When the last pass was drawn, if in the previous frame (0 otherwise). */
  private passAt = 0;
  /** Where the next pass of the current frame starts (a fraction of each cell's rows; 0: a new frame). */
  private pass = 0;
  private sceneDirty = true;
  /** Frames drawn, points in the last one: read by tests and the benchmark. */
  stats = { frames: 0, drawn: 0, full: false };

  constructor(private readonly host: StageHost) {
    this.el.className = 'tsml-dive-stage';
    this.el.tabIndex = 0;
    this.el.setAttribute('aria-label', 'Dive: drag to pan, wheel to zoom, Shift+drag to select, click a point for its row');
    for (const c of [this.back, this.points, this.front]) this.el.append(c);
    this.back.className = 'tsml-dive-back';
    this.points.className = 'tsml-dive-points';
    this.front.className = 'tsml-dive-front';
    const start = performance.now();
    this.renderer = GlPoints.create(this.points) ?? new Canvas2dPoints(this.points);
    performance.measure('tsml:dive:context', { start, detail: { renderer: this.renderer.describe() } });
    this.interaction = new Interaction(this.el, this);
    this.theme = readTheme(this.el);
  }

  get webgl(): boolean {
    return this.renderer instanceof GlPoints;
  }

  get selectedPositions(): Uint32Array {
    return this.selection;
  }

  private sizedWaiters: (() => void)[] = [];

  /** Resolves once the stage is on the page with a size (a layout needs its aspect). */
  sized(): Promise<void> {
    if (this.vp.width > 1 && this.vp.height > 1) return Promise.resolve();
    return new Promise((resolve) => this.sizedWaiters.push(resolve));
  }

  /** Sizes the canvases to the stage (CSS pixels × device pixel ratio; the 2D fallback at CSS pixels). */
  resize(): void {
    const r = this.el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return;
    const width = Math.round(r.width), height = Math.round(r.height);
    if (width === this.vp.width && height === this.vp.height) return;
    const dpr = window.devicePixelRatio || 1;
    for (const c of [this.back, this.points, this.front]) {
      const k = c === this.points && !this.webgl ? 1 : dpr;
      c.width = Math.round(width * k);
      c.height = Math.round(height * k);
    }
    const zoomed = this.layout && this.cam.scale !== this.fit.scale;
    this.vp = { ...this.vp, width, height };
    if (this.layout) this.refit(!zoomed);
    for (const f of this.sizedWaiters.splice(0)) f();
    this.draw();
  }

  /** Width / height of the area cells may fill, for the next layout. */
  aspect(next?: DiveLayout): number {
    const r = this.el.getBoundingClientRect();
    const m = next ? marginsFor(next) : this.vp.margin;
    return Math.max(0.1, (r.width - m.left - m.right) / Math.max(1, r.height - m.top - m.bottom));
  }

  setLayout(l: LaidOut, refit: boolean): void {
    const first = !this.layout;
    this.layout = l.layout;
    this.tiles = l.tiles;
    if (this.webgl) (this.renderer as GlPoints).setLayout(l.layout, first ? 'all' : l.changed);
    else (this.renderer as Canvas2dPoints).setLayout(l.layout);
    if (first || this.flags.length !== l.layout.n) {
      this.flags = new Uint8Array(l.layout.n);
      this.renderer.setFlags(this.flags);
    }
    this.hovered = -1;
    this.vp = { ...this.vp, margin: marginsFor(l.layout) };
    this.refit(refit || first);
    this.draw();
  }

  private refit(resetCamera: boolean): void {
    this.fit = fitCamera(worldBounds(this.layout!), this.vp);
    if (resetCamera) this.cam = this.fit;
  }

  setSelection(positions: Uint32Array): void {
    this.selection = positions;
    this.flags.fill(0);
    for (const p of positions) this.flags[p] = 1;
    this.renderer.setFlags(this.flags);
    this.draw();
  }

  setHighlight(positions: Uint32Array): void {
    this.renderer.setHighlight(positions);
    this.draw();
  }

  themeChanged(): void {
    this.theme = readTheme(this.el);
    this.draw();
  }

  /** Schedules one frame (changes before it share it); `scene` when the points must be drawn again. */
  draw(scene = true): void {
    if (scene) this.sceneDirty = true;
    if (this.frame) return;
    this.frame = requestAnimationFrame((t) => this.render(t));
  }

  private render(now: number): void {
    this.frame = 0;
    const l = this.layout, tiles = this.tiles;
    if (!l || !tiles) return;
    const dpr = window.devicePixelRatio || 1;
    if (this.passAt) {
      // The previous frame drew a pass: aim passes at the target time (more points on a fast GPU, fewer on a software one).
      const took = now - this.passAt;
      this.budget = Math.max(MIN_BUDGET, Math.min(l.n, this.budget * Math.max(0.25, Math.min(2, FRAME_TARGET_MS / Math.max(1, took)))));
    }
    this.passAt = 0;
    const restart = this.sceneDirty;
    if (restart || this.pass > 0) {
      if (restart) {
        this.sceneDirty = false;
        this.pass = 0;
        drawCells(prepare(this.back, this.vp, dpr), l, this.cam, this.vp, this.theme);
      }
      const state: FrameState = {
        cam: this.cam, fit: this.fit.scale, vp: this.vp, dpr, dim: this.selection.length > 0,
        budget: this.budget, background: rgbOf(this.theme.background), ring: rgbOf(this.theme.ring),
      };
      const pass = this.renderer.frame(state, this.pass);
      const drawn = (this.pass === 0 ? 0 : this.stats.drawn) + pass.count;
      this.stats = { frames: this.stats.frames + 1, drawn, full: pass.last };
      this.passAt = now;
      // While the view moves only first passes are drawn; at rest the rest follow, one per frame.
      this.pass = pass.last || this.movingNow ? 0 : pass.hi;
      if (this.pass > 0) this.draw(false);
    }
    const front = prepare(this.front, this.vp, dpr);
    drawFront(front, l, tiles, this.cam, this.vp, this.theme, { hover: this.hovered, shape: this.drawing, label: this.host.label(), fit: this.fit.scale });
    this.el.dispatchEvent(new CustomEvent('tsml-dive-frame', { detail: this.stats }));
  }

  // ---- InteractionHost ----
  zoom(factor: number, x: number, y: number): void {
    if (!this.layout) return;
    this.cam = zoomAt(this.cam, this.vp, factor, x, y, zoomLimits(this.fit));
    this.draw();
  }

  pan(dx: number, dy: number): void {
    this.cam = panBy(this.cam, dx, dy);
    this.draw();
  }

  reset(): void {
    this.cam = this.fit;
    this.draw();
  }

  moving(on: boolean): void {
    if (on === this.movingNow) return;
    this.movingNow = on;
    // The remaining passes when the motion stops.
    if (!on) this.draw();
  }

  private pick(x: number, y: number): number {
    if (!this.layout || !this.tiles) return -1;
    const radius = Math.max(5, pointPixels(this.layout, this.cam.scale, this.fit.scale) / 2 + 2);
    return pickRow(this.layout, this.tiles, this.cam, this.vp, x, y, radius);
  }

  hover(at: [number, number] | null): void {
    const row = at ? this.pick(at[0], at[1]) : -1;
    if (row === this.hovered) return;
    this.hovered = row;
    this.el.style.cursor = row >= 0 ? 'pointer' : '';
    this.host.hovered(row, at ?? [0, 0]);
    this.draw(false);
  }

  click(x: number, y: number): void {
    this.el.focus({ preventScroll: true });
    const row = this.pick(x, y);
    if (row >= 0) this.host.clicked(row, [x, y]);
  }

  shape(s: Shape | null): void {
    this.drawing = s;
    this.draw(false);
  }

  select(s: Shape, extend: boolean): void {
    if (!this.layout || !this.tiles) return;
    const rows = s.kind === 'box'
      ? rowsInRect(this.layout, this.tiles, this.cam, this.vp, s.a, s.b)
      : rowsInPolygon(this.layout, this.tiles, this.cam, this.vp, s.points);
    const next = extend ? union(this.selection, rows) : rows;
    this.setSelection(next);
    this.host.selected(next);
  }

  clear(): void {
    this.setSelection(new Uint32Array(0));
    this.host.cleared();
  }

  /** The camera, for tests and the benchmark (world centre and pixels per unit). */
  get camera(): Camera {
    return this.cam;
  }

  /** Where a shown row is drawn, in CSS pixels from the stage's top-left (tests and the benchmark aim with it). */
  screenOf(position: number): [number, number] | null {
    if (!this.layout || position < 0 || position >= this.layout.n) return null;
    return toScreen(this.cam, this.vp, ...worldOf(this.layout, position));
  }

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.interaction.dispose();
    this.renderer.dispose();
  }
}

function union(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0, j = 0, k = 0;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (k === 0 || out[k - 1] !== v) out[k++] = v;
  }
  return out.slice(0, k);
}
