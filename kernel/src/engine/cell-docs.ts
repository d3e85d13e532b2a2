/**
 * What the notebook's own cells say about a name: the JSDoc comment before
 * its declaration and its signature as written, with TypeScript types (the
 * running code has them stripped). The most recent cell that declares it wins.
 */

/** The index just past the `)` that closes the `(` at `open`, skipping strings; -1 if unclosed. */
function closeParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < code.length && code[i] !== c; i++) if (code[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();

/** `(params)` at `open` plus a return type annotation before `{` or `=>`, if any. */
function paramsAt(code: string, open: number): string | undefined {
  const close = closeParen(code, open);
  if (close < 0) return undefined;
  const ret = /^\s*(:[^{=;]*?)\s*(?:\{|=>)/.exec(code.slice(close))?.[1] ?? '';
  return squash(code.slice(open, close) + ret);
}

/** The signature of `name` as declared in a cell: a function, an arrow function, a class's constructor or a method. */
export function cellSignature(name: string, sources: string[]): string | undefined {
  const n = name.replace(/\$/g, '\\$');
  const patterns: [RegExp, (m: RegExpExecArray, code: string) => string | undefined][] = [
    [new RegExp(String.raw`(?:^|[^\w$.])(?:async\s+)?function\s*\*?\s*${n}\s*(?:<[^>(]*>)?\s*\(`, 'g'), (m, code) => sig(name, paramsAt(code, m.index + m[0].length - 1))],
    [new RegExp(String.raw`(?:^|[^\w$.])(?:const|let|var)\s+${n}\s*(?::[^=]+)?=\s*(?:async\s+)?(?:<[^>(]*>)?\s*\(`, 'g'), (m, code) => sig(name, paramsAt(code, m.index + m[0].length - 1))],
    [new RegExp(String.raw`(?:^|[^\w$.])class\s+${n}\b[^{]*\{`, 'g'), (m, code) => {
      const body = code.slice(m.index + m[0].length);
      const ctor = /\bconstructor\s*\(/.exec(body.split(/\bclass\s/)[0]);
      const params = ctor ? paramsAt(body, ctor.index + ctor[0].length - 1) : '()';
      return params && `class ${name}${params}`;
    }],
    // A method: `name(…) {` or `name(…): T {` (a call is not followed by a block).
    [new RegExp(String.raw`(?:^|[\s;{}])(?:(?:static|async|public|private|protected|override)\s+)*\*?${n}\s*(?:<[^>(]*>)?\s*\(`, 'g'), (m, code) => {
      const open = m.index + m[0].length - 1;
      const close = closeParen(code, open);
      if (close < 0 || !/^\s*(?::[^{;=]*)?\{/.test(code.slice(close))) return undefined;
      return sig(name, paramsAt(code, open));
    }],
  ];
  for (let i = sources.length - 1; i >= 0; i--) {
    for (const [re, make] of patterns) {
      re.lastIndex = 0;
      for (let m = re.exec(sources[i]); m; m = re.exec(sources[i])) {
        const s = make(m, sources[i]);
        if (s) return s;
      }
    }
  }
  return undefined;
}

const sig = (name: string, params: string | undefined) => params && `${name}${params}`;

/** JSDoc of `name` from the most recent cell that declares it (function, class, variable or method). */
export function docFor(name: string, sources: string[]): string | undefined {
  const escaped = name.replace(/\$/g, '\\$');
  const decl = new RegExp(
    String.raw`/\*\*((?:(?!\*/)[\s\S])*)\*/\s*(?:export\s+)?(?:async\s+)?(?:function\s*\*?\s*${escaped}\b|class\s+${escaped}\b|(?:const|let|var)\s+${escaped}\b|(?:(?:static|async|public|private|protected|override)\s+)*\*?\s*${escaped}\s*\()`,
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
