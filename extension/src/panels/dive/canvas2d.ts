/**
 * The fallback without WebGL2: a seeded sample of the points (a prefix of each
 * cell's random draw order) drawn on a canvas 2D with the same rasteriser the
 * kernel's snapshot uses, at CSS-pixel resolution (the panel gives this canvas
 * no device-pixel backing). Slower per point, so it draws at most SAMPLE_2D points.
 */
import { rasterize, toScreen, worldOf, type DiveLayout } from 'tsml/dive';
import type { FrameState } from './gl';

export const SAMPLE_2D = 50_000;

export class Canvas2dPoints {
  private readonly ctx: CanvasRenderingContext2D;
  private layout: DiveLayout | null = null;
  private rows: Uint32Array = new Uint32Array(0);
  private flags: Uint8Array | undefined;
  private highlight: Uint32Array = new Uint32Array(0);

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d')!;
  }

  describe(): string {
    return 'canvas 2D';
  }

  /** How many points it draws at most (shown in the status line). */
  get shown(): number {
    return this.rows.length;
  }

  setLayout(layout: DiveLayout): void {
    this.layout = layout;
    const cells = layout.cellStart.length - 1;
    const f = Math.min(1, SAMPLE_2D / Math.max(1, layout.n));
    const picked: number[] = [];
    for (let c = 0; c < cells; c++) {
      const first = layout.cellStart[c], count = Math.ceil((layout.cellStart[c + 1] - first) * f);
      for (let k = 0; k < count; k++) picked.push(layout.drawOrder[first + k]);
    }
    this.rows = Uint32Array.from(picked);
  }

  setFlags(flags: Uint8Array): void {
    this.flags = flags;
  }

  setHighlight(rows: Uint32Array): void {
    this.highlight = rows;
  }

  draw(s: FrameState): number {
    const l = this.layout;
    const { width, height } = s.vp;
    this.ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (!l) return 0;
    // At CSS-pixel resolution: the panel gives this canvas no device-pixel backing.
    const image = this.ctx.createImageData(width, height);
    const bg = s.background.map((v) => Math.round(v * 255));
    const dimTo = `#${((1 << 24) | (bg[0] << 16) | (bg[1] << 8) | bg[2]).toString(16).slice(1)}`;
    rasterize(l, s.cam, s.vp, image.data, { rows: this.rows, fitScale: s.fit, pointsOnly: true, flags: this.flags, dimTo: s.dim ? dimTo : undefined });
    this.ctx.putImageData(image, 0, 0);
    this.ctx.strokeStyle = `rgb(${s.ring.map((v) => v * 255).join(',')})`;
    for (const row of this.highlight) {
      const [x, y] = toScreen(s.cam, s.vp, ...worldOf(l, row));
      this.ctx.strokeRect(x - 4, y - 4, 8, 8);
    }
    return this.rows.length;
  }

  dispose(): void {
    this.layout = null;
  }
}
