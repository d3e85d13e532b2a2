/**
 * Plants a simple-regression fit in integer data: shifts y by the difference
 * between the wanted line and the fitted one (rounded), then nudges x and y values by ±1
 * (in units of 1/scale) until OLS of y on x gives the wanted intercept and
 * slope to within 2e-7. Each step takes the single nudge, or failing that the
 * pair of nudges, that brings the worse of the two errors down most; sums are
 * kept as exact integers, so a step costs O(n) (O(n²) for pairs).
 */
import { olsWithIntercept } from '../linalg.js';

export interface PlantOptions {
  xRange: [number, number];
  yMin: number;
  /** Values are integers in units of 1/scale (10: tenths). */
  scale: number;
}

const TOL = 2e-7;

export function plantLine(x: number[], y: number[], fit: { intercept: number; slope: number }, opts: PlantOptions): void {
  const n = x.length;
  // First move every y by the line's difference (rounded), so the nudges only fix rounding.
  const now = olsWithIntercept(x.map((v) => [v / opts.scale]), y.map((v) => v / opts.scale));
  for (let i = 0; i < n; i++) {
    const shift = fit.intercept - now.intercept + (fit.slope - now.coef[0]) * (x[i] / opts.scale);
    y[i] = Math.max(opts.yMin, y[i] + Math.round(shift * opts.scale));
  }
  const s = { sx: 0, sy: 0, sxx: 0, sxy: 0 };
  for (let i = 0; i < n; i++) add(s, x[i], y[i], 1);
  const error = (t: typeof s) => {
    const slope = (n * t.sxy - t.sx * t.sy) / (n * t.sxx - t.sx * t.sx);
    const intercept = (t.sy - slope * t.sx) / n / opts.scale;
    return Math.max(Math.abs(intercept - fit.intercept), Math.abs(slope - fit.slope));
  };
  type Move = [i: number, dx: number, dy: number];
  const moves: Move[] = [];
  for (let i = 0; i < n; i++) for (const d of [-1, 1]) moves.push([i, d, 0], [i, 0, d]);
  const allowed = ([i, dx, dy]: Move) => x[i] + dx >= opts.xRange[0] && x[i] + dx <= opts.xRange[1] && y[i] + dy >= opts.yMin;
  const after = (t: typeof s, [i, dx, dy]: Move) => {
    const u = { ...t };
    add(u, x[i], y[i], -1);
    add(u, x[i] + dx, y[i] + dy, 1);
    return u;
  };
  const apply = ([i, dx, dy]: Move) => {
    add(s, x[i], y[i], -1);
    x[i] += dx;
    y[i] += dy;
    add(s, x[i], y[i], 1);
  };
  for (let step = 0; step < 20 * n; step++) {
    let best = error(s);
    if (best < TOL) return;
    let chosen: Move[] | null = null;
    for (const m of moves) {
      if (!allowed(m)) continue;
      const e = error(after(s, m));
      if (e < best) [best, chosen] = [e, [m]];
    }
    if (!chosen) {
      for (let a = 0; a < moves.length; a++) {
        if (!allowed(moves[a])) continue;
        const first = after(s, moves[a]);
        for (let b = a + 1; b < moves.length; b++) {
          if (moves[b][0] === moves[a][0] || !allowed(moves[b])) continue;
          const e = error(after({ ...first }, moves[b]));
          if (e < best) [best, chosen] = [e, [moves[a], moves[b]]];
        }
      }
    }
    if (!chosen) break;
    chosen.forEach(apply);
  }
  if (error(s) >= TOL) throw new Error(`could not plant intercept ${fit.intercept} and slope ${fit.slope} in these ${n} rows; pass fit: null or another seed`);
}

function add(s: { sx: number; sy: number; sxx: number; sxy: number }, x: number, y: number, sign: number): void {
  s.sx += sign * x;
  s.sy += sign * y;
  s.sxx += sign * x * x;
  s.sxy += sign * x * y;
}
