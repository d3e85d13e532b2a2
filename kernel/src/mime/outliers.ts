/**
 * Payload of `TsmlMime.outliers` (display.outliers): per numeric column the
 * IQR, z and modified-z fences and counts (and the counts and whiskers for
 * every k from 0.5 to 5 in steps of 0.1, so the panel moves k alone), and
 * multivariate scores (Isolation Forest, kNN) as histograms plus the top
 * rows, so a dragged threshold shows its count and contamination at once.
 */
import type { ChannelRef } from './channel.js';

export interface OutlierColumn {
  name: string;
  count: number;
  missing: number;
  infinite: number;
  min: number;
  max: number;
  q1: number;
  median: number;
  q3: number;
  iqr: number;
  lower: number;
  upper: number;
  low: number;
  high: number;
  whiskerLow: number;
  whiskerHigh: number;
  mean: number;
  std: number;
  zCount: number;
  mad: number;
  madCount: number;
  /** Per k of `kGrid`: outliers below/above and the whiskers. */
  grid: { low: number[]; high: number[]; whiskerLow: number[]; whiskerHigh: number[] };
  /** The most extreme values on each side (at most 100 each), for the box plot's dots. */
  extremes: number[];
}

export interface ScorePayload {
  detector: 'iforest' | 'knn';
  /** What was run, e.g. 'Isolation Forest: 100 trees, 256 samples, seed 0'. */
  label: string;
  /** Rows scored (the table's rows). */
  rows: number;
  /** Equal-width histogram of every score. */
  hist: { edges: number[]; counts: number[] };
  /** The highest scores and their rows, descending (at most 1,000). */
  top: { rows: number[]; scores: number[] };
  /** Default threshold: the score above which `contamination` of rows lie (PyOD's threshold_). */
  threshold: number;
  contamination: number;
}

export interface FlaggedRow {
  row: number;
  /** The row's values in `OutliersPayload.features` order (null where missing). */
  values: (number | null)[];
  /** Multivariate scores of the row, by detector. */
  scores: Partial<Record<'iforest' | 'knn', number>>;
}

export interface OutliersPayload extends ChannelRef {
  name: string;
  rows: number;
  /** Tukey's k the panel opens with, and the thresholds used for z and modified z. */
  k: number;
  z: number;
  modifiedZ: number;
  kGrid: number[];
  columns: OutlierColumn[];
  /** The numeric columns (the multivariate detectors' features, standardised, missing → median). */
  features: string[];
  scores: ScorePayload[];
  /** Why a detector was left out (e.g. kNN above its row limit). */
  notes: string[];
  /** Candidate rows (flagged at k = 1 or by any default rule or threshold; at most 2,000): enough to list flagged rows for any setting the panel offers. */
  candidates: FlaggedRow[];
  candidatesTruncated: boolean;
  /** True when a Dive of the table is linked: the panel offers "Highlight in Dive". */
  dive?: boolean;
}
