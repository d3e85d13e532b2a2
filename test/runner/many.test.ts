/** `tsml run` on many notebooks (--jobs, --shard, JUnit), on signals, and on the course notebooks. */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { alive, codeCells, kernelEnv, readOutput, REPO, runTsml, startRun, tempDir, text, until, writeNotebook } from './helpers.js';

let env: NodeJS.ProcessEnv;

beforeAll(() => {
  env = kernelEnv();
});

/** A notebook that records when it ran and in which kernel process. */
const timed = (extra: string[] = []) => [
  'const t0 = Date.now();',
  'await new Promise((r) => setTimeout(r, 1500));', // long enough to overlap even when kernels start slowly under load
  ...extra,
  'console.log(JSON.stringify({ pid: process.pid, t0, t1: Date.now() }))',
];

describe('tsml run on many notebooks', () => {
  it('--jobs 2 runs a directory in parallel kernels, with a summary and a JUnit report', async () => {
    const dir = realpathSync(tempDir('many'));
    mkdirSync(join(dir, 'sub'));
    writeNotebook(dir, 'a.ipynb', timed());
    writeNotebook(dir, 'b.ipynb', timed(['throw new SyntaxError("bad <input> & \\u001b[31mcolour")']));
    writeNotebook(dir, 'c.ipynb', timed());
    writeNotebook(join(dir, 'sub'), 'd.ipynb', timed());
    const outDir = join(dir, 'executed');
    const report = join(dir, 'reports', 'junit.xml');
    const t0 = Date.now();
    const r = await runTsml([dir, '--jobs', '2', '--output-dir', outDir, '--junit', report], { env, cwd: dir });
    const wall = Date.now() - t0;
    // Exit 1 is one failed notebook; anything else (4: a kernel died) shows what the runner said.
    expect(r.code, `tsml run said:\n${r.stdout}\n${r.stderr}`).toBe(1);
    expect(r.stdout).toMatch(/notebook\s+status\s+cells\s+time\s+output/);
    expect(r.stdout).toMatch(/b\.ipynb\s+failed\s+3\/4/);
    expect(r.stdout).toMatch(/sub\/d\.ipynb\s+ok\s+3\/3/);
    expect(r.stdout).toContain('4 notebooks in');

    const runs = ['a.ipynb', 'c.ipynb', 'sub/d.ipynb'].map((n) => JSON.parse(text(codeCells(readOutput(join(outDir, n)))[2])));
    expect(new Set(runs.map((x) => x.pid)).size).toBe(3);
    // Two notebooks overlapped in time: they ran at once, each in its own kernel.
    const overlaps = runs.some((x, i) => runs.some((y, j) => i !== j && x.t0 < y.t1 && y.t0 < x.t1));
    expect(overlaps).toBe(true);
    expect(wall).toBeLessThan(4 * 1500 + 4 * 1500);
    expect(existsSync(join(dir, 'a.out.ipynb'))).toBe(false);

    const xml = readFileSync(report, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: '4', failures: '1', errors: '0' });
    const cases = doc.testsuites.testsuite.testcase as any[];
    expect(cases.map((c) => `${c.classname}/${c.name}`)).toEqual(['notebooks/a.ipynb', 'notebooks/b.ipynb', 'notebooks/c.ipynb', 'sub/d.ipynb']);
    const failure = cases[1].failure;
    expect(failure.type).toBe('SyntaxError');
    expect(failure.message).toBe('SyntaxError: bad <input> & colour');
    expect(failure['#text']).toContain('Cell 3/4 (In [3]):');
    expect(failure['#text']).toContain('Cell In[3], line 1');
    expect(failure['#text']).not.toMatch(/\u001b/);
    expect(cases.filter((c) => c.failure)).toHaveLength(1);
  });

  it('--shard i/n splits the sorted list between machines', async () => {
    const dir = realpathSync(tempDir('shard'));
    for (const n of ['n1', 'n2', 'n3']) writeNotebook(dir, `${n}.ipynb`, [`console.log("${n}")`]);
    const [one, two] = await Promise.all([
      runTsml([dir, '--shard', '1/2', '--jobs', '2'], { env, cwd: dir }),
      runTsml([dir, '--shard', '2/2'], { env, cwd: dir }),
    ]);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(one.stdout).toContain('2 notebooks (1 in other shards)');
    expect(two.stdout).toContain('n2.ipynb: ok');
    expect(two.stdout).not.toMatch(/n[13]\.ipynb/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.out.ipynb')).sort()).toEqual(['n1.out.ipynb', 'n2.out.ipynb', 'n3.out.ipynb']);
    // A second run over the directory skips the outputs of the first.
    const again = await runTsml([dir, '--shard', '2/2'], { env, cwd: dir });
    expect(again.stdout).toContain('n2.ipynb: ok');
    expect(again.stdout).not.toContain('out.ipynb: ok');
  });

  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    it(`${sig} to the runner writes the output and shuts the kernel down`, async () => {
      const dir = realpathSync(tempDir('signal'));
      writeNotebook(dir, 'long.ipynb', ['console.log(process.pid)', 'while (true) { await new Promise((r) => setTimeout(r, 50)); }', '"never"']);
      writeNotebook(dir, 'zz-later.ipynb', ['"waits its turn"']); // sorts after long.ipynb; --jobs 1
      const run = startRun([dir], { env, cwd: dir });
      await until(() => /cell 2\/3/.test(run.stdout()));
      await new Promise((r) => setTimeout(r, 300));
      run.proc.kill(sig);
      const r = await run.done;
      expect(r.code).toBe(sig === 'SIGTERM' ? 143 : 130);
      expect(r.stderr).toContain(`${sig}: stopping`);
      const out = readOutput(join(dir, 'long.out.ipynb'));
      const cells = codeCells(out);
      expect(cells[1].outputs!.at(-1)).toMatchObject({ output_type: 'error', ename: 'RunStopped' });
      expect(cells[2].execution_count).toBeNull();
      expect(out.metadata.tsml.status).toBe('stopped');
      // A notebook the stop kept from starting is left alone.
      expect(existsSync(join(dir, 'zz-later.out.ipynb'))).toBe(false);
      expect(r.stdout).toContain('1 notebooks (1 not started)');
      const pid = Number(text(cells[0]));
      expect(pid).toBeGreaterThan(0);
      await until(() => !alive(pid), 3000);
    });
  }

  it('has written every finished cell when the runner is killed outright (SIGKILL)', async () => {
    const dir = realpathSync(tempDir('kill'));
    const nb = writeNotebook(dir, 'killed.ipynb', ['console.log(process.pid)', 'console.log("second")', 'while (true) { await new Promise((r) => setTimeout(r, 50)); }']);
    const run = startRun([nb], { env });
    await until(() => /cell 3\/3/.test(run.stdout()));
    await new Promise((r) => setTimeout(r, 200));
    run.proc.kill('SIGKILL');
    await run.done;
    const cells = codeCells(readOutput(join(dir, 'killed.out.ipynb')));
    const pid = Number(text(cells[0]));
    expect(pid).toBeGreaterThan(0); // (process.kill(0) would kill this test's own process group)
    process.kill(pid, 'SIGKILL'); // nothing is left to shut the orphaned kernel down
    expect(text(cells[1])).toBe('second\n');
    expect(cells.map((c) => c.metadata.tsml.status)).toEqual(['completed', 'completed', 'pending']);
  });

  // The course grows: its budget in CI is 5 minutes for every notebook.
  it('runs every notebook in notebooks/', { timeout: 300_000 }, async () => {
    const outDir = tempDir('course');
    const r = await runTsml([join(REPO, 'notebooks'), '--output-dir', outDir, '--cell-timeout', '120', '--jobs', '2'], { env, cwd: REPO });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const names = readdirSync(join(REPO, 'notebooks')).filter((f) => f.endsWith('.ipynb') && !f.endsWith('.out.ipynb'));
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) {
      const out = readOutput(join(outDir, n));
      expect(out.metadata.tsml.status, n).toBe('completed');
      const code = codeCells(out).filter((c) => c.source.join('').trim() && !c.metadata.tags?.includes('skip-execution'));
      expect(code.every((c) => typeof c.execution_count === 'number'), n).toBe(true);
    }
  });

  it('runs a course notebook copied away from the repository: packages come from the kernel', { timeout: 180_000 }, async () => {
    const dir = tempDir('portable');
    const nb = join(dir, 'data-and-tensors.ipynb');
    copyFileSync(join(REPO, 'notebooks', '01-data-and-tensors.ipynb'), nb);
    const r = await runTsml([nb, '--cell-timeout', '120'], { env, cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readOutput(join(dir, 'data-and-tensors.out.ipynb')).metadata.tsml.status).toBe('completed');
  });
});
