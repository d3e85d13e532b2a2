/**
 * Runtime introspection shared by completion and inspection: the live values of
 * a notebook are the most precise type information there is, and reading them
 * costs microseconds where a language service costs tens of milliseconds.
 * Only plain identifier/property chains are evaluated (no calls), so asking for
 * completions never runs user code other than property getters.
 */

/** Jupyter counts cursor positions in code points; JS strings index UTF-16 units. */
export function codePointsToIndex(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}

export function indexToCodePoints(text: string, index: number): number {
  return [...text.slice(0, index)].length;
}

export const IDENT = /^[A-Za-z_$][\w$]*$/;
const CHAIN_END = /((?:[A-Za-z_$][\w$]*)(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*)$/;

/** The identifier chain ending at `index` (e.g. `a.b.c` for `foo(a.b.c|`), or ''. */
export function chainEndingAt(code: string, index: number): string {
  return CHAIN_END.exec(code.slice(0, index))?.[1] ?? '';
}

/** The chain around the cursor, extended to the end of the identifier under it. */
export function chainAround(code: string, index: number): { chain: string; start: number; end: number } {
  let end = index;
  while (end < code.length && /[\w$]/.test(code[end])) end++;
  const chain = chainEndingAt(code, end);
  return { chain, start: end - chain.length, end };
}

export const splitChain = (chain: string) => chain.split(/\s*\??\.\s*/).filter(Boolean);

export function evaluateChain(chain: string, root: object = globalThis): { found: boolean; value?: unknown } {
  const parts = splitChain(chain);
  if (!parts.length) return { found: false };
  let value: unknown = root;
  for (const p of parts) {
    if (value === null || value === undefined) return { found: false };
    const box = Object(value) as Record<string, unknown>;
    if (!(p in box)) return { found: false };
    try {
      value = box[p];
    } catch {
      return { found: false };
    }
  }
  return { found: true, value };
}

export type MemberKind = 'function' | 'class' | 'property' | 'module' | 'instance' | 'keyword' | 'variable';

function kindOf(holder: object, name: string): MemberKind {
  const d = Object.getOwnPropertyDescriptor(holder, name);
  if (!d || d.get || d.set) return 'property';
  const v = d.value;
  if (typeof v === 'function') return /^class[\s{]/.test(Function.prototype.toString.call(v)) ? 'class' : 'function';
  if (v && typeof v === 'object' && Object.prototype.toString.call(v) === '[object Module]') return 'module';
  return typeof v === 'object' && v !== null ? 'instance' : 'property';
}

/** Property names of a value along its prototype chain, with a kind for each (first holder wins). */
export function members(value: unknown): Map<string, MemberKind> {
  const out = new Map<string, MemberKind>();
  if (value === null || value === undefined) return out;
  for (let o: object | null = Object(value); o; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (!IDENT.test(name) || out.has(name)) continue;
      out.set(name, kindOf(o, name));
    }
  }
  return out;
}

/** A readable signature for a function value, from its source when it has one. */
export function signatureOf(name: string, fn: Function): string {
  const src = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(src)) {
    const args = Array.from({ length: fn.length }, (_, i) => `arg${i}`).join(', ');
    return `${name}(${args})`;
  }
  if (/^class[\s{]/.test(src)) {
    const ctor = /constructor\s*(\([^)]*\))/.exec(src);
    return `class ${name}${ctor ? ctor[1] : '()'}`;
  }
  const params = /^[^(]*?(\([^)]*\))/.exec(src)?.[1] ?? /^(?:async\s+)?([\w$]+)\s*=>/.exec(src)?.[1] ?? '()';
  return `${/^async\b/.test(src) ? 'async ' : ''}${name}${params.startsWith('(') ? params : `(${params})`}`;
}
