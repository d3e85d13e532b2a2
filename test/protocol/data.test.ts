/** Tables in a real kernel: load a CSV from the notebook's folder, display it bounded, clean and split it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KernelClient } from './client.js';

let k: KernelClient;
beforeAll(async () => {
  k = await KernelClient.start();
  const rows = ['id,age,city,income'];
  for (let i = 0; i < 50_000; i++) rows.push(`${i},${i % 7 === 0 ? '?' : 20 + (i % 50)},${['Oslo', 'Rome', 'Lima'][i % 3]},${(i * 37) % 1000}`);
  writeFileSync(join(k.dir, 'people.csv'), rows.join('\n'));
});
afterAll(async () => {
  await k?.stop();
});

describe('tables in the kernel', () => {
  it('loads a CSV with the tsml global and renders a bounded, paged table', async () => {
    const { outputs, content } = await k.execute("const people = await tsml.readCsv('people.csv', { naValues: ['?'] })\npeople");
    expect(content.status).toBe('ok');
    const result = outputs.find((m) => m.header.msg_type === 'execute_result')!.content as any;
    const html: string = result.data['text/html'];
    expect(html).toContain('50,000 rows × 4 columns');
    expect(html).toContain('float64 · 7,143 NA');
    expect(html.length).toBeLessThan(20_000);
    const payload = result.data['application/vnd.tsml.table.v1+json'];
    expect(payload.shape).toEqual([50_000, 4]);
    expect(payload.head).toHaveLength(10);
    expect(payload.tail.at(-1).row).toBe(49_999);
    expect(result.data['text/plain']).toContain('[50,000 rows × 4 columns]');
  });

  it('cleans, encodes and splits with the tsml verbs', async () => {
    const code = [
      "const clean = tsml.fillna(people, { age: 'median' }, { indicator: true })",
      "const encoded = tsml.getDummies(clean, ['city'])",
      'const { train, test } = tsml.trainTestSplit(encoded, { testSize: 0.2, seed: 42 });',
      '[train.numRows(), test.numRows(), encoded.columnNames().join(",")]',
    ].join('\n');
    expect(await k.value(code)).toBe("[ 40000, 10000, 'id,age,income,age_missing,city_Lima,city_Oslo,city_Rome' ]");
  });

  it('names the file and line of a ragged row, and the known columns for a typo', async () => {
    writeFileSync(join(k.dir, 'ragged.csv'), 'a,b\n1,2\n3,4,5\n');
    const ragged = await k.execute("await tsml.readCsv('ragged.csv')");
    expect(ragged.content.ename).toBe('DataError');
    expect(ragged.content.evalue).toMatch(/line 3 in ragged\.csv has 3 fields but the header has 2/);
    const typo = await k.execute("tsml.describe(people, { columns: ['agee'] })");
    expect(typo.content.evalue).toMatch(/unknown column 'agee'; the table has: id, age, city, income/);
    const missing = await k.execute("await tsml.readCsv('nope.csv')");
    expect(missing.content.evalue).toMatch(/no such file: .*nope\.csv/);
  });

  it('renders a danfo.js DataFrame as a tsml table', async () => {
    const { outputs } = await k.execute("import * as dfd from 'danfojs'\nnew dfd.DataFrame({ a: [1, 2], b: ['x', 'y'] })");
    const data = (outputs.find((m) => m.header.msg_type === 'execute_result')!.content as any).data;
    expect(data['application/vnd.tsml.table.v1+json'].shape).toEqual([2, 2]);
    expect(data['text/html']).toContain('2 rows × 2 columns');
  });
});

describe('TensorFlow.js in cells', () => {
  it('tsml.tf and import of @tensorflow/tfjs are the same TensorFlow.js, on the selected backend', async () => {
    expect(await k.value('tsml.tf.getBackend()')).toMatch(/^'(wasm|cpu|webgpu|tensorflow)'$/);
    expect(await k.value("import * as tf from '@tensorflow/tfjs'\ntf === tsml.tf && tf.getBackend() === tsml.device().backend")).toBe('true');
    const { outputs } = await k.execute('tf.tensor([[1, 2], [3, 4]]).sum()');
    const data = (outputs.find((m) => m.header.msg_type === 'execute_result')!.content as any).data;
    expect(data['application/vnd.tsml.tensor.v1+json']).toBeTruthy();
  });
});
