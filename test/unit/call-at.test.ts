/** Which call the cursor is in, for Shift+Tab: strings, templates, comments, type arguments, keywords, `new`. */
import { describe, expect, it } from 'vitest';
import { callAt } from '../../kernel/src/engine/introspect.js';
import { cellSignature } from '../../kernel/src/engine/cell-docs.js';

const at = (code: string) => {
  const i = code.indexOf('|');
  return callAt(code.replace('|', ''), i < 0 ? code.length : i);
};

describe('callAt', () => {
  it('finds the innermost open call and whether it constructs', () => {
    expect(at('fit(x, ')).toEqual({ chain: 'fit', constructs: false });
    expect(at('model.fit(x, { epochs: |')).toEqual({ chain: 'model.fit', constructs: false });
    expect(at('const l = new tf.layers.Dense({ units: 3 })|')).toBeUndefined();
    expect(at('const l = new Dense({ units: 3|')).toEqual({ chain: 'Dense', constructs: true });
    expect(at('outer(inner(1), |')).toEqual({ chain: 'outer', constructs: false });
    expect(at('outer(inner(1, |')).toEqual({ chain: 'inner', constructs: false });
    expect(at('fn?.(1, ')).toEqual({ chain: 'fn', constructs: false });
    expect(at('tensor<Rank.R2>(values, ')).toEqual({ chain: 'tensor', constructs: false });
    expect(at('fn (1, ')).toEqual({ chain: 'fn', constructs: false });
  });

  it('skips brackets in strings, templates and comments', () => {
    expect(at('fn(")", \'(\', ')?.chain).toBe('fn');
    expect(at('fn(`a ${g(1)} (`, ')?.chain).toBe('fn');
    expect(at('fn(`a ${g(|')?.chain).toBe('g');
    expect(at('fn(`in text (|')?.chain).toBe('fn');
    expect(at('fn(/* ) */ 1, // )\n')?.chain).toBe('fn');
  });

  it('is not a call after a keyword, but an enclosing call still is', () => {
    expect(at('if (x')).toBeUndefined();
    expect(at('while (ok) { f(1, ')?.chain).toBe('f');
    expect(at('f(function (a')?.chain).toBe('f');
    expect(at('(1 + ')).toBeUndefined();
  });
});

describe('cellSignature', () => {
  const src = [
    'function lr(step: number, base = 0.1): number { return base }',
    'const loss = async (pred: number[], truth: number[]) => 0',
    'class Model {\n  constructor(private layers: number[], name?: string) {}\n  /** doc */\n  async fit(x: number[][], opts: { epochs?: number } = {}): Promise<void> {}\n}\nmodel.fit(data)',
  ];
  it('reads TypeScript signatures as written', () => {
    expect(cellSignature('lr', src)).toBe('lr(step: number, base = 0.1): number');
    expect(cellSignature('loss', src)).toBe('loss(pred: number[], truth: number[])');
    expect(cellSignature('Model', src)).toBe('class Model(private layers: number[], name?: string)');
    // The method's declaration, not the call `model.fit(data)` after it.
    expect(cellSignature('fit', src)).toBe('fit(x: number[][], opts: { epochs?: number } = {}): Promise<void>');
    expect(cellSignature('nothere', src)).toBeUndefined();
  });
});
