/** missingno's heatmap cell text (pure: the panels draw it in the browser too). */

/**
 * The annotation missingno writes in a heatmap cell: seaborn's '.2g' text of r,
 * then '<1' / '>-1' near ±1, blank when |r| < 0.05, else rounded to 0.1.
 */
export function nullityLabel(r: number): string {
  const t = Number(r.toPrecision(2));
  if (t >= 0.95 && t < 1) return '<1';
  if (t > -1 && t <= -0.95) return '>-1';
  if (t === 1) return '1';
  if (t === -1) return '-1';
  if (t > -0.05 && t < 0.05) return '';
  // Python's round(t, 1): half to even on the exact value; with two significant digits only ±0.25 and ±0.75 are exact ties.
  const a = Math.abs(t);
  const rounded = a === 0.25 ? 0.2 : a === 0.75 ? 0.8 : Number(a.toFixed(1));
  return String(t < 0 ? -rounded : rounded);
}
