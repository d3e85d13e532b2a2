/**
 * What bench/dive measures in the page, the same way for both plots: every WebGL draw call of points
 * (gl.POINTS, with its count) and every animation frame, timestamped, so "first frame", "all points
 * drawn" and "frame time during a zoom" come from the GL calls themselves, not from either tool's own
 * reports. Installed with page.addInitScript before the notebook loads.
 */
export const PROBE_SCRIPT = `(() => {
  const probe = window.__diveProbe = { draws: [], frames: [], outputs: [] };
  // When a plot's output node appears (the kernel's display message has been rendered into the page).
  const seen = new WeakSet();
  new MutationObserver(() => {
    for (const sel of ['.tsml-dive', '.jp-OutputArea-output canvas']) {
      for (const el of document.querySelectorAll(sel)) {
        if (!el.isConnected || seen.has(el)) continue;
        seen.add(el);
        probe.outputs.push([sel, performance.now()]);
      }
    }
  }).observe(document, { childList: true, subtree: true });
  const POINTS = 0;
  const wrap = (C, name, countArg) => {
    const f = C.prototype[name];
    if (!f) return;
    C.prototype[name] = function (...args) {
      if (args[0] === POINTS) probe.draws.push([performance.now(), args[countArg]]);
      return f.apply(this, args);
    };
  };
  for (const C of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!C) continue;
    wrap(C, 'drawArrays', 2);
    wrap(C, 'drawElements', 1);
    wrap(C, 'drawArraysInstanced', 2);
    wrap(C, 'drawElementsInstanced', 1);
  }
  const tick = (t) => { probe.frames.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();`;

export interface ProbeLog {
  draws: [number, number][];
  frames: number[];
  /** [selector, time] when a plot's node first appeared. */
  outputs: [string, number][];
}

/** Draws grouped by the animation frame that follows them: [frame time, points drawn in it]. */
export function framesWithPoints(log: ProbeLog, from: number, to = Infinity): [number, number][] {
  const out: [number, number][] = [];
  let d = 0;
  const draws = log.draws.filter(([t]) => t >= from && t < to);
  for (const f of log.frames) {
    if (f < from) continue;
    let points = 0;
    while (d < draws.length && draws[d][0] <= f) points += draws[d++][1];
    if (points > 0) out.push([f, points]);
    if (f > to) break;
  }
  return out;
}

export const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
export const quantile = (xs: number[], q: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] : NaN);
