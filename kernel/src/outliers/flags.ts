/**
 * Which rules flag a row, for a panel setting (Tukey's k, score thresholds),
 * computed from the payload alone: the live panel re-lists flagged rows as a
 * slider moves, and the static fallback lists them at the defaults.
 */
import type { OutlierColumn, OutliersPayload, ScorePayload } from '../mime/outliers.js';

export interface OutlierSetting {
  k: number;
  /** Score thresholds by detector (default: each detector's own). */
  thresholds: Partial<Record<'iforest' | 'knn', number>>;
}

export const defaultSetting = (p: OutliersPayload): OutlierSetting => ({ k: p.k, thresholds: Object.fromEntries(p.scores.map((s) => [s.detector, s.threshold])) });

/** Index of k in the payload's grid (the nearest grid value). */
export function gridAt(p: OutliersPayload, k: number): number {
  let best = 0;
  p.kGrid.forEach((g, i) => {
    if (Math.abs(g - k) < Math.abs(p.kGrid[best] - k)) best = i;
  });
  return best;
}

/** IQR outliers of a column at k: below, above (from the grid). */
export function iqrCounts(p: OutliersPayload, c: OutlierColumn, k: number): { low: number; high: number; whiskerLow: number; whiskerHigh: number } {
  const i = gridAt(p, k);
  return { low: c.grid.low[i] ?? 0, high: c.grid.high[i] ?? 0, whiskerLow: c.grid.whiskerLow[i] ?? NaN, whiskerHigh: c.grid.whiskerHigh[i] ?? NaN };
}

/** Rows scoring at or above `threshold`, and the share of all rows that is (the contamination it implies). */
export function scoreCount(s: ScorePayload, threshold: number): { count: number; contamination: number; exact: boolean } {
  const top = s.top.scores;
  let count = 0;
  if (top.length && threshold >= top[top.length - 1]) {
    while (count < top.length && top[count] >= threshold) count++;
    return { count, contamination: s.rows ? count / s.rows : 0, exact: true };
  }
  // Below the listed top scores: count whole histogram buckets from the threshold's bucket up.
  const { edges, counts } = s.hist;
  for (let b = 0; b < counts.length; b++) if (edges[b + 1] > threshold) count += counts[b];
  return { count, contamination: s.rows ? count / s.rows : 0, exact: false };
}

const ruleNames = { iqr: 'IQR', z: '|z|', mad: 'modified z' } as const;

/** The rules flagging each candidate row at this setting, most-flagged first. */
export function flaggedAt(p: OutliersPayload, set: OutlierSetting): { row: number; rules: string[]; values: (number | null)[]; scores: Partial<Record<'iforest' | 'knn', number>> }[] {
  const cols = new Map(p.columns.map((c) => [c.name, c]));
  const out = [];
  for (const cand of p.candidates) {
    const rules: string[] = [];
    p.features.forEach((name, j) => {
      const c = cols.get(name);
      const v = cand.values[j];
      if (!c || v === null || Number.isNaN(v)) return;
      const lo = c.q1 - set.k * c.iqr, hi = c.q3 + set.k * c.iqr;
      if (v < lo || v > hi) rules.push(`${name}: ${ruleNames.iqr}`);
      if (c.std > 0 && Math.abs(v - c.mean) > p.z * c.std) rules.push(`${name}: ${ruleNames.z}`);
      if (c.mad > 0 && Math.abs(v - c.median) > (p.modifiedZ * c.mad) / 0.6745) rules.push(`${name}: ${ruleNames.mad}`);
    });
    for (const s of p.scores) {
      const t = set.thresholds[s.detector] ?? s.threshold;
      const score = cand.scores[s.detector];
      if (score !== undefined && score >= t) rules.push(s.detector === 'iforest' ? 'Isolation Forest' : 'kNN');
    }
    if (rules.length) out.push({ row: cand.row, rules, values: cand.values, scores: cand.scores });
  }
  return out.sort((a, b) => b.rules.length - a.rules.length || a.row - b.row);
}
