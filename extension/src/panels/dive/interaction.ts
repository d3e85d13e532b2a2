/**
 * Pointer and keyboard input on the Dive's stage: wheel, drag and pinch zoom
 * and pan, double-click to reset, hover, click, and box or lasso selection
 * (Shift+drag, or plain drag when the toolbar's drag mode says so; Alt+Shift
 * draws a lasso). Turns events into calls on the panel; knows nothing of
 * layouts or rendering.
 */
import type { Shape } from './overlay';

export type DragMode = 'pan' | 'box' | 'lasso';

export interface InteractionHost {
  zoom(factor: number, x: number, y: number): void;
  pan(dx: number, dy: number): void;
  reset(): void;
  /** The pointer rests at (x, y); null when it left. */
  hover(at: [number, number] | null): void;
  click(x: number, y: number, extend: boolean): void;
  shape(s: Shape | null): void;
  select(s: Shape, extend: boolean): void;
  clear(): void;
  /** Called when a continuous gesture starts or ends (frames may draw a subset meanwhile). */
  moving(on: boolean): void;
}

const WHEEL_ZOOM = 0.0015;
const CLICK_SLOP = 4;

export class Interaction {
  mode: DragMode = 'pan';
  private readonly pointers = new Map<number, [number, number]>();
  private drag: { kind: 'pan' | 'box' | 'lasso'; start: [number, number]; last: [number, number]; moved: boolean; points: [number, number][]; extend: boolean } | null = null;
  private pinch: number | null = null;
  private wheelTimer = 0;
  private readonly off: (() => void)[] = [];

  constructor(private readonly el: HTMLElement, private readonly host: InteractionHost) {
    const on = <K extends keyof HTMLElementEventMap>(type: K, f: (e: HTMLElementEventMap[K]) => void, opts?: AddEventListenerOptions) => {
      el.addEventListener(type, f as EventListener, opts);
      this.off.push(() => el.removeEventListener(type, f as EventListener));
    };
    on('wheel', (e) => this.wheel(e), { passive: false });
    on('pointerdown', (e) => this.down(e));
    on('pointermove', (e) => this.move(e));
    on('pointerup', (e) => this.up(e));
    on('pointercancel', (e) => this.up(e, true));
    on('pointerleave', () => { if (!this.drag) host.hover(null); });
    on('dblclick', (e) => { e.preventDefault(); host.reset(); });
    on('keydown', (e) => this.key(e));
  }

  private at(e: MouseEvent): [number, number] {
    const r = this.el.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    const [x, y] = this.at(e);
    this.host.moving(true);
    this.host.zoom(Math.exp(-e.deltaY * unit * WHEEL_ZOOM), x, y);
    clearTimeout(this.wheelTimer);
    this.wheelTimer = window.setTimeout(() => this.host.moving(false), 160);
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.el.setPointerCapture(e.pointerId);
    const p = this.at(e);
    this.pointers.set(e.pointerId, p);
    if (this.pointers.size === 2) {
      // A second finger turns the gesture into a pinch.
      this.drag = null;
      this.host.shape(null);
      const [a, b] = [...this.pointers.values()];
      this.pinch = Math.hypot(a[0] - b[0], a[1] - b[1]);
      return;
    }
    const lasso = (e.shiftKey && e.altKey) || (!e.shiftKey && this.mode === 'lasso');
    const box = !lasso && (e.shiftKey || this.mode === 'box');
    this.drag = { kind: lasso ? 'lasso' : box ? 'box' : 'pan', start: p, last: p, moved: false, points: [p], extend: e.ctrlKey || e.metaKey };
    if (this.drag.kind === 'pan') this.host.moving(true);
  }

  private move(e: PointerEvent): void {
    const p = this.at(e);
    if (this.pointers.has(e.pointerId)) this.pointers.set(e.pointerId, p);
    if (this.pinch !== null && this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()];
      const d = Math.hypot(a[0] - b[0], a[1] - b[1]);
      this.host.moving(true);
      this.host.zoom(d / this.pinch, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
      this.pinch = d;
      return;
    }
    const d = this.drag;
    if (!d) {
      this.host.hover(p);
      return;
    }
    if (!d.moved && Math.hypot(p[0] - d.start[0], p[1] - d.start[1]) >= CLICK_SLOP) d.moved = true;
    if (d.kind === 'pan') {
      this.host.pan(p[0] - d.last[0], p[1] - d.last[1]);
    } else if (d.kind === 'box') {
      this.host.shape({ kind: 'box', a: d.start, b: p });
    } else {
      const last = d.points[d.points.length - 1];
      if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= 2) d.points.push(p);
      this.host.shape({ kind: 'lasso', points: d.points });
    }
    d.last = p;
  }

  private up(e: PointerEvent, cancelled = false): void {
    this.pointers.delete(e.pointerId);
    if (this.pinch !== null) {
      if (this.pointers.size < 2) { this.pinch = null; this.host.moving(false); }
      return;
    }
    const d = this.drag;
    this.drag = null;
    if (!d) return;
    if (d.kind === 'pan') this.host.moving(false);
    this.host.shape(null);
    if (cancelled) return;
    const p = this.at(e);
    if (!d.moved) this.host.click(p[0], p[1], d.extend);
    else if (d.kind === 'box') this.host.select({ kind: 'box', a: d.start, b: p }, d.extend);
    else if (d.kind === 'lasso') this.host.select({ kind: 'lasso', points: d.points }, d.extend);
  }

  private key(e: KeyboardEvent): void {
    const r = this.el.getBoundingClientRect();
    const cx = r.width / 2, cy = r.height / 2;
    const step = 60;
    const actions: Record<string, () => void> = {
      '+': () => this.host.zoom(1.5, cx, cy), '=': () => this.host.zoom(1.5, cx, cy), '-': () => this.host.zoom(1 / 1.5, cx, cy),
      '0': () => this.host.reset(), Escape: () => this.host.clear(),
      ArrowLeft: () => this.host.pan(step, 0), ArrowRight: () => this.host.pan(-step, 0), ArrowUp: () => this.host.pan(0, step), ArrowDown: () => this.host.pan(0, -step),
    };
    const act = actions[e.key];
    if (!act) return;
    e.preventDefault();
    // Notebook command-mode shortcuts would otherwise act on the cell.
    e.stopPropagation();
    act();
  }

  dispose(): void {
    clearTimeout(this.wheelTimer);
    for (const f of this.off) f();
  }
}
