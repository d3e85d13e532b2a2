/**
 * Scatter axes: where each row sits along X or Y, as a fraction of the plot
 * (0 left/bottom, 1 right/top), and the ticks to draw. Numbers map linearly
 * inside a small margin; ±Infinity sit on the edges; missing values go to a
 * gutter just outside the plot, labelled, so they are seen and not dropped.
 * Categories (or no column) get bands with a seeded jitter: a strip plot.
 */
import { formatValue } from './bins.js';
import { isCategoryColumn, MISSING_CODE, MISSING_LABEL, numbersOf, OTHER_LABEL, type DiveColumn, type NumberColumn } from './columns.js';
import { niceTicks } from './ticks.js';

export interface Tick { t: number; label: string }

export interface AxisSpec {
  feature: string | null;
  kind: 'number' | 'category' | 'none';
  ticks: Tick[];
  /** Fractions where the finite values start and end. */
  lo: number;
  hi: number;
}

/** Plot fractions: finite values in [PLOT_LO, PLOT_HI], infinities on the edges, missing in the gutter. */
export const PLOT_LO = 0.04;
export const PLOT_HI = 0.96;
export const NEG_INF_T = 0.01;
export const POS_INF_T = 0.99;
export const MISSING_T = -0.06;
/** Bands this many categories wide at most; the rest share "(other)". */
export const MAX_BANDS = 20;

/** A deterministic value in [0, 1) per row (an integer hash), so jitter is the same on every redraw. */
export function jitter(i: number, salt: number): number {
  let h = Math.imul(i ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

export function scatterAxis(col: DiveColumn | null, n: number, which: 'x' | 'y'): { t: Float32Array; spec: AxisSpec } {
  const salt = which === 'x' ? 0x1234567 : 0x7654321;
  const t = new Float32Array(n);
  if (!col) {
    for (let i = 0; i < n; i++) t[i] = 0.5 + (jitter(i, salt) - 0.5) * 0.8;
    return { t, spec: { feature: null, kind: 'none', ticks: [], lo: 0, hi: 1 } };
  }
  if (isCategoryColumn(col)) {
    const { info, data } = col;
    const kept = Math.min(info.values.length, MAX_BANDS);
    const labels = info.values.slice(0, kept);
    const tail = info.other + info.counts.slice(kept).reduce((s, c) => s + c, 0);
    const other = tail > 0 ? labels.push(OTHER_LABEL) - 1 : -1;
    const none = info.missing > 0 ? labels.push(MISSING_LABEL) - 1 : -1;
    const bands = labels.length;
    const center = (b: number) => PLOT_LO + ((b + 0.5) / bands) * (PLOT_HI - PLOT_LO);
    const gap = MISSING_CODE[info.dtype];
    for (let i = 0; i < n; i++) {
      const code = data[i];
      const b = code === gap ? none : code < kept ? code : other;
      t[i] = center(b) + (jitter(i, salt) - 0.5) * (0.7 / bands) * (PLOT_HI - PLOT_LO);
    }
    return { t, spec: { feature: info.name, kind: 'category', ticks: labels.map((label, b) => ({ t: center(b), label })), lo: PLOT_LO, hi: PLOT_HI } };
  }
  const info = (col as NumberColumn).info;
  const v = numbersOf(col as NumberColumn);
  const min = info.min ?? 0, max = info.max ?? 0;
  const span = max - min;
  const at = (x: number) => (span > 0 ? PLOT_LO + ((x - min) / span) * (PLOT_HI - PLOT_LO) : 0.5);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    t[i] = x !== x ? MISSING_T : x === Infinity ? POS_INF_T : x === -Infinity ? NEG_INF_T : at(x);
  }
  const ticks: Tick[] = info.min === null ? [] : niceTicks(min, max, 5).map((x) => ({ t: at(x), label: formatValue(x, info.temporal) }));
  if (info.negInf) ticks.push({ t: NEG_INF_T, label: '−∞' });
  if (info.posInf) ticks.push({ t: POS_INF_T, label: '+∞' });
  if (info.missing) ticks.push({ t: MISSING_T, label: 'n/a' });
  return { t, spec: { feature: info.name, kind: 'number', ticks, lo: PLOT_LO, hi: PLOT_HI } };
}
