/**
 * The steps a cleaning plan is made of. Each step learns what it needs from
 * the training table (`fit`), and applies it by calling one public verb —
 * the same call its `code` writes — so the generated code and `plan.apply`
 * cannot disagree.
 */
import type { ColumnTable } from 'arquero';
import { columnOf, isMissing } from '../data/columns.js';
import { assertColumns, DataError } from '../data/errors.js';
import { dropna } from '../data/verbs/dropna.js';
import { fillna, fillValue } from '../data/verbs/fillna.js';
import { minMax, type MinMaxParams } from '../data/verbs/min-max.js';
import { standardize, type StandardParams } from '../data/verbs/standardize.js';
import { fences } from '../stats/fences.js';
import { rowNumbers, valueKind } from '../stats/access.js';
import { literal } from './literal.js';
import { clip, dropOutside, type Bounds } from './verbs/clip.js';
import { dropDuplicates } from './verbs/drop-duplicates.js';
import { knnImpute } from './verbs/knn-impute.js';
import { missingIndicators } from './verbs/missing-indicators.js';
import { oneHot } from './verbs/one-hot.js';
import { treatAsMissing, type MissingSpec } from './verbs/treat-as-missing.js';

export type ImputeStrategy = 'mean' | 'median' | 'mode' | 'ffill' | 'bfill' | 'knn' | 'auto' | { constant: unknown };
export type OutlierRule = 'iqr' | 'z' | 'mad';

export type StepSpec =
  | { kind: 'dropColumns'; columns?: string[]; missingAbove?: number }
  | { kind: 'treatAsMissing'; spec: MissingSpec }
  | { kind: 'dropDuplicates'; subset?: string[] }
  | { kind: 'dropMissing'; columns?: string[] }
  | { kind: 'impute'; columns: Record<string, ImputeStrategy>; all?: ImputeStrategy; exclude?: string[]; indicator: boolean; k: number }
  | { kind: 'capOutliers' | 'dropOutliers'; columns: string[]; rule: OutlierRule; k: number }
  | { kind: 'oneHot'; columns?: string[]; exclude?: string[] }
  | { kind: 'scale'; columns?: string[]; exclude?: string[]; method: 'minmax' | 'standard' };



/** What fitting learned, per step kind. */
export type Learned =
  | { fill: Record<string, unknown>; knn?: { columns: string[]; reference: Record<string, (number | null)[]> } }
  | { bounds: Bounds }
  | { categories: Record<string, unknown[]> }
  | { minmax: Record<string, MinMaxParams> }
  | { standard: Record<string, StandardParams> }
  | Record<string, never>;

const isNumericColumn = (t: ColumnTable, c: string) => valueKind(t, c) === 'number';

/** The strategy 'auto' means: median for numbers, mode for anything else. */
function resolveStrategy(t: ColumnTable, c: string, s: ImputeStrategy): Exclude<ImputeStrategy, 'auto'> {
  return s === 'auto' ? (isNumericColumn(t, c) ? 'median' : 'mode') : s;
}

const KNN_REFERENCE_ROWS = 2000;

/**
 * Settles the columns a step left open, on the training table: columns above
 * a missing share, every non-numeric column for one-hot, every numeric one
 * for scaling (less `exclude`).
 */
export function resolveStep(s: StepSpec, t: ColumnTable): StepSpec {
  const cols = t.columnNames();
  const missingShare = (c: string) => {
    const v = columnOf(t, c);
    let m = 0;
    for (let i = 0; i < v.length; i++) if (isMissing(v[i])) m++;
    return v.length ? m / v.length : 0;
  };
  if (s.kind === 'dropColumns') {
    if (s.columns) assertColumns(cols, s.columns);
    const above = s.missingAbove === undefined ? [] : cols.filter((c) => missingShare(c) > s.missingAbove!);
    return { ...s, columns: [...new Set([...(s.columns ?? []), ...above])] };
  }
  if (s.kind === 'impute' && s.all !== undefined) {
    const gaps = cols.filter((c) => !(c in s.columns) && !s.exclude?.includes(c) && missingShare(c) > 0);
    return { ...s, all: undefined, columns: { ...Object.fromEntries(gaps.map((c) => [c, resolveStrategy(t, c, s.all!)])), ...s.columns } };
  }
  if (s.kind === 'oneHot' || s.kind === 'scale') {
    if (s.columns) return s;
    const numeric = s.kind === 'scale';
    return { ...s, columns: cols.filter((c) => isNumericColumn(t, c) === numeric && !s.exclude?.includes(c)) };
  }
  return s;
}

export function fitStep(s: StepSpec, t: ColumnTable): Learned {
  const cols = t.columnNames();
  switch (s.kind) {
    case 'impute': {
      assertColumns(cols, Object.keys(s.columns));
      const fill: Record<string, unknown> = {};
      const knnCols: string[] = [];
      for (const [c, raw] of Object.entries(s.columns)) {
        const strategy = resolveStrategy(t, c, raw);
        if (strategy === 'knn') knnCols.push(c);
        else if (strategy === 'ffill' || strategy === 'bfill') fill[c] = strategy;
        else if (typeof strategy === 'object') fill[c] = strategy.constant;
        else {
          if (strategy !== 'mode' && !isNumericColumn(t, c)) throw new DataError(`impute: column '${c}' is not numeric, so it has no ${strategy}; use 'mode' or { constant: … }`);
          fill[c] = fillValue(columnOf(t, c), strategy);
        }
      }
      if (!knnCols.length) return { fill };
      // KNNImputer's features: the numeric columns; the reference rows are the training rows (the first 2,000).
      const features = cols.filter((c) => isNumericColumn(t, c));
      const rows = Math.min(t.numRows(), KNN_REFERENCE_ROWS);
      const reference = Object.fromEntries(features.map((c) => [c, Array.from(rowNumbers(t, c).subarray(0, rows), (v) => (v === v ? v : null))]));
      return { fill, knn: { columns: features, reference } };
    }
    case 'capOutliers':
    case 'dropOutliers': {
      assertColumns(cols, s.columns);
      const bounds: Bounds = {};
      for (const c of s.columns) {
        if (!isNumericColumn(t, c)) throw new DataError(`${s.kind}: column '${c}' is not numeric`);
        const f = fences(rowNumbers(t, c), { k: s.k, z: s.k, modifiedZ: s.k });
        bounds[c] = s.rule === 'iqr' ? [f.lower, f.upper] : s.rule === 'z' ? [f.mean - s.k * f.std, f.mean + s.k * f.std] : [f.median - (s.k * f.mad) / 0.6745, f.median + (s.k * f.mad) / 0.6745];
      }
      return { bounds };
    }
    case 'oneHot': {
      assertColumns(cols, s.columns!);
      const categories: Record<string, unknown[]> = {};
      for (const c of s.columns!) {
        const set = new Set<unknown>();
        const v = columnOf(t, c);
        for (let i = 0; i < v.length; i++) if (!isMissing(v[i])) set.add(v[i]);
        categories[c] = [...set].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
      }
      return { categories };
    }
    case 'scale':
      return s.method === 'minmax' ? { minmax: minMax(t, s.columns).params } : { standard: standardize(t, s.columns).params };
    default:
      return {};
  }
}

/** The verb calls of a fitted step, as source over the variable `t`. */
export function stepCode(s: StepSpec, l: Learned): string {
  const L = l as Record<string, any>;
  switch (s.kind) {
    case 'dropColumns':
      return `t = t.select(t.columnNames().filter((c) => !${literal(s.columns ?? [])}.includes(c)));`;
    case 'treatAsMissing':
      return `t = tsml.clean.treatAsMissing(t, ${literal(s.spec)});`;
    case 'dropDuplicates':
      return `t = tsml.clean.dropDuplicates(t${s.subset ? `, ${literal(s.subset)}` : ''});`;
    case 'dropMissing':
      return `t = tsml.dropna(t${s.columns ? `, { subset: ${literal(s.columns)} }` : ''});`;
    case 'impute': {
      const lines: string[] = [];
      if (Object.keys(L.fill).length) lines.push(`t = tsml.fillna(t, ${literal(L.fill)}${s.indicator ? ', { indicator: true }' : ''});`);
      if (L.knn) {
        const knnCols = Object.keys(s.columns).filter((c) => !(c in L.fill));
        if (s.indicator) lines.push(`t = tsml.clean.missingIndicators(t, ${literal(knnCols)});`);
        lines.push(`t = tsml.clean.knnImpute(t, ${literal(knnCols)}, { k: ${s.k}, reference: ${literal(L.knn.reference)} });`);
      }
      return lines.join('\n');
    }
    case 'capOutliers':
      return `t = tsml.clean.clip(t, ${literal(L.bounds)});`;
    case 'dropOutliers':
      return `t = tsml.clean.dropOutside(t, ${literal(L.bounds)});`;
    case 'oneHot':
      return `t = tsml.clean.oneHot(t, ${literal(L.categories)});`;
    case 'scale':
      return s.method === 'minmax'
        ? `t = tsml.minMax(t, ${literal(s.columns)}, { params: ${literal(L.minmax)} }).table;`
        : `t = tsml.standardize(t, ${literal(s.columns)}, { params: ${literal(L.standard)} }).table;`;
  }
}

/** Applies a fitted step: the same verbs, with the same arguments, as `stepCode` writes. */
export function applyStep(s: StepSpec, l: Learned, t: ColumnTable): ColumnTable {
  const L = l as Record<string, any>;
  switch (s.kind) {
    case 'dropColumns':
      return t.select(t.columnNames().filter((c) => !(s.columns ?? []).includes(c)));
    case 'treatAsMissing':
      return treatAsMissing(t, s.spec);
    case 'dropDuplicates':
      return dropDuplicates(t, s.subset);
    case 'dropMissing':
      return dropnaOf(t, s.columns);
    case 'impute': {
      let out = Object.keys(L.fill).length ? fillna(t, L.fill, { indicator: s.indicator }) : t;
      if (L.knn) {
        const knnCols = Object.keys(s.columns).filter((c) => !(c in L.fill));
        if (s.indicator) out = missingIndicators(out, knnCols);
        out = knnImpute(out, knnCols, { k: s.k, reference: L.knn.reference });
      }
      return out;
    }
    case 'capOutliers':
      return clip(t, L.bounds);
    case 'dropOutliers':
      return dropOutside(t, L.bounds);
    case 'oneHot':
      return oneHot(t, L.categories);
    case 'scale':
      return s.method === 'minmax' ? minMax(t, s.columns, { params: L.minmax }).table : standardize(t, s.columns, { params: L.standard }).table;
  }
}

const dropnaOf = (t: ColumnTable, columns?: string[]) => dropna(t, columns ? { subset: columns } : {});

const list = (xs: string[]) => (xs.length > 6 ? `${xs.slice(0, 6).join(', ')} … (${xs.length})` : xs.join(', '));
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(4).replace(/\.?0+$/, ''));

/** One line per step for the step list: what it does, and once fitted, what it learned. */
export function describeStep(s: StepSpec, l?: Learned): string {
  const L = l as Record<string, any> | undefined;
  switch (s.kind) {
    case 'dropColumns':
      return `drop columns ${s.columns?.length ? list(s.columns) : '(none)'}${s.missingAbove !== undefined ? ` (more than ${Math.round(s.missingAbove * 100)} % missing${s.columns ? '' : ', decided on fit'})` : ''}`;
    case 'treatAsMissing':
      return `treat as missing: ${Object.entries(s.spec).map(([c, v]) => `${c} ${v === '<0' ? '< 0' : (v as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`).join('; ')}`;
    case 'dropDuplicates':
      return `drop duplicate rows${s.subset ? ` (by ${list(s.subset)})` : ''}`;
    case 'dropMissing':
      return `drop rows missing ${s.columns ? list(s.columns) : 'any value'}`;
    case 'impute': {
      if (s.all !== undefined) return `impute every column with missing values (${typeof s.all === 'object' ? 'constant' : s.all}${s.all === 'auto' ? ': median for numbers, mode otherwise' : ''})${s.indicator ? ', with _missing indicators' : ''}`;
      const parts = Object.entries(s.columns).map(([c, st]) => {
        const v = L?.fill?.[c];
        const how = typeof st === 'object' ? 'constant' : st;
        return v === undefined || typeof v === 'string' && (v === 'ffill' || v === 'bfill') ? `${c} (${how})` : `${c} ← ${typeof v === 'number' ? num(v) : JSON.stringify(v)} (${how})`;
      });
      return `impute ${parts.join(', ')}${s.indicator ? ', with _missing indicators' : ''}`;
    }
    case 'capOutliers':
    case 'dropOutliers': {
      const rule = s.rule === 'iqr' ? `IQR k = ${s.k}` : s.rule === 'z' ? `|z| > ${s.k}` : `modified z > ${s.k}`;
      const b = L?.bounds ? ': ' + Object.entries(L.bounds as Bounds).map(([c, [lo, hi]]) => `${c} [${num(lo)}, ${num(hi)}]`).join(', ') : '';
      return `${s.kind === 'capOutliers' ? 'cap' : 'drop rows with'} outliers in ${list(s.columns)} (${rule})${b}`;
    }
    case 'oneHot':
      return `one-hot ${s.columns ? list(s.columns) : 'the text columns'}${L?.categories ? ` → ${Object.values(L.categories as Record<string, unknown[]>).reduce((a, c) => a + c.length, 0)} columns` : ''}`;
    case 'scale':
      return `${s.method === 'minmax' ? 'min-max' : 'standard'} scale ${s.columns ? list(s.columns) : 'the numeric columns'}${s.exclude?.length ? ` except ${list(s.exclude)}` : ''}`;
  }
}
