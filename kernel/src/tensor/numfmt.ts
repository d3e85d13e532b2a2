/**
 * numpy-style number formatting for tensor previews: one format for all shown
 * values (fixed or scientific, chosen from their range), trailing zeros
 * trimmed, decimal points aligned, so columns of a matrix line up.
 */
import type { Cell } from './preview.js';

/** Significant decimals; PyTorch's default, shorter than numpy's 8 and enough to read a matrix. */
export const PRECISION = 4;

function special(v: number): string | undefined {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return undefined;
}

function trimZeros(s: string): string {
  // "1.5000" → "1.5", "2.0000" → "2." (numpy keeps the point so floats read as floats)
  return s.includes('.') ? s.replace(/0+$/, '') : s;
}

function scientific(v: number, p: number, trim = true): string {
  const [m, e] = v.toExponential(p).split('e');
  const exp = e.startsWith('-') ? '-' + e.slice(1).padStart(2, '0') : '+' + e.replace('+', '').padStart(2, '0');
  const mant = trim ? trimZeros(m) : m.includes('.') ? m : m + '.';
  return `${mant}e${exp}`;
}

/** Formats floats so they share a layout; returns strings of equal width. */
export function formatFloats(values: readonly number[], precision = PRECISION): string[] {
  let maxAbs = 0;
  let minAbs = Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const a = Math.abs(v);
    if (a > maxAbs) maxAbs = a;
    if (a > 0 && a < minAbs) minAbs = a;
  }
  const sci = maxAbs >= 1e8 || (minAbs !== Infinity && (minAbs < 1e-4 || maxAbs / minAbs > 1e3));
  let out: (string | undefined)[];
  if (sci) {
    // Scientific: every mantissa gets the digits the most precise one needs, zero-padded (numpy's layout).
    const digits = Math.max(
      0,
      ...values.map((v) => {
        if (!Number.isFinite(v)) return 0;
        const m = trimZeros(v.toExponential(precision).split('e')[0]);
        return m.includes('.') ? m.length - m.indexOf('.') - 1 : 0;
      }),
    );
    out = values.map((v) => (special(v) ? undefined : scientific(v, digits, false)));
  } else {
    // Fixed: trailing zeros trimmed, decimal points aligned — integer part padded left, fraction right.
    const raw = values.map((v) => (special(v) ? undefined : trimZeros(v.toFixed(precision))));
    const parts = raw.map((s) => (s === undefined ? undefined : s.includes('.') ? [s.slice(0, s.indexOf('.')), s.slice(s.indexOf('.'))] : [s, '']));
    const intW = Math.max(0, ...parts.map((p) => p?.[0].length ?? 0));
    const fracW = Math.max(0, ...parts.map((p) => p?.[1].length ?? 0));
    out = parts.map((p) => p && p[0].padStart(intW) + p[1].padEnd(fracW));
  }
  const w = Math.max(0, ...out.map((s, i) => (s ?? special(values[i])!).length));
  return out.map((s, i) => (s ?? special(values[i])!).padStart(w));
}

function quote(s: string): string {
  const short = s.length > 40 ? s.slice(0, 39) + '…' : s;
  return `'${short.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** Formats every shown cell of a tensor of `dtype` so they align; `pad` false leaves them unpadded (HTML). */
export function formatCells(cells: readonly Cell[], dtype: string, pad = true): string[] {
  let out: string[];
  if (dtype === 'float32') out = formatFloats(cells as number[]);
  else if (dtype === 'complex64') {
    const pairs = cells as [number, number][];
    const re = formatFloats(pairs.map((p) => p[0]));
    const im = formatFloats(pairs.map((p) => Math.abs(p[1])));
    out = pairs.map((p, i) => `${re[i]}${p[1] < 0 || Object.is(p[1], -0) ? '-' : '+'}${im[i].trim()}j`);
  } else if (dtype === 'string') return (cells as string[]).map(quote); // numpy does not pad strings
  else out = cells.map((c) => String(c));
  if (!pad) return out.map((s) => s.trim());
  const w = Math.max(0, ...out.map((s) => s.length));
  return out.map((s) => s.padStart(w));
}
