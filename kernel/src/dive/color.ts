/**
 * Point colours: one palette index per row (a byte) and a 256-entry RGBA
 * palette, so recolouring re-uploads one byte per point and the GPU looks the
 * colour up. Categories: the most frequent values get distinct colours, the
 * rest grey. Numbers: viridis from the column's finite minimum to its maximum.
 */
import { colormap } from '../tensor/colormap.js';
import { MISSING_CODE, isCategoryColumn, mapNumbers, MISSING_LABEL, OTHER_LABEL, type CategoryColumn, type DiveColumn, type NumberColumn } from './columns.js';

/** Ten strong colours, then ten lighter ones (Tableau's 10 and 20 palettes). */
export const CATEGORY_COLORS = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#17becf',
  '#a0cbe8', '#ffbe7d', '#ff9d9a', '#86bcb6', '#8cd17d', '#f1ce63', '#d4a6c8', '#fabfd2', '#d7b5a6', '#9edae5',
];
export const DEFAULT_COLOR = CATEGORY_COLORS[0];
export const OTHER_COLOR = '#a8a8a8';
export const MISSING_COLOR = '#6f6f6f';
/** Palette slots: categories and ramp steps below RAMP_STEPS; the two greys at the top. */
export const OTHER_INDEX = 254;
export const MISSING_INDEX = 255;
export const RAMP_STEPS = 254;

export interface LegendEntry { label: string; color: string; count: number }

export type Legend =
  | { kind: 'none'; color: string }
  | { kind: 'category'; feature: string; entries: LegendEntry[] }
  | { kind: 'ramp'; feature: string; min: number; max: number; temporal: boolean; stops: string[]; extra: LegendEntry[] };

export interface Coloring {
  /** Palette index of each row. */
  index: Uint8Array;
  /** 256 RGBA entries. */
  palette: Uint8Array;
  legend: Legend;
}

export const MAX_COLORS = CATEGORY_COLORS.length;

function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

const toHex = (r: number, g: number, b: number) => `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;

function basePalette(): Uint8Array {
  const p = new Uint8Array(256 * 4);
  const set = (i: number, hex: string) => { p.set([...hexToRgb(hex), 255], i * 4); };
  for (let i = 0; i < 256; i++) set(i, DEFAULT_COLOR);
  set(OTHER_INDEX, OTHER_COLOR);
  set(MISSING_INDEX, MISSING_COLOR);
  return p;
}

export function colorsOf(col: DiveColumn | null, n: number, values = 10): Coloring {
  if (!col) return { index: new Uint8Array(n), palette: basePalette(), legend: { kind: 'none', color: DEFAULT_COLOR } };
  return isCategoryColumn(col) ? categoryColors(col, values) : rampColors(col as NumberColumn);
}

function categoryColors(col: CategoryColumn, wanted: number): Coloring {
  const { info, data } = col;
  const k = Math.min(MAX_COLORS, Math.max(1, Math.floor(wanted) || 1), info.values.length);
  const palette = basePalette();
  const entries: LegendEntry[] = [];
  for (let i = 0; i < k; i++) {
    palette.set([...hexToRgb(CATEGORY_COLORS[i]), 255], i * 4);
    entries.push({ label: info.values[i], color: CATEGORY_COLORS[i], count: info.counts[i] });
  }
  const other = info.other + info.counts.slice(k).reduce((s, c) => s + c, 0);
  if (other) entries.push({ label: OTHER_LABEL, color: OTHER_COLOR, count: other });
  if (info.missing) entries.push({ label: MISSING_LABEL, color: MISSING_COLOR, count: info.missing });
  const gap = MISSING_CODE[info.dtype];
  const lut = new Uint8Array(gap + 1).fill(OTHER_INDEX);
  for (let i = 0; i < k; i++) lut[i] = i;
  lut[gap] = MISSING_INDEX;
  const index = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) index[i] = lut[data[i]];
  return { index, palette, legend: { kind: 'category', feature: info.name, entries } };
}

function rampColors(col: NumberColumn): Coloring {
  const { info, data } = col;
  const lut = colormap('viridis');
  const palette = basePalette();
  for (let s = 0; s < RAMP_STEPS; s++) {
    const j = Math.round((s / (RAMP_STEPS - 1)) * 255) * 3;
    palette.set([lut[j], lut[j + 1], lut[j + 2], 255], s * 4);
  }
  const min = info.min ?? 0, max = info.max ?? 0;
  const span = max - min;
  const top = RAMP_STEPS - 1;
  const step = (v: number) => (v !== v ? MISSING_INDEX : v === Infinity ? top : v === -Infinity ? 0
    : span > 0 ? Math.max(0, Math.min(top, Math.round(((v - min) / span) * top))) : top >> 1);
  const index = mapNumbers(col, step, new Uint8Array(data.length));
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => { const j = Math.round(t * 255) * 3; return toHex(lut[j], lut[j + 1], lut[j + 2]); });
  const extra: LegendEntry[] = [];
  if (info.missing) extra.push({ label: MISSING_LABEL, color: MISSING_COLOR, count: info.missing });
  return { index, palette, legend: { kind: 'ramp', feature: info.name, min, max, temporal: Boolean(info.temporal), stops, extra } };
}

/** The CSS colour of a palette slot. */
export function paletteColor(palette: Uint8Array, i: number): string {
  return toHex(palette[i * 4], palette[i * 4 + 1], palette[i * 4 + 2]);
}
