/**
 * Cell source → runnable script. Types are stripped by sucrase (no type-check on
 * the execute path: it keeps lines where they are and costs ~0.05 ms per cell),
 * then the REPL rewrite runs over the resulting JavaScript.
 *
 * Loading sucrase costs ~50 ms of CPU, a third of the kernel's start-up, so it
 * loads with the first cell that needs it. A cell that parses as JavaScript
 * and has no `<` needs none: every other piece of TypeScript syntax (`x: T`,
 * `as`, `!`, `enum`, `interface X`, modifiers, overloads) is a syntax error in
 * JavaScript, and only type arguments (`f<T>(x)`) parse as something else.
 */
import { createRequire } from 'node:module';
import { parseScript, rewriteCell, type ImportBinding } from './rewrite.js';

const require = createRequire(import.meta.url);
let sucrase: typeof import('sucrase') | undefined;

/** Loads the type stripper now (the kernel does this once it is idle). */
export function loadTypeStripper(): void {
  sucrase ??= require('sucrase') as typeof import('sucrase');
}

export type Language = 'typescript' | 'javascript';

export class CellSyntaxError extends Error {
  override name = 'SyntaxError';
  constructor(
    readonly reason: string,
    /** 1-based line and 0-based column in the cell. */
    readonly line: number,
    readonly column: number,
    /** Offset in the parsed text, for telling "incomplete" from "invalid". */
    readonly pos: number,
    /** True when the error is at the very end of the input. */
    readonly atEnd: boolean,
  ) {
    super(`${reason} (${line}:${column + 1})`);
  }
}

function lineCol(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - (before.lastIndexOf('\n') + 1) };
}

function endOfContent(text: string): number {
  return text.replace(/(\s|\/\/[^\n]*$)+$/u, '').length;
}

function syntaxError(text: string, pos: number, message: string): CellSyntaxError {
  const reason = message.replace(/\s*\(\d+:\d+\)\s*$/, '');
  const { line, column } = lineCol(text, Math.min(pos, text.length));
  return new CellSyntaxError(reason, line, column, pos, pos >= endOfContent(text));
}

/** Strips TypeScript syntax; lines are preserved. */
export function stripTypes(code: string, language: Language = 'typescript'): string {
  if (language === 'javascript') return code;
  loadTypeStripper();
  try {
    return sucrase!.transform(code, {
      transforms: ['typescript'],
      disableESTransforms: true,
      keepUnusedImports: true,
      preserveDynamicImport: true,
    }).code;
  } catch (e) {
    const err = e as Error & { pos?: number };
    throw syntaxError(code, err.pos ?? code.length, err.message);
  }
}

export interface Compiled {
  script: string;
  declared: string[];
  imports: ImportBinding[];
}

/** The cell parsed as it is, when that means what TypeScript means (see above); undefined otherwise. */
function parsePlain(code: string, language: Language): ReturnType<typeof parseScript> | undefined {
  if (language === 'typescript' && code.includes('<')) return undefined;
  try {
    return parseScript(code);
  } catch {
    return undefined;
  }
}

export function compileCell(code: string, language: Language = 'typescript'): Compiled {
  let js = code;
  let program = parsePlain(code, language);
  if (!program) {
    js = stripTypes(code, language);
    try {
      program = parseScript(js);
    } catch (e) {
      const err = e as Error & { pos?: number };
      throw syntaxError(js, err.pos ?? js.length, err.message);
    }
  }
  const { code: script, declared, imports } = rewriteCell(js, program);
  return { script, declared, imports };
}

/** Jupyter's is_complete: 'incomplete' when the only error is running out of input. */
export function completeness(code: string, language: Language = 'typescript'): { status: 'complete' | 'incomplete' | 'invalid'; indent?: string } {
  if (!code.trim()) return { status: 'complete' };
  try {
    compileCell(code, language);
    return { status: 'complete' };
  } catch (e) {
    if (!(e instanceof CellSyntaxError)) return { status: 'invalid' };
    if (!e.atEnd) return { status: 'invalid' };
    return { status: 'incomplete', indent: nextIndent(code) };
  }
}

function nextIndent(code: string): string {
  const lines = code.split('\n');
  const last = lines[lines.length - 1];
  const current = /^\s*/.exec(last)![0];
  return /[{([]\s*$/.test(last) ? current + '  ' : current;
}
