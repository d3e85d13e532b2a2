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

/** Words that open parentheses without calling anything. */
const NOT_CALLEES = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'typeof', 'await', 'yield', 'in', 'of', 'void', 'delete', 'case', 'throw', 'else', 'do']);

/** Positions of the brackets still open at `index`, skipping strings, template text and comments. */
function openBrackets(code: string, index: number): { char: string; at: number }[] {
  const stack: { char: string; at: number }[] = [];
  let i = 0;
  // Inside template text, `${` opens code again; its `}` returns to the text.
  const inTemplate = () => stack.at(-1)?.char === '`';
  while (i < index) {
    const c = code[i];
    if (inTemplate()) {
      if (c === '\\') {
        i += 2;
      } else if (c === '`') {
        stack.pop();
        i++;
      } else if (c === '$' && code[i + 1] === '{') {
        stack.push({ char: '${', at: i });
        i += 2;
      } else i++;
      continue;
    }
    if (c === '/' && code[i + 1] === '/') {
      const nl = code.indexOf('\n', i);
      i = nl < 0 ? code.length : nl;
    } else if (c === '/' && code[i + 1] === '*') {
      const close = code.indexOf('*/', i + 2);
      i = close < 0 ? code.length : close + 2;
    } else if (c === '"' || c === "'") {
      for (i++; i < index && code[i] !== c && code[i] !== '\n'; i++) if (code[i] === '\\') i++;
      i++;
    } else if (c === '`' || c === '(' || c === '[' || c === '{') {
      stack.push({ char: c, at: i++ });
    } else if (c === ')' || c === ']' || c === '}') {
      stack.pop();
      i++;
    } else i++;
  }
  return stack;
}

/**
 * The function or class being called around the cursor, as IPython's
 * Shift+Tab finds it: in `fit(x, |` or `new Dense({ units: 3|`, the innermost
 * call whose parentheses are still open. Undefined outside any call.
 */
export function callAt(code: string, index: number): { chain: string; constructs: boolean } | undefined {
  const stack = openBrackets(code, index);
  for (let k = stack.length - 1; k >= 0; k--) {
    if (stack[k].char !== '(') continue; // brackets, template text: the call around them counts
    let end = stack[k].at;
    while (end > 0 && /\s/.test(code[end - 1])) end--;
    if (code.slice(end - 2, end) === '?.') end -= 2; // fn?.(
    if (code[end - 1] === '>') end = skipTypeArguments(code, end);
    const chain = chainEndingAt(code, end);
    if (!chain || NOT_CALLEES.has(chain)) continue;
    const constructs = /\bnew\s*$/.test(code.slice(0, end - chain.length));
    return { chain, constructs };
  }
  return undefined;
}

/** `fn<T, U<V>>(`: the index where the type arguments before a call's `(` start. */
function skipTypeArguments(code: string, end: number): number {
  let depth = 0;
  for (let i = end - 1; i >= 0; i--) {
    if (code[i] === '>') depth++;
    else if (code[i] === '<' && --depth === 0) return i;
    else if (/[;(){}]/.test(code[i])) break;
  }
  return end;
}

/** `?expr`, `expr?` (and `??` for source) in a cell ask for help instead of running code. */
export function helpRequest(code: string): { chain: string; detail: 0 | 1 } | undefined {
  const m = /^\s*(\?{1,2})\s*([A-Za-z_$][\w$.]*)\s*$/.exec(code) ?? /^\s*([A-Za-z_$][\w$.]*)\s*(\?{1,2})\s*$/.exec(code);
  if (!m) return undefined;
  const [q, chain] = m[1].startsWith('?') ? [m[1], m[2]] : [m[2], m[1]];
  return { chain, detail: q.length === 2 ? 1 : 0 };
}
