/**
 * papermill-style parameters: values from `-p name value` (typed as papermill
 * types them), `-r name value` (always a string) and `-f file` (JSON or YAML),
 * injected as TypeScript declarations in a cell tagged `injected-parameters`
 * right after the cell tagged `parameters` (or at the top). tsml cells may
 * declare a name again, so `const lr = 0.01;` there overrides the default. The
 * declarations are the ones tsml's papermill translator writes, so both tools
 * produce the same cell.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { newCell, type Notebook, hasTag } from './notebook.js';
import { nearNames } from '../util/distance.js';

export type Params = Record<string, unknown>;

export class ParameterError extends Error {}

const NUMBER = /^[+-]?(\d+(_\d+)*\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** papermill's `-p` typing (True/False/None and ints/floats), with JavaScript's spellings too. */
export function parseParamValue(text: string): unknown {
  const t = text.trim();
  if (t === 'true' || t === 'True') return true;
  if (t === 'false' || t === 'False') return false;
  if (t === 'null' || t === 'None') return null;
  if (NUMBER.test(t)) return Number(t.replace(/_/g, ''));
  if (/^[+-]?(nan|NaN)$/.test(t)) return NaN;
  if (/^[+-]?(inf|Infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  return text;
}

export function loadParamFile(path: string): Params {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ParameterError(`cannot read parameter file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let v: unknown;
  try {
    // JSON is YAML; parsing .json with JSON.parse keeps its error messages familiar.
    v = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ParameterError(`parameter file ${path} does not parse: ${(e as Error).message}`);
  }
  if (v === null || v === undefined) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new ParameterError(`parameter file ${path} must hold a mapping of names to values`);
  return v as Params;
}

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with let static yield await implements interface package private protected public'.split(' '),
);

export function checkName(name: string): void {
  if (!/^[A-Za-z_$][\w$]*$/.test(name) || RESERVED.has(name)) {
    throw new ParameterError(`parameter name '${name}' is not a valid TypeScript identifier`);
  }
}

/** A value as a TypeScript literal, formatted like the papermill translator does. */
export function tsLiteral(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(tsLiteral).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${tsLiteral(x)}`).join(', ')}}`;
  throw new ParameterError(`cannot write a ${typeof v} as a TypeScript literal`);
}

export function declarations(params: Params): string {
  const lines = Object.entries(params).map(([k, v]) => {
    checkName(k);
    return `const ${k} = ${tsLiteral(v)};`;
  });
  return ['// Parameters', ...lines].join('\n');
}

/**
 * Inserts the injected-parameters cell, replacing one a previous run left.
 * Returns false when the notebook has no `parameters` cell (the cell then goes first, as papermill does).
 */
export function injectParameters(nb: Notebook, params: Params): boolean {
  nb.cells = nb.cells.filter((c) => !hasTag(c, 'injected-parameters'));
  const at = nb.cells.findIndex((c) => hasTag(c, 'parameters'));
  nb.cells.splice(at + 1, 0, newCell(nb, 'code', declarations(params), ['injected-parameters']));
  return at >= 0;
}

/**
 * The names the cell tagged `parameters` declares, read as the kernel reads
 * it (types stripped, top-level declarations); undefined when there is no
 * such cell or it does not parse.
 */
export async function declaredParameters(nb: Notebook): Promise<string[] | undefined> {
  const cell = nb.cells.find((c) => c.cell_type === 'code' && hasTag(c, 'parameters'));
  if (!cell) return undefined;
  const { compileCell } = await import('../engine/compile.js');
  try {
    return compileCell(cell.source).declared;
  } catch {
    return undefined;
  }
}

/** papermill's "Passed unknown parameter" warnings: one per given name the parameters cell does not declare. */
export function unknownParameters(params: Params, declared: string[]): string[] {
  const known = new Set(declared);
  return Object.keys(params)
    .filter((name) => !known.has(name))
    .map((name) => {
      const near = nearNames(name, declared);
      const hint = near.length ? ` Did you mean ${near.map((d) => `'${d}'`).join(' or ')}?` : '';
      const list = declared.length ? `it declares ${declared.join(', ')}` : 'it declares nothing';
      return `passed unknown parameter '${name}': the cell tagged 'parameters' does not declare it (${list}); it was injected anyway.${hint}`;
    });
}
