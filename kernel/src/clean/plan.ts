/**
 * A cleaning plan: an ordered list of steps built one call at a time
 * (`tsml.clean.plan().dropColumns(…).impute(…)…`), fitted on the training
 * split only (`fit(train)` learns every statistic from it, each step on the
 * output of the ones before, as a scikit-learn Pipeline does), applied to
 * any split (`apply(test)`), and written out as plain tsml/arquero code
 * (`code()`). Plans are immutable: each call returns a new plan, so a panel
 * or a cell can try a step without losing the plan it came from. A plan
 * renders as its step list.
 */
import type { ColumnTable } from 'arquero';
import { JUPYTER_DISPLAY, type MimeBundle } from '../mime/index.js';
import type { Sentinel } from '../stats/sentinels.js';
import { literal } from './literal.js';
import { applyStep, describeStep, fitStep, resolveStep, stepCode, type ImputeStrategy, type Learned, type OutlierRule, type StepSpec } from './steps.js';
import type { MissingSpec } from './verbs/treat-as-missing.js';

interface Fitted {
  steps: { spec: StepSpec; learned: Learned }[];
  rows: number;
  columns: number;
}

export interface ImputeOptions {
  /** Add `<column>_missing` 0/1 columns (default true: a model still sees what was filled). */
  indicator?: boolean;
  /** Neighbours for 'knn' (default 5). */
  k?: number;
  /** With a single strategy for every column: columns to leave alone (e.g. the target). */
  exclude?: string[];
}

export interface OutlierStepOptions {
  /** 'iqr' (default, Tukey fences), 'z' or 'mad' (modified z). */
  rule?: OutlierRule;
  /** k for IQR (default 1.5), the |z| threshold (default 3) or the modified-z threshold (default 3.5). */
  k?: number;
}

const DEFAULT_K: Record<OutlierRule, number> = { iqr: 1.5, z: 3, mad: 3.5 };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export class Plan {
  private constructor(readonly specs: readonly StepSpec[], private readonly fitted?: Fitted) {}

  static empty(): Plan {
    return new Plan([]);
  }

  private add(s: StepSpec): Plan {
    return new Plan([...this.specs, s]);
  }

  /** Drops the named columns, and with `{ missingAbove: 0.3 }` those with more than 30 % missing on the training split. */
  dropColumns(columns: string[] | { missingAbove: number; columns?: string[] }): Plan {
    if (Array.isArray(columns)) return this.add({ kind: 'dropColumns', columns });
    if (!(columns.missingAbove >= 0 && columns.missingAbove < 1)) throw new RangeError(`missingAbove is a share in [0, 1), got ${columns.missingAbove}`);
    return this.add({ kind: 'dropColumns', columns: columns.columns, missingAbove: columns.missingAbove });
  }

  /** Values that mean "missing" become missing: `{ chol: [0], oldpeak: '<0', thal: ['?'] }`, or the findings of `sentinels()`. */
  treatAsMissing(spec: MissingSpec | Sentinel[]): Plan {
    if (!Array.isArray(spec)) return this.add({ kind: 'treatAsMissing', spec });
    const out: Record<string, (number | string)[] | '<0'> = {};
    for (const s of spec) {
      if (s.kind === 'negative') out[s.column] = '<0';
      else if (out[s.column] !== '<0') ((out[s.column] ??= []) as (number | string)[]).push(s.value);
    }
    return this.add({ kind: 'treatAsMissing', spec: out });
  }

  dropDuplicates(subset?: string[]): Plan {
    return this.add({ kind: 'dropDuplicates', subset });
  }

  dropMissing(columns?: string[]): Plan {
    return this.add({ kind: 'dropMissing', columns });
  }

  /**
   * Fills missing values: `impute({ chol: 'median', fbs: 'mode', ca: { constant: 0 } })`, or one
   * strategy for every column with missing values on the training split: `impute('auto')` (median
   * for numbers, mode otherwise). Strategies: mean, median, mode, constant, ffill, bfill, knn.
   */
  impute(spec: ImputeStrategy | Record<string, ImputeStrategy>, opts: ImputeOptions = {}): Plan {
    const { indicator = true, k = 5, exclude } = opts;
    const single = typeof spec === 'string' || (typeof spec === 'object' && spec !== null && 'constant' in spec && Object.keys(spec).length === 1);
    if (single) return this.add({ kind: 'impute', columns: {}, all: spec as ImputeStrategy, exclude, indicator, k });
    return this.add({ kind: 'impute', columns: spec as Record<string, ImputeStrategy>, indicator, k });
  }

  /** Caps values outside the fences learned on the training split (winsorising). */
  capOutliers(columns: string[], opts: OutlierStepOptions = {}): Plan {
    const rule = opts.rule ?? 'iqr';
    return this.add({ kind: 'capOutliers', columns, rule, k: opts.k ?? DEFAULT_K[rule] });
  }

  /** Drops rows with a value outside the fences learned on the training split (missing values stay). */
  dropOutliers(columns: string[], opts: OutlierStepOptions = {}): Plan {
    const rule = opts.rule ?? 'iqr';
    return this.add({ kind: 'dropOutliers', columns, rule, k: opts.k ?? DEFAULT_K[rule] });
  }

  /** One-hot encodes the columns (default: every non-numeric one) with the training split's categories. */
  oneHot(columns?: string[], opts: { exclude?: string[] } = {}): Plan {
    return this.add({ kind: 'oneHot', columns, exclude: opts.exclude });
  }

  /** Min-max (default) or standard scaling with the training split's statistics (default: every numeric column). */
  scale(columns?: string[], opts: { method?: 'minmax' | 'standard'; exclude?: string[] } = {}): Plan {
    return this.add({ kind: 'scale', columns, exclude: opts.exclude, method: opts.method ?? 'minmax' });
  }

  /** The plan without step `index` (0-based). */
  remove(index: number): Plan {
    if (!(Number.isInteger(index) && index >= 0 && index < this.specs.length)) throw new RangeError(`no step ${index}: the plan has ${this.specs.length} (0 to ${this.specs.length - 1})`);
    return new Plan(this.specs.filter((_, i) => i !== index));
  }

  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  /** What each step does (and, once fitted, what it learned). */
  get steps(): string[] {
    return this.fitted ? this.fitted.steps.map((s) => describeStep(s.spec, s.learned)) : this.specs.map((s) => describeStep(s));
  }

  /** Learns every step's statistics on `train` (each on the output of the steps before it); returns the fitted plan. */
  fit(train: ColumnTable): Plan {
    let t = train;
    const steps: Fitted['steps'] = [];
    for (const [i, raw] of this.specs.entries()) {
      try {
        const spec = resolveStep(raw, t);
        const learned = fitStep(spec, t);
        steps.push({ spec, learned });
        t = applyStep(spec, learned, t);
      } catch (e) {
        throw new Error(`plan step ${i + 1} (${describeStep(raw)}): ${(e as Error).message}`);
      }
    }
    return new Plan(this.specs, { steps, rows: train.numRows(), columns: train.numCols() });
  }

  /** Applies the fitted steps to any split; nothing is learned from `table`. */
  apply(table: ColumnTable): ColumnTable {
    const f = this.requireFitted('apply');
    let t = table;
    for (const [i, s] of f.steps.entries()) {
      try {
        t = applyStep(s.spec, s.learned, t);
      } catch (e) {
        throw new Error(`plan step ${i + 1} (${describeStep(s.spec, s.learned)}): ${(e as Error).message}`);
      }
    }
    return t;
  }

  /**
   * TypeScript that does what `apply` does, with plain tsml/arquero calls and the learned
   * statistics written in: a function `name` (default 'clean'), and with `input`, a line
   * that applies it (`const trainClean = clean(train);`).
   */
  code(opts: { name?: string; input?: string } = {}): string {
    const f = this.requireFitted('code');
    const name = opts.name ?? 'clean';
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new TypeError(`code: name must be an identifier, got ${literal(name)}`);
    const body = f.steps.map((s, i) => `  // ${i + 1}. ${describeStep(s.spec, s.learned)}\n${stepCode(s.spec, s.learned).split('\n').map((l) => '  ' + l).join('\n')}`);
    const lines = [
      `// Cleaning plan fitted on ${f.rows.toLocaleString('en-US')} rows × ${f.columns} columns: every number below was learned from that table only.`,
      `function ${name}(t) {`,
      ...body,
      '  return t;',
      '}',
    ];
    if (opts.input) {
      if (!/^[A-Za-z_$][\w$]*$/.test(opts.input)) throw new TypeError(`code: input must be an identifier, got ${literal(opts.input)}`);
      lines.push(`const ${opts.input}Clean = ${name}(${opts.input});`, `${opts.input}Clean`);
    }
    return lines.join('\n');
  }

  private requireFitted(what: string): Fitted {
    if (!this.fitted) throw new Error(`plan.${what}(): the plan is not fitted yet. Call plan = plan.fit(train) first: it learns medians, fences, categories and scales from the training split only.`);
    return this.fitted;
  }

  toString(): string {
    const head = this.fitted ? `Cleaning plan (${this.specs.length} steps, fitted on ${this.fitted.rows.toLocaleString('en-US')} rows)` : `Cleaning plan (${this.specs.length} steps, not fitted)`;
    return [head, ...this.steps.map((s, i) => `  ${i + 1}. ${s}`)].join('\n');
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    const head = this.fitted ? `fitted on ${this.fitted.rows.toLocaleString('en-US')} rows × ${this.fitted.columns} columns` : 'not fitted: call <code>plan.fit(train)</code>';
    const items = this.steps.map((s) => `<li>${esc(s)}</li>`).join('');
    const code = this.fitted ? `<details><summary>code</summary><pre>${esc(this.code())}</pre></details>` : '';
    return {
      'text/html': `<div class="tsml-plan"><strong>Cleaning plan</strong> (${this.specs.length} step${this.specs.length === 1 ? '' : 's'}, ${head})${items ? `<ol>${items}</ol>` : '<p>no steps yet</p>'}${code}</div>`,
      'text/plain': this.toString(),
    };
  }
}

/** A new, empty cleaning plan. */
export function plan(): Plan {
  return Plan.empty();
}
