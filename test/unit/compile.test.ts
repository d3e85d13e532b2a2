import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { compileCell, completeness, CellSyntaxError } from '../../kernel/src/engine/compile.js';

/** Runs compiled cells in a fresh context with a minimal runtime, like the kernel does. */
function session() {
  const ctx: Record<string, unknown> = {};
  const g = vm.createContext(ctx);
  const rt = {
    g,
    check: () => {},
    import: async (s: string) => ({ default: `default:${s}`, named: `named:${s}` }),
    defaultOf: (m: { default: unknown }) => m.default,
    named: (m: Record<string, unknown>, n: string) => m[n],
  };
  vm.runInContext('this', g).__tsml_rt = rt;
  return async (code: string) => {
    const { script } = compileCell(code);
    const r = await vm.runInContext(script, g);
    return r === undefined ? undefined : r[0];
  };
}

describe('compileCell', () => {
  it('keeps every line of the cell on its line', () => {
    const code = 'const a: number = 1\nlet b = a +\n  2\nfunction f(x: string) {\n  return x\n}\nthrow new Error("x")';
    const { script } = compileCell(code);
    expect(script.split('\n').length).toBe(code.split('\n').length + 1);
    expect(script.split('\n')[6]).toContain('throw new Error("x")');
  });

  it('carries declarations across cells and allows re-declaration', async () => {
    const run = session();
    await run('const x: number = 1; let y = 2; var z = 3');
    expect(await run('x + y + z')).toBe(6);
    await run('const x = 10');
    expect(await run('x')).toBe(10);
    await run('function f(a: number) { return a * x }\nclass C { v = 7 }');
    expect(await run('f(2) + new C().v')).toBe(27);
    await run('const { p, q: [r] } = { p: 1, q: [2] }');
    expect(await run('p + r')).toBe(3);
  });

  it('supports top-level await and returns the last expression', async () => {
    const run = session();
    expect(await run('const v = await Promise.resolve(41)\nv + 1')).toBe(42);
    expect(await run('const w = 1')).toBeUndefined();
    expect(await run('let s = 0; for (const i of [1, 2, 3]) s += i; s')).toBe(6);
  });

  it('rewrites static imports through the runtime', async () => {
    const run = session();
    await run("import d, { named as n } from 'pkg'\nimport * as ns from 'other'");
    expect(await run('d')).toBe('default:pkg');
    expect(await run('n')).toBe('named:pkg');
    expect(await run('ns.named')).toBe('named:other');
  });

  it('instruments loops with the interrupt check', () => {
    const { script } = compileCell('while (true) x++\nfor (;;) { y++ }');
    expect(script.match(/__tsml_chk\(\)/g)?.length).toBe(2);
  });

  it('reports syntax errors at the user line', () => {
    try {
      compileCell('const a = 1\nconst = 2');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CellSyntaxError);
      expect((e as CellSyntaxError).line).toBe(2);
    }
  });
});

describe('completeness', () => {
  it.each([
    ['1 + 1', 'complete'],
    ['const x: number = 1', 'complete'],
    ['function f() {', 'incomplete'],
    ['const a = [1,', 'incomplete'],
    ['foo(', 'incomplete'],
    ['const 1x = 2', 'invalid'],
    ['}', 'invalid'],
  ])('%s is %s', (code, status) => {
    expect(completeness(code).status).toBe(status);
  });

  it('suggests indentation inside an open block', () => {
    expect(completeness('if (x) {')).toEqual({ status: 'incomplete', indent: '  ' });
  });
});

describe('last expression', () => {
  it('keeps parenthesised object literals and trailing semicolons intact', async () => {
    const run = session();
    expect(await run('({ a: 1 })')).toEqual({ a: 1 });
    expect(await run('(1, 2);')).toBe(2);
    expect(await run('const o = { k: 3 }; o.k;')).toBe(3);
  });
});

describe('cells that need no type stripping', () => {
  // Parsed as they are, without loading sucrase: the script must be what the sucrase path gives.
  const plain = [
    '1+1',
    'const x = { a: 1, b: [2, 3] }\nx.a ? x.b : null',
    'label: for (const i of [1, 2]) { if (i) continue label }',
    'class A { #p = 1; static s = 2; get p() { return this.#p } }\nnew A().p',
    'async function* g() { yield await 1 }\nlet type = 1, declare = 2, abstract = 3\ntype + declare + abstract',
    "import { readFile } from 'node:fs/promises'\nconst { default: m } = await import('x')",
    'a?.b ?? c ** 2 >>> 1',
  ];
  it('compile to the same script as through sucrase', async () => {
    const { stripTypes } = await import('../../kernel/src/engine/compile.js');
    for (const code of plain) {
      // sucrase leaves plain JavaScript as it is, so parsing the cell directly gives the same program.
      expect(stripTypes(code), code).toBe(code);
    }
  });

  it('still strips TypeScript, including type arguments that parse as comparisons in JavaScript', async () => {
    const run = session();
    expect(await run('function id<T>(x: T): T { return x }\nconst n = id<number>(4)\nn')).toBe(4);
    expect(await run('let v: number = 2\nv as number')).toBe(2);
    expect(await run('enum E { A = 3 }\nE.A')).toBe(3);
    expect(await run('interface I { a: number }\nconst o: I = { a: 5 }\no!.a')).toBe(5);
  });
});
