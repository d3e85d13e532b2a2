/**
 * Payload of `TsmlMime.missing` (display.missing): where values are missing,
 * what probably means missing, duplicate rows, and what imputation would
 * do. Packed row data travels base64 (little-endian typed arrays), never as
 * JSON arrays of rows.
 */
import type { ChannelRef } from './channel.js';

export interface MissingColumn {
  name: string;
  /** 'number', 'text', 'boolean' or 'other'. */
  kind: string;
  missing: number;
  /** For imputation previews: present values binned (numbers: equal-width edges; others: top values). */
  hist: { edges?: number[]; labels?: string[]; counts: number[] };
  /** The fill values mean/median/mode would use (mean/median for numbers only). */
  fill: { mean?: number; median?: number; mode?: unknown };
  /** After forward/backward fill and kNN (k = 5), on the same bins; absent when not computed (kNN above its row limit). */
  after?: { ffill?: number[]; bfill?: number[]; knn?: number[] };
}

export interface MissingSentinel {
  column: string;
  kind: 'zero' | 'negative' | 'code' | 'text';
  value: number | string;
  count: number;
  reason: string;
  /** The first rows holding it (at most 20 here). */
  rows: number[];
}

export interface MissingPayload extends ChannelRef {
  /** Name the generated code uses for the table (display.missing's `name` option). */
  name: string;
  rows: number;
  columns: MissingColumn[];
  /** Columns above this missing share are marked for dropping (default 0.3). */
  threshold: number;
  matrix: {
    /** Rows drawn: every `stride`-th row from 0 (stride 1: all of them). */
    shown: number;
    stride: number;
    /** Per column, base64 of the packed missing bits of the rows drawn (Uint32 LE, bit i % 32 of word i / 32). */
    bits: string[];
    /** base64 of the present-value count of each drawn row (Uint16 LE). */
    present: string;
  };
  /** The least and most complete rows of the whole table (missingno's sparkline marks). */
  completeness: { min: { row: number; present: number }; max: { row: number; present: number } };
  /** Nullity correlation over the columns whose nullity varies; null with fewer than 2 of them. */
  correlation: { columns: string[]; r: number[][] } | null;
  /** Dendrogram of the columns' nullity: leaf order and SciPy's linkage rows [a, b, distance, size]. */
  dendrogram: { order: string[]; merges: [number, number, number, number][] };
  sentinels: MissingSentinel[];
  duplicates: { count: number; rows: number[]; firstOf: number[] };
}
