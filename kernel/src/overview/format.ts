/**
 * Number formatting as Facets reads: SI suffixes above 10,000 and below 0.01,
 * a few significant digits otherwise, and percentages with one decimal.
 */
const BIG = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
const SMALL = ['', 'm', 'µ', 'n', 'p', 'f'];

function trim(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  const a = Math.abs(x);
  const sign = x < 0 ? '−' : '';
  if (a === 0) return '0';
  if (a >= 10_000) {
    const k = Math.min(BIG.length - 1, Math.floor(Math.log10(a) / 3));
    return sign + trim((a / 1000 ** k).toPrecision(3)) + BIG[k];
  }
  if (a < 0.01) {
    const k = Math.min(SMALL.length - 1, Math.ceil(-Math.log10(a) / 3));
    return sign + trim((a * 1000 ** k).toPrecision(3)) + SMALL[k];
  }
  return sign + (Number.isInteger(x) ? String(a) : trim(a.toFixed(a >= 100 ? 1 : 2)));
}

/** A count: exact below 10,000 (with separators), SI above, as Facets shows row counts. */
export function formatCount(x: number): string {
  return Math.abs(x) < 10_000 && Number.isInteger(x) ? x.toLocaleString('en-US') : formatNumber(x);
}

export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  const p = ratio * 100;
  if (p === 0) return '0%';
  if (p < 0.1) return '<0.1%';
  return `${p.toFixed(p < 10 ? 2 : 1).replace(/\.?0+$/, '')}%`;
}
