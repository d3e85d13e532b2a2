/** Shared pieces of the stats tests: seeded data, tables from column specs, and the real Facets oracle. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { expect } from 'vitest';

export const PY = join(process.cwd(), '.venv', 'bin', 'python');
const ORACLE = join(__dirname, 'facets_oracle.py');

export type Dtype = 'float64' | 'int64' | 'object' | 'bool';
export interface ColumnSpec {
  dtype: Dtype;
  /** null is missing; in float64 columns 'NaN', 'Infinity', '-Infinity' are those numbers. */
  values: unknown[];
}
export interface DatasetSpec {
  name: string;
  columns: Record<string, ColumnSpec>;
}

const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** The same data as arquero sees it: float64 → Float64Array (null → NaN), others → plain arrays. */
export function tableOf(spec: DatasetSpec): ColumnTable {
  const cols: Record<string, unknown> = {};
  for (const [name, c] of Object.entries(spec.columns)) {
    cols[name] = c.dtype === 'float64' ? Float64Array.from(c.values, (v) => (v === null ? NaN : typeof v === 'string' ? SPECIAL[v] : (v as number))) : c.values;
  }
  return aq.table(cols as never);
}

/** Parses `ours` with the real proto (json_format.Parse) and, given datasets, runs Facets' generator on them. */
export function oracle(ours: unknown, datasets?: DatasetSpec[]): { ours?: any; facets?: any; facetsJson?: string; facetsSnakeJson?: string; parseError?: string } {
  const out = execFileSync(PY, [ORACLE], { input: JSON.stringify({ ours: JSON.stringify(ours), datasets }), encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(out);
}

/** xorshift32: the same numbers on every run. */
export function rng(seed = 42): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const num = (v: unknown): number => (v === undefined || v === null ? 0 : typeof v === 'number' ? v : Number(v));

/** Equal within `rel` relative (NaN equals NaN, infinities must match exactly). */
export function expectClose(actual: unknown, expected: unknown, rel = 1e-9, what = ''): void {
  const a = num(actual);
  const e = num(expected);
  if (Number.isNaN(e) || !Number.isFinite(e)) {
    expect(Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)), `${what}: ${a} vs ${e}`).toBe(true);
    return;
  }
  const tol = rel * Math.max(Math.abs(a), Math.abs(e), 1e-300);
  expect(Math.abs(a - e), `${what}: ${a} vs ${e}`).toBeLessThanOrEqual(tol);
}
