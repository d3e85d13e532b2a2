/**
 * complete_request: members of live values (`df.col|`), identifiers in scope
 * (cell declarations, globals, keywords, names in the cell being typed),
 * export names of a module in `import { … } from 'x'`, and module names after
 * `from '`.
 */
import { builtinModules } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chainEndingAt,
  codePointsToIndex,
  evaluateChain,
  indexToCodePoints,
  members,
  type MemberKind,
} from './introspect.js';

export interface CompleteReply {
  status: 'ok';
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  metadata: { _jupyter_types_experimental: { text: string; type: string; start: number; end: number }[] };
}

const KEYWORDS = (
  'await break case catch class const continue debugger default delete do else enum export extends false ' +
  'finally for function if import in instanceof let new null return super switch this throw true try typeof ' +
  'var void while with yield async of satisfies interface type as keyof readonly declare abstract implements'
).split(' ');

const HIDDEN = /^__tsml/;

export interface CompleteContext {
  /** Resolves and loads a module by specifier (the same path `import` takes). */
  loadModule(specifier: string): Promise<Record<string, unknown>>;
  /** Directory whose node_modules are offered after `from '`. */
  cwd: string;
}

function rank(names: Map<string, string>, prefix: string): [string, string][] {
  const lower = prefix.toLowerCase();
  return [...names]
    .filter(([n]) => n.startsWith(prefix) || (prefix.length > 0 && n.toLowerCase().startsWith(lower)))
    .filter(([n]) => !HIDDEN.test(n) && (prefix.startsWith('_') || !n.startsWith('__')))
    .sort(([a], [b]) => Number(!a.startsWith(prefix)) - Number(!b.startsWith(prefix)) || a.localeCompare(b));
}

function identifiers(code: string, current: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const k of KEYWORDS) names.set(k, 'keyword');
  for (const m of code.matchAll(/[A-Za-z_$][\w$]*/g)) if (m[0] !== current) names.set(m[0], 'variable');
  for (const [n, kind] of members(globalThis)) names.set(n, kind === 'property' ? 'variable' : kind);
  return names;
}

function packageNames(cwd: string): string[] {
  const out = new Set(builtinModules.filter((m) => !m.startsWith('_')).map((m) => `node:${m}`));
  for (let dir = cwd; ; ) {
    const nm = join(dir, 'node_modules');
    if (existsSync(nm)) {
      for (const e of readdirSync(nm)) {
        if (e.startsWith('.')) continue;
        if (e.startsWith('@')) for (const s of readdirSync(join(nm, e))) out.add(`${e}/${s}`);
        else out.add(e);
      }
    }
    const parent = join(dir, '..');
    if (parent === dir) break;
    dir = parent;
  }
  return [...out];
}

function reply(code: string, startIndex: number, endIndex: number, ranked: [string, string][]): CompleteReply {
  const start = indexToCodePoints(code, startIndex);
  const end = indexToCodePoints(code, endIndex);
  return {
    status: 'ok',
    matches: ranked.map(([n]) => n),
    cursor_start: start,
    cursor_end: end,
    metadata: { _jupyter_types_experimental: ranked.map(([text, type]) => ({ text, type, start, end })) },
  };
}

export async function complete(code: string, cursorPos: number, ctx: CompleteContext): Promise<CompleteReply> {
  const pos = codePointsToIndex(code, cursorPos);
  const before = code.slice(0, pos);
  const after = code.slice(pos);

  const spec = /(?:from\s*|import\s*\(\s*|import\s+)(['"])([^'"]*)$/.exec(before);
  if (spec) {
    const typed = spec[2];
    const names = new Map(packageNames(ctx.cwd).map((n) => [n, 'module']));
    return reply(code, pos - typed.length, pos, rank(names, typed));
  }

  const named = /import\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{[^}]*?([\w$]*)$/.exec(before);
  const fromAfter = /^[^}]*\}\s*from\s*(['"])([^'"]+)\1/.exec(after);
  if (named && fromAfter) {
    try {
      const ns = await ctx.loadModule(fromAfter[2]);
      const names = new Map(Object.keys(ns).filter((k) => k !== 'default').map((k) => [k, typeof ns[k] === 'function' ? 'function' : 'variable']));
      return reply(code, pos - named[1].length, pos, rank(names, named[1]));
    } catch {
      return reply(code, pos, pos, []);
    }
  }

  const member = /((?:[A-Za-z_$][\w$]*)(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*)\s*\??\.\s*([\w$]*)$/.exec(before);
  if (member) {
    const { found, value } = evaluateChain(member[1]);
    const prefix = member[2];
    if (!found) return reply(code, pos - prefix.length, pos, []);
    const names = new Map<string, MemberKind>(members(value));
    return reply(code, pos - prefix.length, pos, rank(names, prefix));
  }

  const word = chainEndingAt(before, pos);
  const prefix = /[\w$]*$/.exec(word)?.[0] ?? '';
  if (!prefix) return reply(code, pos, pos, []);
  return reply(code, pos - prefix.length, pos, rank(identifiers(code, prefix), prefix));
}
