/**
 * Shift+Tab (inspect_request) inside calls, over the real protocol: `fn(`,
 * `obj.method(`, `new Cls(` show what is being called, and the tsml and
 * TensorFlow.js APIs have their declarations and docs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient } from './client.js';

let k: KernelClient;
beforeAll(async () => {
  k = await KernelClient.start();
  await k.execute(
    [
      '/** Scales a value by the learning rate. */',
      'function scaleBy(x: number, lr = 0.1) { return x * lr }',
      'class Trainer {',
      '  constructor(public epochs: number, readonly name = "run") {}',
      '  /** Runs one epoch at the given learning rate. */',
      '  step(lr: number) { return lr }',
      '}',
      'const trainer = new Trainer(3)',
    ].join('\n'),
  );
});
afterAll(async () => {
  await k?.stop();
});

/** Inspects with the cursor at the end of `code` (or at `|`, removed). */
async function inspect(code: string): Promise<{ found: boolean; text: string }> {
  const at = code.indexOf('|');
  const clean = code.replace('|', '');
  const r = (await k.request('inspect_request', { code: clean, cursor_pos: at < 0 ? [...clean].length : [...clean.slice(0, at)].length, detail_level: 0 })).content as any;
  expect(r.status).toBe('ok');
  return { found: r.found, text: r.found ? String(r.data['text/plain']).replace(/\x1b\[\d+m/g, '') : '' };
}

describe('inspect inside a call', () => {
  it('fn( shows the function being called, wherever the cursor is in its arguments', async () => {
    for (const code of ['scaleBy(', 'scaleBy(3, ', 'const y = scaleBy(trainer.epochs, |0.5)', 'scaleBy(Math.max(1, 2), "a(b" + `)${1}`, ']) {
      const r = await inspect(code);
      expect(r.found, code).toBe(true);
      expect(r.text, code).toContain('Name:      scaleBy');
      expect(r.text, code).toContain('Signature: scaleBy(x: number, lr = 0.1)');
      expect(r.text, code).toContain('Scales a value by the learning rate.');
    }
    // The innermost open call wins.
    expect((await inspect('scaleBy(Math.max(1, ')).text).toContain('max(...values: number[]): number');
  });

  it('obj.method( shows the method, with its JSDoc from the cell that declared it', async () => {
    const r = await inspect('trainer.step(');
    expect(r.text).toContain('Signature: step(lr: number)');
    expect(r.text).toContain('Runs one epoch at the given learning rate.');
  });

  it('new Cls( shows the class and its constructor', async () => {
    const mine = await inspect('new Trainer(');
    expect(mine.text).toContain('Kind:      class');
    expect(mine.text).toContain('class Trainer(public epochs: number, readonly name = "run")');
    const builtin = await inspect('const m = new Map(');
    expect(builtin.text).toContain('Kind:      class');
    expect(builtin.text).toMatch(/Init: +new \(\): Map<any, any>;\n +new <K, V>\(entries\?: readonly \(readonly \[K, V\]\)\[\] \| null\): Map<K, V>;/);
    await k.execute("import * as zmq from 'zeromq'");
    const pkg = await inspect('new zmq.Dealer({ linger: 0 }|)');
    expect(pkg.text).toContain('export declare class Dealer extends Socket');
    expect(pkg.text).toMatch(/Init: +constructor\(options\?: SocketOptions<Dealer>\)/);
  });

  it("shows a package's declaration and docs in calls to its functions and to methods of its classes", async () => {
    await k.execute("import * as aq from 'arquero'\nconst t = aq.table({ a: [1, 2] })");
    const fn = await inspect("aq.table({ a: [1] }, ");
    expect(fn.text).toContain('export function table(columns: object | Map<any, any>, names?: string[]): ColumnTable;');
    expect(fn.text).toContain('Create a new table for a set of named columns.');
    const method = await inspect('t.filter(');
    expect(method.text).toMatch(/Declared: +filter\(/);
    expect(method.text).toMatch(/Filter a table to a subset of rows/);
  });

  it('is not fooled by parentheses in strings, comments and keywords, and says when nothing is called', async () => {
    expect((await inspect('if (trainer.epochs > 1) { scaleBy(2, ')).text).toContain('Name:      scaleBy');
    expect((await inspect('scaleBy(/* ( */ 1, // (\n')).text).toContain('Name:      scaleBy');
    // In `if (` nothing is called: the name under the cursor is described instead.
    expect((await inspect('if (trainer|')).text).toContain('Name:      trainer');
    expect((await inspect('(1 + ')).found).toBe(false);
  });
});

describe('tsml and tsml.tf have their declarations and docs', () => {
  it('documents tsml.tf members before TensorFlow.js is loaded', async () => {
    const r = await inspect('tsml.tf.tensor(');
    expect(r.found).toBe(true);
    expect(r.text).toContain('not loaded yet');
    expect(r.text).toContain('export declare function tensor<R extends Rank>(');
    expect(r.text).toContain('Creates a `tf.Tensor` with the provided values, shape and dtype.');
  });

  it('documents tsml.* functions from their TypeScript declarations', async () => {
    const r = await inspect('const cars = await tsml.readCsv(');
    expect(r.text).toContain('Kind:      function');
    expect(r.text).toContain('export declare function readCsv(source: string | URL, opts?: CsvOptions): Promise<ColumnTable>;');
    expect(r.text).toContain('Reads a CSV file (path relative to the notebook) or URL into a table.');
    const d = await inspect('tsml.datasets.census(');
    expect(d.text).toMatch(/Declared: +export declare function census\(/);
  });

  it('documents tsml.tf.* and its aliases once loaded, and the members of its classes', async () => {
    await k.execute('const tf = tsml.tf\nconst model = tf.sequential()');
    for (const code of ['tsml.tf.tensor(', 'tf.tensor(']) {
      const r = await inspect(code);
      expect(r.text, code).toContain('Kind:      function');
      expect(r.text, code).toContain('export declare function tensor<R extends Rank>(');
      expect(r.text, code).toContain('Creates a `tf.Tensor` with the provided values, shape and dtype.');
    }
    const dense = await inspect('tf.layers.dense(');
    expect(dense.text).toMatch(/Declared: +export declare function dense\(args: DenseLayerArgs\): Dense;/);
    const fit = await inspect('model.fit(xs, ');
    expect(fit.text).toMatch(/fit\(x: Tensor \| Tensor\[\]/);
    expect(fit.text).toContain('Trains the model for a fixed number of epochs');
  });
});
