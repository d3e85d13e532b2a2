/**
 * inspect_request (Shift+Tab) and `?name` help: what the name under the cursor
 * is, or inside a call's parentheses the function or class being called (kind,
 * signature, value preview), and its documentation: the JSDoc comment before
 * its declaration in the notebook's cells, else the declaration files of the
 * module it comes from (TypeScript's lib for builtins).
 */
import { inspect as nodeInspect } from 'node:util';
import { callAt, chainAround, codePointsToIndex, evaluateChain, signatureOf, splitChain } from './introspect.js';
import { builtinDoc, moduleDoc, type Doc } from './docs.js';
import { cellSignature, docFor } from './cell-docs.js';
import type { ImportBinding } from './rewrite.js';
import { log } from '../util/log.js';

/** What inspect knows about the notebook beyond live values. */
export interface InspectContext {
  sources: string[];
  imports: Map<string, ImportBinding>;
  cwd: string;
  /** Module objects the notebook can reach (imported namespaces, the `tsml` global, TensorFlow.js) → their specifier. */
  modules?: Map<object, string>;
}

/** Globals that stand for a module, for names whose value is not live yet (`tsml.tf` before TensorFlow.js loads). */
const GLOBAL_MODULES: [string[], string][] = [
  [['tsml', 'tf'], '@tensorflow/tfjs'],
  [['tsml'], 'tsml'],
];

const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export interface InspectResult {
  found: boolean;
  text: string;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') {
    const builtinClass = isBuiltinCtor(value) && /^[A-Z]/.test(value.name) && typeof value.prototype === 'object';
    return builtinClass || /^class[\s{]/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  }
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
  // A member of a module object, however the notebook named it (`const tf = tsml.tf`, `tsml.readCsv`).
  for (let k = parts.length - 1; k >= 1; k--) {
    const holder = evaluateChain(parts.slice(0, k).join('.'));
    const spec = holder.found && holder.value !== null && typeof holder.value === 'object' ? ctx.modules?.get(holder.value) : undefined;
    const d = spec ? moduleDoc(spec, parts.slice(k), ctx.cwd) : undefined;
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
    for (const spec of new Set([...[...ctx.imports.values()].map((b) => b.specifier), ...(ctx.modules?.values() ?? [])])) {
      const d = moduleDoc(spec, [ctor.name, member], ctx.cwd);
      if (d) return d;
    }
  }
  return undefined;
}

function safeCall(lookup: () => Doc | undefined, chain: string): Doc | undefined {
  try {
    return lookup();
  } catch (e) {
    log(`documentation lookup for ${chain} failed: ${(e as Error).message}`);
    return undefined;
  }
}

/** Docs of a chain under a global that stands for a module, found without its value. */
function globalModuleDoc(chain: string, ctx: InspectContext): Doc | undefined {
  const parts = splitChain(chain);
  for (const [prefix, spec] of GLOBAL_MODULES) {
    if (parts.length > prefix.length && prefix.every((p, i) => parts[i] === p)) return moduleDoc(spec, parts.slice(prefix.length), ctx.cwd);
  }
  return undefined;
}

/**
 * Describes a chain such as `Math.floor` or `model.fit`; `detail` 1 adds the
 * source; `constructs` (the cursor is in `new Cls(`) adds the constructor.
 */
export function describe(chain: string, detail: 0 | 1, ctx: InspectContext, constructs = false): InspectResult {
  const { found, value } = evaluateChain(chain);
  const name = splitChain(chain).at(-1)!;
  if (!found) {
    // Declared but not loaded yet, e.g. `tsml.tf.tensor` before the first cell that uses tf.
    const declared = safeCall(() => globalModuleDoc(chain, ctx), chain);
    if (!declared) return { found: false, text: '' };
    return { found: true, text: declarationLines(chain, 'declared (not loaded yet)', declared, constructs).join('\n') };
  }
  const declared = safeCall(() => lookupDoc(chain, ctx), chain);
  const lines = [`${BOLD}Name:${RESET}      ${chain}`, `${BOLD}Kind:${RESET}      ${kind(value)}`];
  if (declared) {
    lines.push(`${BOLD}Declared:${RESET}  ${declared.signature}`);
    if (declared.ctor && (constructs || kind(value) === 'class')) lines.push(`${BOLD}Init:${RESET}      ${declared.ctor.split('\n').join('\n           ')}`);
  } else if (typeof value === 'function') {
    const sig = cellSignature(name, ctx.sources) ?? signatureOf(name, value).replace(/\(\s+/, '(').replace(/\s{2,}/g, ' ');
    lines.push(`${BOLD}Signature:${RESET} ${sig}`);
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

function declarationLines(chain: string, what: string, d: Doc, constructs: boolean): string[] {
  const lines = [`${BOLD}Name:${RESET}      ${chain}`, `${BOLD}Kind:${RESET}      ${what}`, `${BOLD}Declared:${RESET}  ${d.signature}`];
  if (d.ctor && constructs) lines.push(`${BOLD}Init:${RESET}      ${d.ctor.split('\n').join('\n           ')}`);
  if (d.doc) lines.push(`${BOLD}Docstring:${RESET}\n${d.doc}`);
  return lines;
}

/**
 * Inside a call's parentheses, the callee (as IPython's Shift+Tab); elsewhere,
 * or when the callee is unknown, the name under the cursor.
 */
export function inspectAt(code: string, cursorPos: number, detail: 0 | 1, ctx: InspectContext): InspectResult {
  const index = codePointsToIndex(code, cursorPos);
  const call = callAt(code, index);
  if (call) {
    const r = describe(call.chain, detail, ctx, call.constructs);
    if (r.found) return r;
  }
  const { chain } = chainAround(code, index);
  if (!chain) return { found: false, text: '' };
  return describe(chain, detail, ctx);
}
