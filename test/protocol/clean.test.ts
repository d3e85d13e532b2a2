/**
 * A cleaning plan in the real kernel: `plan.code()` pasted into a fresh
 * kernel (nothing defined but the data) produces a table equal to
 * `plan.apply()` in the kernel that fitted the plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient } from './client.js';

let fitter: KernelClient;
let fresh: KernelClient;
beforeAll(async () => {
  [fitter, fresh] = await Promise.all([KernelClient.start(), KernelClient.start()]);
});
afterAll(async () => {
  await Promise.all([fitter?.stop(), fresh?.stop()]);
});

const DATA = [
  'const raw = tsml.datasets.heartDisease({ seed: 0 });',
  'const { train, test } = tsml.trainTestSplit(raw, { testSize: 0.3, seed: 123 });',
].join('\n');

// Every kind of step, kNN imputation and outlier capping included.
const PLAN = [
  'const plan = tsml.clean.plan()',
  '  .dropColumns({ missingAbove: 0.3 })',
  "  .treatAsMissing({ chol: [0], trestbps: [0], oldpeak: '<0' })",
  '  .dropDuplicates()',
  "  .impute({ chol: 'knn', trestbps: 'mean', oldpeak: 'median', fbs: 'mode', restecg: { constant: 'normal' }, thalach: 'ffill', exang: 'bfill' }, { k: 3 })",
  "  .capOutliers(['chol', 'trestbps'])",
  "  .dropOutliers(['oldpeak'], { rule: 'mad' })",
  "  .oneHot(['sex', 'cp', 'restecg'])",
  "  .scale(['age', 'chol', 'trestbps', 'thalach', 'oldpeak'], { method: 'standard' })",
  '  .fit(train);',
].join('\n');

const ROWS = (v: string) => `console.log(JSON.stringify({ columns: ${v}.columnNames(), rows: ${v}.objects() }))`;

/** What a cell prints (failing the test with the error when the cell fails). */
async function printed(k: KernelClient, code: string): Promise<string> {
  const { content, outputs } = await k.execute(code, {}, 30_000);
  if (content.status !== 'ok') throw new Error(`${content.ename}: ${content.evalue}`);
  return k.stdoutOf(outputs);
}

describe('plan.code() in a fresh kernel', () => {
  it('gives the table plan.apply gives, for the test split', async () => {
    await fitter.value(DATA);
    await fitter.value(PLAN);
    const code = await printed(fitter, "console.log(plan.code({ input: 'test' }))");
    expect(code).toContain('function clean(t) {');
    expect(code).toContain('tsml.clean.knnImpute(t, ["chol"], { k: 3, reference:');
    const expected = await printed(fitter, ROWS('plan.apply(test)'));

    await fresh.value(DATA);
    const { content, outputs } = await fresh.execute(code, {}, 30_000);
    expect(content.status, JSON.stringify(content)).toBe('ok');
    // The code ends with the cleaned table, which renders as a table.
    expect(outputs.some((m) => m.header.msg_type === 'execute_result')).toBe(true);
    const got = await printed(fresh, ROWS('testClean'));
    expect(got).toBe(expected);
    const table = JSON.parse(expected);
    expect(table.columns).toContain('chol_missing');
    expect(table.rows.length).toBeGreaterThan(200);
  }, 60_000);

  it('a plan used before fit fails the cell with what to do, and the kernel goes on', async () => {
    const { content } = await fitter.execute('tsml.clean.plan().impute("auto").apply(test)');
    expect(content.status).toBe('error');
    expect(content.evalue).toMatch(/not fitted yet. Call plan = plan.fit\(train\) first/);
    expect(await fitter.value('1 + 1')).toBe('2');
  });
});
