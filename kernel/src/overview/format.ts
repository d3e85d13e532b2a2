/**
 * Number formatting: SI suffixes (k, M, G…) only above 10,000, as Facets
 * does; below 0.01 a short scientific form (4.2e−3), because an SI 'm' on a
 * small value ('−3.14m') reads as millions; a few significant digits in
 * between. Counts are never abbreviated below 10^9 (weighted counts are
 * rounded, not written '4.15G'); percentages with one or two decimals.
 */
const BIG = ['', 'k', 'M', 'G', 'T', 'P', 'E'];

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
    const [m, e] = a.toExponential(2).split('e');
    return `${sign}${trim(m)}e${e.replace('-', '−')}`;
  }
  return sign + (Number.isInteger(x) ? String(a) : trim(a.toFixed(a >= 100 ? 1 : 2)));
}

/** A count (weighted counts too): every digit, with separators, below 10^9; small weighted counts keep one decimal. */
export function formatCount(x: number): string {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e9) return formatNumber(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  return Math.abs(x) < 100 ? trim(x.toFixed(1)) : Math.round(x).toLocaleString('en-US');
}

export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  const p = ratio * 100;
  if (p === 0) return '0%';
  if (p < 0.1) return '<0.1%';
  return `${p.toFixed(p < 10 ? 2 : 1).replace(/\.?0+$/, '')}%`;
}
