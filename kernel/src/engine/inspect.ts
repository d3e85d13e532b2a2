/**
 * inspect_request and `?name` help: what the name under the cursor is (kind,
 * signature, value preview) and its documentation, taken from the JSDoc comment
 * before its declaration in the notebook's cells.
 */
import { inspect as nodeInspect } from 'node:util';
import { chainAround, codePointsToIndex, evaluateChain, signatureOf, splitChain } from './introspect.js';
import { builtinDoc, moduleDoc, type Doc } from './docs.js';
import type { ImportBinding } from './rewrite.js';
import { log } from '../util/log.js';

/** What inspect knows about the notebook beyond live values. */
export interface InspectContext {
  sources: string[];
  imports: Map<string, ImportBinding>;
  cwd: string;
}

const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export interface InspectResult {
  found: boolean;
  text: string;
}

/** JSDoc of `name` from the most recent cell that declares it. */
export function docFor(name: string, sources: string[]): string | undefined {
  const escaped = name.replace(/\$/g, '\\$');
  const decl = new RegExp(
    String.raw`/\*\*((?:(?!\*/)[\s\S])*)\*/\s*(?:export\s+)?(?:async\s+)?(?:function\s*\*?\s*${escaped}\b|class\s+${escaped}\b|(?:const|let|var)\s+${escaped}\b)`,
  );
  for (let i = sources.length - 1; i >= 0; i--) {
    const m = decl.exec(sources[i]);
    if (m) {
      return m[1]
        .split('\n')
        .map((l) => l.replace(/^\s*\*\s?/, '').trimEnd())
        .join('\n')
        .trim();
    }
  }
  return undefined;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return /^class[\s{]/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

function isBuiltinCtor(fn: unknown): fn is Function {
  return typeof fn === 'function' && (globalThis as Record<string, unknown>)[fn.name] === fn && /\[native code\]/.test(Function.prototype.toString.call(fn));
}

/**
 * Declaration docs for a chain: through the import it came from (`tf.tensor`),
 * as a JavaScript builtin (`Math.floor`), or through the class of the object
 * it is a member of (`[1].push`, `model.fit` for a class a package exports).
 */
export function lookupDoc(chain: string, ctx: InspectContext): Doc | undefined {
  const parts = splitChain(chain);
  const binding = ctx.imports.get(parts[0]);
  if (binding) {
    const path = binding.imported === '*' ? parts.slice(1) : [binding.imported, ...parts.slice(1)];
    const d = path.length ? moduleDoc(binding.specifier, path, ctx.cwd) : undefined;
    if (d) return d;
  }
  if (!(parts[0] in globalThis) || isBuiltinCtor((globalThis as any)[parts[0]]) || typeof (globalThis as any)[parts[0]] === 'object') {
    const d = builtinDoc(parts);
    if (d) return d;
  }
  if (parts.length < 2) return undefined;
  const holder = evaluateChain(parts.slice(0, -1).join('.'));
  if (!holder.found || holder.value === null || holder.value === undefined) return undefined;
  const member = parts[parts.length - 1];
  for (let proto = Object.getPrototypeOf(Object(holder.value)); proto; proto = Object.getPrototypeOf(proto)) {
    const ctor = proto.constructor;
    if (typeof ctor !== 'function' || !ctor.name) continue;
    if (isBuiltinCtor(ctor)) {
      const d = builtinDoc([ctor.name, member]);
      if (d) return d;
      continue;
    }
    for (const spec of new Set([...ctx.imports.values()].map((b) => b.specifier))) {
      const d = moduleDoc(spec, [ctor.name, member], ctx.cwd);
      if (d) return d;
    }
  }
  return undefined;
}

function safeLookup(chain: string, ctx: InspectContext): Doc | undefined {
  try {
    return lookupDoc(chain, ctx);
  } catch (e) {
    log(`documentation lookup for ${chain} failed: ${(e as Error).message}`);
    return undefined;
  }
}

/** Describes a chain such as `Math.floor` or `model.fit`; `detail` 1 adds the source. */
export function describe(chain: string, detail: 0 | 1, ctx: InspectContext): InspectResult {
  const { found, value } = evaluateChain(chain);
  if (!found) return { found: false, text: '' };
  const name = splitChain(chain).at(-1)!;
  const lines = [`${BOLD}Name:${RESET}      ${chain}`, `${BOLD}Kind:${RESET}      ${kind(value)}`];
  const declared = safeLookup(chain, ctx);
  if (declared) {
    lines.push(`${BOLD}Declared:${RESET}  ${declared.signature}`);
  } else if (typeof value === 'function') {
    lines.push(`${BOLD}Signature:${RESET} ${signatureOf(name, value)}`);
  }
  if (typeof value !== 'function') {
    const preview = nodeInspect(value, { depth: 1, maxArrayLength: 10, maxStringLength: 200, breakLength: 80 });
    lines.push(`${BOLD}Value:${RESET}     ${preview.length > 800 ? preview.slice(0, 800) + ' …' : preview}`);
  }
  const doc = docFor(name, ctx.sources) ?? declared?.doc;
  if (doc) lines.push(`${BOLD}Docstring:${RESET}\n${doc}`);
  if (detail === 1 && typeof value === 'function') {
    lines.push(`${BOLD}Source:${RESET}\n${Function.prototype.toString.call(value)}`);
  }
  return { found: true, text: lines.join('\n') };
}

export function inspectAt(code: string, cursorPos: number, detail: 0 | 1, ctx: InspectContext): InspectResult {
  const index = codePointsToIndex(code, cursorPos);
  const { chain } = chainAround(code, index);
  if (!chain) return { found: false, text: '' };
  return describe(chain, detail, ctx);
}

/** `?expr`, `expr?` (and `??` for source) in a cell ask for help instead of running code. */
export function helpRequest(code: string): { chain: string; detail: 0 | 1 } | undefined {
  const m = /^\s*(\?{1,2})\s*([A-Za-z_$][\w$.]*)\s*$/.exec(code) ?? /^\s*([A-Za-z_$][\w$.]*)\s*(\?{1,2})\s*$/.exec(code);
  if (!m) return undefined;
  const [q, chain] = m[1].startsWith('?') ? [m[1], m[2]] : [m[2], m[1]];
  return { chain, detail: q.length === 2 ? 1 : 0 };
}
