/**
 * `display.outliers(table, opts)`: fences and counts per numeric column, and
 * Isolation Forest and kNN scores over the numeric columns together, as the
 * outliers panel's payload with its static fallbacks. The returned view
 * follows the panel: thresholds dragged there come back over the channel, and
 * `view.rows()` lists the rows flagged at the current setting.
 */
import type { ColumnTable } from 'arquero';
import { tsmlBundle, TsmlMime, type FlaggedRow, type OutliersPayload, type ScorePayload, type TsmlBundle } from '../mime/index.js';
import { fences, K_GRID, type ColumnFences, type FenceScratch } from '../stats/fences.js';
import { isolationForestScores } from '../stats/isolation-forest.js';
import { sharedFloat64 } from '../stats/isolation-forest-threads.js';
import { cellCounts, valuesAtRanks } from '../stats/bin-select.js';
import { linearFrom, linearRanks } from '../stats/order-statistics.js';
import { knnScores } from '../stats/knn.js';
import { rowNumbers, valueKind } from '../stats/access.js';
import { outliersHtml, outliersText, type OutlierSetting } from '../outliers/index.js';
import { asTable } from './tables.js';
import { PanelSession, type PanelOptions } from './panel-session.js';
import { NO_OUTPUT } from './format.js';

export interface OutliersOptions extends PanelOptions {
  /** Numeric columns to look at (default: all numeric columns). */
  columns?: string[];
  /** Tukey's k (default 1.5), |z| threshold (3), modified-z threshold (3.5). */
  k?: number;
  z?: number;
  modifiedZ?: number;
  /** Share of rows the default score thresholds flag (default 0.1, PyOD's contamination). */
  contamination?: number;
  /** Isolation Forest: trees (100), rows per tree (256), seed (0). */
  trees?: number;
  sampleSize?: number;
  seed?: number;
  /** kNN neighbours (default 5) and the most rows it scores (default 50,000; kNN is left out above). */
  neighbors?: number;
  knnMaxRows?: number;
  /** An open Dive of the same table (what display.dive returned): the panel's "Highlight in Dive" marks the flagged rows there. */
  dive?: { highlight(rows: ArrayLike<number> | null): void };
}

const TOP = 1000;
const CANDIDATES = 2000;

function scorePayload(detector: 'iforest' | 'knn', label: string, s: Float64Array, contamination: number): ScorePayload {
  const n = s.length;
  const range = new Float64Array(2);
  const bins = 60;
  const counts = scoreHistogram(s, bins, range);
  const [lo, hi] = range;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo || 1) * i) / bins);
  // PyOD: threshold_ = np.percentile(decision_scores_, 100 * (1 - contamination)); and the TOP-th largest score, both by rank.
  const ranks = linearRanks(n, [1 - contamination]);
  const cut = Math.max(0, n - TOP);
  const at = valuesAtRanks(s, lo, hi - lo, cellCounts(s, lo, hi - lo, 1 << 14), [...ranks, cut]);
  const top = topRows(s, at.get(cut)!, Math.min(TOP, n));
  return {
    detector, label, rows: n, hist: { edges, counts },
    top: { rows: top, scores: top.map((i) => s[i]) },
    threshold: linearFrom(n, 1 - contamination, at),
    contamination,
  };
}

/** Counts of scores in `bins` equal bins from their min to their max (written into `range`). */
function scoreHistogram(s: Float64Array, bins: number, range: Float64Array): number[] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < s.length; i++) {
    if (s[i] < lo) lo = s[i];
    if (s[i] > hi) hi = s[i];
  }
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < s.length; i++) counts[Math.min(bins - 1, Math.floor(((s[i] - lo) / (hi - lo || 1)) * bins))]++;
  range[0] = lo;
  range[1] = hi;
  return counts;
}

/** The `count` rows with the largest scores (all above `cut`, the count-th largest, then ties with it in row order), by score then row. */
function topRows(s: Float64Array, cut: number, count: number): number[] {
  const above: number[] = [], ties: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] > cut) above.push(i);
    else if (s[i] === cut && ties.length < count) ties.push(i);
  }
  return [...above, ...ties.slice(0, count - above.length)].sort((a, b) => s[b] - s[a] || a - b);
}

/**
 * The numeric columns as one row-major matrix in shared memory (the scoring
 * threads read it without a copy), standardised with each column's fences
 * statistics, missing and ±Infinity replaced by the column median.
 */
function featureMatrix(cols: Float64Array[], fs: ColumnFences[], rows: number): Float64Array {
  const x = sharedFloat64(rows * cols.length);
  fillFeatures(cols, Float64Array.from(fs, (f) => f.median), Float64Array.from(fs, (f) => f.mean), Float64Array.from(fs, (f) => f.std || 1), x);
  return x;
}

/** Row by row, so the matrix is written in order (column by column, each write would touch its own cache line). */
function fillFeatures(cols: Float64Array[], median: Float64Array, mean: Float64Array, sd: Float64Array, x: Float64Array): void {
  const d = cols.length;
  for (let i = 0, at = 0; i < x.length / d; i++) {
    for (let j = 0; j < d; j++, at++) {
      const v = cols[j][i];
      x[at] = ((v - v === 0 ? v : median[j]) - mean[j]) / sd[j];
    }
  }
}

interface Computed {
  payload: OutliersPayload;
  values: Float64Array[];
  fences: ColumnFences[];
  scores: Partial<Record<'iforest' | 'knn', Float64Array>>;
}

export function outliersCompute(table: ColumnTable, opts: OutliersOptions = {}): Computed {
  const { k = 1.5, z = 3, modifiedZ = 3.5, contamination = 0.1, trees = 100, sampleSize = 256, seed = 0, neighbors = 5, knnMaxRows = 50_000 } = opts;
  if (!(contamination > 0 && contamination < 0.5)) throw new RangeError(`display.outliers: contamination is a share in (0, 0.5), got ${contamination}`);
  const names = opts.columns ?? table.columnNames().filter((c) => valueKind(table, c) === 'number');
  for (const c of names) if (!table.columnNames().includes(c)) throw new Error(`display.outliers: unknown column '${c}'; the table has: ${table.columnNames().join(', ')}`);
  for (const c of names) {
    if (valueKind(table, c) === 'text') {
      throw new TypeError(`display.outliers: column '${c}' holds text; outliers are found in numeric columns. Leave it out of columns, or encode it first (e.g. tsml.getDummies)`);
    }
  }
  const rows = table.numRows();
  const values = names.map((c) => rowNumbers(table, c));
  const scratch: FenceScratch = { finite: new Float64Array(rows), deviations: new Float64Array(rows) };
  const fs = values.map((v) => fences(v, { k, z, modifiedZ, extremes: 100 }, scratch));
  const columns = names.map((name, j) => {
    const { k: _k, zThreshold: _z, modifiedZThreshold: _m, extremes = [], ...rest } = fs[j];
    return { name, ...rest, extremes };
  });
  const notes: string[] = [];
  const scores: Computed['scores'] = {};
  const scorePayloads: ScorePayload[] = [];
  // Columns without a single value carry nothing for the multivariate scores.
  const keep = values.map((_, j) => j).filter((j) => fs[j].count > 0);
  const usable = keep.map((j) => values[j]);
  if (usable.length && rows >= 2) {
    const x = featureMatrix(usable, keep.map((j) => fs[j]), rows);
    scores.iforest = isolationForestScores(x, usable.length, { nTrees: trees, sampleSize, seed });
    scorePayloads.push(scorePayload('iforest', `Isolation Forest: ${trees} trees, ${Math.min(sampleSize, rows)} samples per tree, seed ${seed}`, scores.iforest, contamination));
    if (rows > neighbors && rows <= knnMaxRows) {
      scores.knn = knnScores(x, usable.length, { k: neighbors });
      scorePayloads.push(scorePayload('knn', `kNN distance to the ${neighbors}th nearest row (PyOD KNN defaults)`, scores.knn, contamination));
    } else notes.push(rows > knnMaxRows ? `kNN left out: ${rows.toLocaleString('en-US')} rows is above knnMaxRows (${knnMaxRows.toLocaleString('en-US')}).` : `kNN needs more than ${neighbors} rows.`);
  } else notes.push('No multivariate scores: they need a numeric column with values and at least two rows.');
  const payload: OutliersPayload = {
    name: opts.name ?? 'table', rows, k, z, modifiedZ, kGrid: K_GRID, columns, features: names, scores: scorePayloads, notes,
    candidates: [], candidatesTruncated: false,
  };
  const c = candidates({ payload, values, fences: fs, scores });
  payload.candidates = c.rows;
  payload.candidatesTruncated = c.truncated;
  return { payload, values, fences: fs, scores };
}

/** Rows the panel may list: flagged at k = 1 (the slider's lowest), by z or modified z, or above a default score threshold. */
function candidates(c: Computed): { rows: FlaggedRow[]; truncated: boolean } {
  const all = flagged(c, { k: 1, thresholds: Object.fromEntries(c.payload.scores.map((s) => [s.detector, s.threshold])) });
  const pick = all.slice(0, CANDIDATES);
  return {
    truncated: all.length > CANDIDATES,
    rows: pick.map((row) => ({
      row,
      values: c.values.map((v) => (Number.isNaN(v[row]) ? null : v[row])),
      scores: Object.fromEntries(Object.entries(c.scores).map(([d, s]) => [d, s![row]])),
    })),
  };
}

/** Every row a rule flags at the setting (rows in ascending order), over the whole table. */
export function flagged(c: Computed, set: OutlierSetting): number[] {
  const hit = new Uint8Array(c.payload.rows);
  c.values.forEach((v, j) => {
    const f = c.fences[j];
    const lo = f.q1 - set.k * f.iqr, hi = f.q3 + set.k * f.iqr;
    const madScale = f.mad / 0.6745;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== x) continue;
      if (x < lo || x > hi) hit[i] = 1;
      else if (((f.std > 0 && Math.abs(x - f.mean) > c.payload.z * f.std) || (f.mad > 0 && Math.abs(x - f.median) > c.payload.modifiedZ * madScale))) hit[i] = 1;
    }
  });
  for (const s of c.payload.scores) {
    const t = set.thresholds[s.detector] ?? s.threshold;
    const sc = c.scores[s.detector]!;
    for (let i = 0; i < sc.length; i++) if (sc[i] >= t) hit[i] = 1;
  }
  const out: number[] = [];
  for (let i = 0; i < hit.length; i++) if (hit[i]) out.push(i);
  return out;
}

/** What display.outliers returns: the panel's current setting and the rows it flags. */
export class OutliersView {
  readonly [NO_OUTPUT] = true;
  setting: OutlierSetting;

  constructor(private readonly c: Computed, private readonly session: PanelSession, private dive?: OutliersOptions['dive']) {
    this.setting = { k: c.payload.k, thresholds: Object.fromEntries(c.payload.scores.map((s) => [s.detector, s.threshold])) };
    session.channel.on('setting', (msg) => {
      const k = Number(msg.k);
      if (Number.isFinite(k) && k >= 0) this.setting.k = k;
      const t = (msg.thresholds ?? {}) as Record<string, unknown>;
      for (const d of ['iforest', 'knn'] as const) if (Number.isFinite(Number(t[d]))) this.setting.thresholds[d] = Number(t[d]);
    });
    session.channel.on('highlight-dive', (_msg, _b, view) => {
      const rows = this.highlight();
      view.send({ type: 'highlighted', rows: rows.length });
    });
  }

  /**
   * Marks the flagged rows in a Dive of the same table (the one given here, or as the `dive` option);
   * returns them. Later calls with no argument use the same Dive.
   */
  highlight(dive = this.dive): number[] {
    if (!dive) throw new Error('highlight: no Dive to mark rows in. Pass the Dive of this table: o.highlight(d), where d = display.dive(table), or display.outliers(table, { dive: d })');
    this.dive = dive;
    const rows = this.rows();
    dive.highlight(rows);
    return rows;
  }

  /** Rows (0-based) flagged now: by the IQR fences at the panel's k, by |z| or modified z, or by a score at or above its threshold. */
  rows(): number[] {
    return flagged(this.c, this.setting);
  }

  /** Scores by detector ('iforest', 'knn'), one per row. */
  scores(detector: 'iforest' | 'knn'): Float64Array | undefined {
    return this.c.scores[detector];
  }

  /** The cleaning plan built from the panel (cap/drop steps). */
  get plan() {
    return this.session.plan;
  }

  toString(): string {
    return `OutliersView(k = ${this.setting.k}; ${this.rows().length} rows flagged)`;
  }
}

type OutliersBundle = TsmlBundle<typeof TsmlMime.outliers, OutliersPayload>;

export function outliersFor(input: unknown, opts: OutliersOptions = {}): { bundle: OutliersBundle; view: OutliersView } {
  const table = asTable(input, 'display.outliers');
  const c = outliersCompute(table, opts);
  c.payload.dive = opts.dive !== undefined;
  const session = new PanelSession(table, c.payload.name);
  c.payload.channel = session.channel.id;
  const bundle = tsmlBundle(TsmlMime.outliers, c.payload, { html: outliersHtml(c.payload), text: outliersText(c.payload) });
  return { bundle, view: new OutliersView(c, session, opts.dive) };
}
