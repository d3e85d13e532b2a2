/** The runner's command-line side without a kernel: options, inputs, kernelspecs, JUnit, progress, exit codes. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { exitCode } from '../../kernel/src/runner/index.js';
import { globToRegExp, planJobs, shardOf } from '../../kernel/src/runner/inputs.js';
import { junitXml } from '../../kernel/src/runner/junit.js';
import { findKernelSpec, jupyterDataDirs } from '../../kernel/src/runner/kernelspec.js';
import type { NotebookResult } from '../../kernel/src/runner/notebook-run.js';
import { parseRunArgs, UsageError } from '../../kernel/src/runner/options.js';
import { createReporter } from '../../kernel/src/runner/progress.js';
import { tempDir } from './helpers.js';

const touch = (path: string, body = '{}') => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, body);
};

const result = (label: string, status: NotebookResult['status'], failure?: Partial<NotebookResult['failure']>): NotebookResult => ({
  job: { input: `/x/${label}`, output: `/x/${label}.out`, label },
  status,
  executed: 2,
  total: 3,
  seconds: 1.5,
  written: true,
  errors: status === 'errors' ? [{ cell: 1, executionCount: 1, source: 'oops()', ename: 'ReferenceError', evalue: 'oops is not defined', traceback: ['ReferenceError: oops is not defined'] }] : [],
  failure: failure && { cell: 2, executionCount: 2, source: 'boom()', ename: 'Error', evalue: 'e', traceback: ['tb'], ...failure },
});

describe('options', () => {
  it('reads papermill-style IN OUT, --opt=value and repeated parameters', () => {
    const o = parseRunArgs(['in.ipynb', 'out.ipynb', '-p', 'lr', '0.1', '-r', 'seed', '42', '--jobs=3', '--shard', '2/4', '--cell-timeout', '1.5']);
    expect(o).toMatchObject({ inputs: ['in.ipynb'], output: 'out.ipynb', params: { lr: 0.1, seed: '42' }, jobs: 3, shard: { index: 2, count: 4 }, cellTimeoutS: 1.5 });
    expect(parseRunArgs(['a.ipynb', 'b.ipynb', 'c.ipynb']).inputs).toHaveLength(3);
    expect(parseRunArgs(['dir', 'b.ipynb']).output).toBeUndefined();
    expect(parseRunArgs(['*.ipynb', 'b.ipynb']).output).toBeUndefined();
    // Two notebooks and --output-dir: two inputs, not IN OUT (that failed with 'not both').
    expect(parseRunArgs(['a.ipynb', 'b.ipynb', '--output-dir', 'out'])).toMatchObject({ inputs: ['a.ipynb', 'b.ipynb'], outputDir: 'out' });
    for (const bad of [[], ['x.ipynb', '--jobs', '0'], ['x.ipynb', '-p', 'lr'], ['x.ipynb', '--shard', '0/2'], ['a.ipynb', '-o', 'b.ipynb', '--output-dir', 'd']]) {
      expect(() => parseRunArgs(bad), bad.join(' ')).toThrow(UsageError);
    }
  });
});

describe('inputs', () => {
  it('matches globs like a shell', () => {
    const cases: [string, string, boolean][] = [
      ['*.ipynb', 'a.ipynb', true], ['*.ipynb', 'sub/a.ipynb', false], ['**/*.ipynb', 'sub/deep/a.ipynb', true],
      ['**/*.ipynb', 'a.ipynb', true], ['lab-?.ipynb', 'lab-1.ipynb', true], ['lab-[0-2].ipynb', 'lab-3.ipynb', false],
      ['{a,b}.ipynb', 'b.ipynb', true], ['a+b.ipynb', 'a+b.ipynb', true], ['a.ipynb', 'aXipynb', false],
    ];
    for (const [glob, path, ok] of cases) expect(globToRegExp(glob).test(path), `${glob} ~ ${path}`).toBe(ok);
  });

  it('expands directories and globs, skips outputs, and places outputs', () => {
    const root = tempDir('inputs');
    for (const p of ['b.ipynb', 'a.ipynb', 'sub/c.ipynb', '.hidden/x.ipynb', 'node_modules/m.ipynb', 'sub/.ipynb_checkpoints/c-checkpoint.ipynb', 'notes.txt']) {
      touch(join(root, p));
    }
    touch(join(root, 'a.out.ipynb'), '{"metadata": {"tsml": {}}}'); // an earlier run's output
    const byDir = planJobs({ inputs: [root] }).jobs;
    expect(byDir.map((j) => j.input)).toEqual(['a.ipynb', 'b.ipynb', 'sub/c.ipynb'].map((p) => join(root, p)));
    expect(byDir[2].output).toBe(join(root, 'sub', 'c.out.ipynb'));
    const byGlob = planJobs({ inputs: [`${root}/**/*.ipynb`, join(root, 'a.ipynb')], outputDir: join(root, 'out') }).jobs;
    expect(byGlob.map((j) => j.output)).toEqual(['a.ipynb', 'b.ipynb', 'sub/c.ipynb'].map((p) => join(root, 'out', p)));
    expect(planJobs({ inputs: [root], shard: { index: 2, count: 2 } })).toMatchObject({ total: 3, jobs: [{ input: join(root, 'b.ipynb') }] });
    expect(shardOf([1, 2, 3, 4, 5], 1, 2)).toEqual([1, 3, 5]);
  });

  it('never overwrites an input or a notebook tsml run did not write', () => {
    const root = tempDir('guard');
    touch(join(root, 'a.ipynb'));
    touch(join(root, 'mine.ipynb'), '{"metadata": {}}');
    touch(join(root, 'ours.ipynb'), '{"metadata": {"tsml": {}}}');
    const input = join(root, 'a.ipynb');
    expect(() => planJobs({ inputs: [input], output: input })).toThrow(/would overwrite it/);
    expect(() => planJobs({ inputs: [input], output: join(root, 'mine.ipynb') })).toThrow(/was not written by tsml run/);
    expect(planJobs({ inputs: [input], output: join(root, 'ours.ipynb') }).jobs).toHaveLength(1);
    expect(() => planJobs({ inputs: [`${root}/nothing-*.ipynb`] })).toThrow(/no notebook matches/);
    touch(join(root, 'x', 'same.ipynb'));
    touch(join(root, 'y', 'same.ipynb'));
    const both = [join(root, 'x', 'same.ipynb'), join(root, 'y', 'same.ipynb')];
    expect(() => planJobs({ inputs: both, outputDir: join(root, 'o') })).toThrow(/two notebooks would write/);
  });
});

describe('kernelspecs', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  const spec = (dataDir: string, name: string, extra: Record<string, unknown> = {}) =>
    touch(join(dataDir, 'kernels', name, 'kernel.json'), JSON.stringify({ argv: ['k', '{connection_file}'], display_name: name, language: 'typescript', ...extra }));

  it('searches JUPYTER_PATH, then the environment (in a venv) or the user dir, then system dirs', () => {
    const root = tempDir('specs');
    Object.assign(process.env, { JUPYTER_PATH: join(root, 'jp'), JUPYTER_DATA_DIR: join(root, 'user'), VIRTUAL_ENV: join(root, 'venv'), PATH: '/nonexistent' });
    delete process.env.CONDA_PREFIX;
    delete process.env.JUPYTER_PREFER_ENV_PATH;
    const dirs = jupyterDataDirs();
    expect(dirs.slice(0, 3)).toEqual([join(root, 'jp'), join(root, 'venv', 'share', 'jupyter'), join(root, 'user')]);
    expect(dirs).toContain('/usr/share/jupyter');
    process.env.JUPYTER_PREFER_ENV_PATH = '0';
    expect(jupyterDataDirs().slice(1, 3)).toEqual([join(root, 'user'), join(root, 'venv', 'share', 'jupyter')]);

    spec(join(root, 'user'), 'ts', { interrupt_mode: 'message', env: { A: 'user' } });
    spec(join(root, 'venv', 'share', 'jupyter'), 'TS', { env: { A: 'venv' } });
    expect(findKernelSpec('ts')).toMatchObject({ env: { A: 'user' }, interruptMode: 'message', resourceDir: join(root, 'user', 'kernels', 'ts') });
    delete process.env.JUPYTER_PREFER_ENV_PATH;
    expect(findKernelSpec('Ts')).toMatchObject({ env: { A: 'venv' }, interruptMode: 'signal' });
    expect(() => findKernelSpec('python3')).toThrow(/no kernelspec named 'python3' \(found: ts\)/);
    // No tsml kernelspec anywhere: this installation's own kernel runs.
    expect(findKernelSpec('tsml').argv.slice(-2)).toEqual(['kernel', '{connection_file}']);
  });
});

describe('reports', () => {
  it('writes JUnit XML that parses, with failures, errors, escapes and no ANSI', () => {
    const xml = junitXml([
      result('ok.ipynb', 'ok'),
      result('lab/fail.ipynb', 'failed', { ename: 'TypeError', evalue: 'a < b & "c"', traceback: ['\x1b[31mTypeError\x1b[0m: a < b', 'bell \x07 here'] }),
      result('slow.ipynb', 'timeout', { ename: 'CellTimeoutError' }),
      result('dead.ipynb', 'dead', { ename: 'DeadKernelError' }),
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<testsuites name="tsml run" tests="4" failures="2" errors="1"');
    expect(xml).toContain('<testcase classname="lab" name="fail.ipynb" time="1.500">');
    expect(xml).toContain('<failure type="TypeError" message="TypeError: a &lt; b &amp; &quot;c&quot;">Cell 2/3 (In [2]):\nboom()\n\nTypeError: a &lt; b\nbell  here</failure>');
    expect(xml).toContain('<failure type="CellTimeoutError"');
    expect(xml).toContain('<error type="DeadKernelError"');
    expect(xml).not.toMatch(/\x1b|\x07/);
    const allowed = junitXml([result('errs.ipynb', 'errors')]);
    expect(XMLValidator.validate(allowed)).toBe(true);
    expect(allowed).toContain('tests="1" failures="1" errors="0"');
    expect(allowed).toContain('<failure type="CellErrors" message="1 cell raised an error (--allow-errors)">Cell 1/3 (In [1]):\noops()\n\nReferenceError: oops is not defined</failure>');
  });

  it('picks the most serious exit code', () => {
    expect(exitCode([result('a', 'ok')])).toBe(0);
    expect(exitCode([result('a', 'ok'), result('b', 'failed')])).toBe(1);
    expect(exitCode([result('a', 'failed'), result('b', 'timeout')])).toBe(3);
    expect(exitCode([result('a', 'timeout'), result('b', 'dead')])).toBe(4);
    expect(exitCode([result('a', 'dead'), result('b', 'invalid')])).toBe(2);
    // --allow-errors: every cell ran, some raised: 5, below a stopped notebook's 1.
    expect(exitCode([result('a', 'ok'), result('b', 'errors')])).toBe(5);
    expect(exitCode([result('a', 'errors'), result('b', 'failed')])).toBe(1);
  });

  it('lists the cells that raised errors under --allow-errors', () => {
    const sink = () => ({ isTTY: false, text: '', write(s: string) { this.text += s; } });
    const out = sink();
    const err = sink();
    const r = createReporter({ stdout: out, stderr: err, quiet: false, several: false });
    r.finished(result('errs.ipynb', 'errors'));
    r.close();
    expect(out.text).toBe('! errs.ipynb: ERRORS: ran 2 cells in 1.5s; 1 raised an error (--allow-errors) -> /x/errs.ipynb.out\n');
    expect(err.text).toBe('  errs.ipynb: cell 1/3 (In [1]): ReferenceError: oops is not defined\n');
  });

  it('prints plain lines off a TTY and redraws live lines on one', () => {
    const sink = (isTTY: boolean) => ({ isTTY, columns: 50, text: '', write(s: string) { this.text += s; } });
    const job = { input: '/x/a.ipynb', output: '/x/a.out.ipynb', label: 'a.ipynb' };
    const plainOut = sink(false);
    const plain = createReporter({ stdout: plainOut, stderr: sink(false), quiet: false, several: true });
    plain.started(job);
    plain.cell(job, 1, 2, 'const x = 1;');
    plain.finished(result('a.ipynb', 'ok'));
    plain.summary([result('a.ipynb', 'ok'), result('b.ipynb', 'failed', {})], 2, { others: 3, unstarted: 1 });
    plain.close();
    expect(plainOut.text).toMatch(/^a\.ipynb: cell 1\/2 0\.0s const x = 1;\n✓ a\.ipynb: ok, 2 cells in 1\.5s -> \/x\/a\.ipynb\.out\n/);
    expect(plainOut.text).toMatch(/b\.ipynb\s+failed\s+2\/3\s+1\.5s/);
    expect(plainOut.text).toContain('2 notebooks (3 in other shards, 1 not started) in 2.0s: 1 ok, 1 failed');

    const ttyOut = sink(true);
    const tty = createReporter({ stdout: ttyOut, stderr: sink(true), quiet: false, several: false });
    tty.started(job);
    tty.cell(job, 2, 9, 'model.fit(xs, ys, { epochs: 100, batchSize: 32 })');
    tty.finished(result('a.ipynb', 'ok'));
    tty.close();
    const frames = ttyOut.text.split('\x1b[1F\x1b[J');
    expect(frames.length).toBe(3); // drawn, redrawn for the cell, replaced by the finished line
    expect(frames[1]).toMatch(/cell 2\/9 {2}0\.0s {2}model\.fit/);
    expect(frames[1].split('\n')[0].replace(/\x1b\[\d+m/g, '')).toMatch(/^.{40,49}…$/); // cut to the terminal's width
    expect(frames[2]).toContain('a.ipynb: ok');
  });
});
