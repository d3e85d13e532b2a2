/**
 * Facet buckets: numbers in equal-width bins (one bucket per value when an
 * integer column has no more values than bins), strings by value with the long
 * tail as "(other)"; ±Infinity and missing values get buckets of their own, so
 * no row is dropped or misfiled.
 */
import { formatNumber } from '../overview/format.js';
import {
  isCategoryColumn, mapNumbers, MISSING_CODE, MISSING_LABEL, OTHER_LABEL, type CategoryColumn, type DiveColumn, type NumberColumn,
} from './columns.js';

export interface Buckets {
  /** Bucket of each row. */
  codes: Uint16Array;
  labels: string[];
  counts: Uint32Array;
}

export interface BucketOptions {
  /** Equal-width bins for numbers. */
  bins: number;
  /** Most frequent values kept for categories. */
  values: number;
}

export const MAX_BUCKETS = 100;

/** Everything in one bucket: no facet. */
export function singleBucket(n: number): Buckets {
  return { codes: new Uint16Array(n), labels: [''], counts: Uint32Array.of(n) };
}

export function bucketsOf(col: DiveColumn | null, n: number, opts: BucketOptions): Buckets {
  if (!col) return singleBucket(n);
  return isCategoryColumn(col) ? categoryBuckets(col, opts.values) : numberBuckets(col as NumberColumn, opts.bins);
}

const clampCount = (k: number) => Math.max(1, Math.min(MAX_BUCKETS, Math.floor(k) || 1));

/** Label of a number on an axis or a bucket: dates as dates, numbers as Facets writes them. */
export function formatValue(v: number, temporal = false): string {
  if (temporal && Number.isFinite(v)) {
    const iso = new Date(v).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  }
  return formatNumber(v);
}

export function numberBuckets(col: NumberColumn, binsWanted: number): Buckets {
  const { min, max, integer, negInf, posInf, missing, temporal } = col.info;
  const labels: string[] = [];
  const fmt = (v: number) => formatValue(v, temporal);
  const lowInf = negInf > 0 ? labels.push('−∞') - 1 : -1;
  const first = labels.length;
  let finiteBucket: (v: number) => number = () => first;
  if (min !== null && max !== null) {
    const bins = clampCount(binsWanted);
    if (min === max) {
      labels.push(fmt(min));
    } else if (integer && max - min + 1 <= bins) {
      for (let v = min; v <= max; v++) labels.push(fmt(v));
      finiteBucket = (v) => first + (v - min);
    } else {
      const width = (max - min) / bins;
      for (let b = 0; b < bins; b++) {
        const lo = min + b * width;
        const hi = b === bins - 1 ? max : min + (b + 1) * width;
        labels.push(`[${fmt(lo)}, ${fmt(hi)}${b === bins - 1 ? ']' : ')'}`);
      }
      finiteBucket = (v) => first + Math.min(bins - 1, Math.floor((v - min) / width));
    }
  }
  const highInf = posInf > 0 ? labels.push('+∞') - 1 : -1;
  const none = missing > 0 ? labels.push(MISSING_LABEL) - 1 : -1;
  const codes = mapNumbers(col, (v) => (v !== v ? none : v === Infinity ? highInf : v === -Infinity ? lowInf : finiteBucket(v)), new Uint16Array(col.data.length));
  return { codes, labels, counts: countCodes(codes, labels.length) };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function categoryBuckets(col: CategoryColumn, valuesWanted: number): Buckets {
  const { info, data } = col;
  const keep = Math.min(info.values.length, clampCount(valuesWanted));
  // The most frequent values, shown in natural order (as Facets orders facet labels).
  const kept = Array.from({ length: keep }, (_, i) => i).sort((a, b) => collator.compare(info.values[a], info.values[b]));
  const labels = kept.map((i) => info.values[i]);
  const tail = info.other + info.counts.slice(keep).reduce((s, c) => s + c, 0);
  const other = tail > 0 ? labels.push(OTHER_LABEL) - 1 : -1;
  const none = info.missing > 0 ? labels.push(MISSING_LABEL) - 1 : -1;
  const gap = MISSING_CODE[info.dtype];
  const lut = new Uint16Array(gap + 1).fill(other < 0 ? 0 : other);
  kept.forEach((code, b) => { lut[code] = b; });
  if (none >= 0) lut[gap] = none;
  const codes = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) codes[i] = lut[data[i]];
  return { codes, labels, counts: countCodes(codes, labels.length) };
}

export function countCodes(codes: Uint16Array | Uint8Array, k: number): Uint32Array {
  const counts = new Uint32Array(k);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  return counts;
}
