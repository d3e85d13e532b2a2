/** `tsml run` on single notebooks, against the real kernel over the real protocol. */
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { alive, codeCells, kernelEnv, readOutput, runTsml, src, tempDir, text, writeNotebook } from './helpers.js';

let env: NodeJS.ProcessEnv;
let dir: string;

beforeAll(() => {
  env = kernelEnv();
  dir = realpathSync(tempDir());
});

describe('tsml run', () => {
  it('runs a passing notebook and saves outputs, counts and timings as nbclient would', async () => {
    const nb = writeNotebook(dir, 'pass.ipynb', [
      '# Title',
      'const xs = [1, 2, 3];\nconsole.log("sum", xs.reduce((a, b) => a + b));\nconsole.log("more")',
      'console.log(process.env.TSML_TEST_SPEC, process.cwd())',
      'const bar = display("step 0", { display_id: true });\nbar.update("step 1");',
      'for (let i = 0; i < 3; i++) { clearOutput({ wait: true }); console.log(`tick ${i}`); }',
      'bar.update("done"); xs.length * 2',
      '   ',
      { source: 'console.log("must not run")', tags: ['skip-execution'] },
      { source: 'throw new TypeError("expected")', tags: ['raises-exception'] },
      'console.log("after the expected error")',
    ]);
    const r = await runTsml([nb], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pass\.ipynb: cell 1\/7 \d+\.\ds const xs = \[1, 2, 3\];/);
    expect(r.stdout).toMatch(/✓ .*pass\.ipynb: ok, 7 cells in [\d.]+s -> .*pass\.out\.ipynb/);

    const out = readOutput(join(dir, 'pass.out.ipynb'));
    const cells = codeCells(out);
    expect(cells.map((c) => c.execution_count)).toEqual([1, 2, 3, 4, 5, null, null, 6, 7]);
    expect(cells[0].outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: ['sum 6\n', 'more\n'] }]);
    // The kernelspec found through JUPYTER_PATH ran, in the notebook's directory.
    expect(text(cells[1])).toBe(`from-prefix ${dir}\n`);
    // A display updated from a later cell is saved in its final state.
    expect(cells[2].outputs).toHaveLength(1);
    expect(cells[2].outputs![0].data['text/plain']).toEqual(["'done'"]);
    expect(text(cells[3])).toBe('tick 2\n');
    expect(cells[4].outputs!.at(-1)).toMatchObject({ output_type: 'execute_result', execution_count: 5, data: { 'text/plain': ['6'] } });
    expect(cells[6].outputs).toEqual([]);
    expect(cells[6].metadata.tsml.status).toBe('skipped');
    expect(cells[7].outputs![0]).toMatchObject({ output_type: 'error', ename: 'TypeError', evalue: 'expected' });
    expect(text(cells[8])).toBe('after the expected error\n');
    for (const c of [cells[0], cells[4], cells[8]]) {
      const t = c.metadata.tsml;
      expect(t.status).toBe('completed');
      expect(t.duration).toBeGreaterThanOrEqual(0);
      expect(Date.parse(t.end_time)).toBeGreaterThanOrEqual(Date.parse(t.start_time));
    }
    expect(out.metadata.tsml).toMatchObject({ status: 'completed', exception: false, kernel: 'tsml', input_path: nb });
    expect(out.cells.some((c) => c.metadata.tags?.includes('tsml-error'))).toBe(false);
  });

  it('stops at a cell that throws: output has cells 1-3 and the error, a banner, exit 1', async () => {
    const nb = writeNotebook(dir, 'fail.ipynb', [
      'const lr = -0.1;',
      'console.log("two")',
      'function check(x: number) {\n  if (x <= 0) throw new RangeError(`learning rate must be positive, got ${x}`);\n}\ncheck(lr)',
      'console.log("never")',
    ]);
    // A stale output from an earlier run must not survive in the unexecuted cell.
    const raw = JSON.parse(readFileSync(nb, 'utf8'));
    raw.cells[3].outputs = [{ output_type: 'stream', name: 'stdout', text: ['stale\n'] }];
    raw.cells[3].execution_count = 9;
    writeFileSync(nb, JSON.stringify(raw));

    const r = await runTsml([nb], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ .*fail\.ipynb: FAILED at cell 3\/4 \(In \[3\]\) after [\d.]+s: RangeError: learning rate must be positive, got -0.1/);
    expect(r.stderr).toContain('Cell In[3], line 2');

    const out = readOutput(join(dir, 'fail.out.ipynb'));
    const banner = out.cells[0];
    expect(banner.cell_type).toBe('markdown');
    expect(banner.metadata.tags).toEqual(['tsml-error']);
    expect(src(banner)).toContain('An exception was encountered at <a href="#tsml-error-cell">In [3]</a>');
    expect(src(banner)).toContain('RangeError: learning rate must be positive');
    const cells = codeCells(out);
    expect(cells.map((c) => c.execution_count)).toEqual([1, 2, 3, null]);
    expect(text(cells[1])).toBe('two\n');
    expect(cells[2].outputs).toHaveLength(1);
    expect(cells[2].outputs![0]).toMatchObject({ output_type: 'error', ename: 'RangeError' });
    expect(cells[2].outputs![0].traceback.join('\n')).toContain('line 2');
    expect(cells[2].metadata.tsml).toMatchObject({ status: 'failed', exception: true });
    expect(cells[3].outputs).toEqual([]);
    expect(cells[3].metadata.tsml.status).toBe('pending');
    const anchor = out.cells[out.cells.indexOf(cells[2]) - 1];
    expect(src(anchor)).toContain('id="tsml-error-cell"');
    expect(out.metadata.tsml).toMatchObject({ status: 'failed', exception: true });

    // Running the output again replaces the banner instead of stacking a second one.
    const again = await runTsml([join(dir, 'fail.out.ipynb'), '-o', join(dir, 'fail.again.ipynb')], { env });
    expect(again.code).toBe(1);
    expect(readOutput(join(dir, 'fail.again.ipynb')).cells.filter((c) => c.metadata.tags?.includes('tsml-error'))).toHaveLength(2);
  });

  it('--allow-errors records errors, runs every cell, lists the cells that failed and exits 5', async () => {
    const nb = writeNotebook(dir, 'errors.ipynb', ['throw new Error("first")', 'console.log("still runs")', 'undefinedName', { source: 'throw new Error("expected")', tags: ['raises-exception'] }]);
    const r = await runTsml([nb, join(dir, 'errors-out.ipynb'), '--allow-errors'], { env });
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('errors.ipynb: ERRORS: ran 4 cells');
    expect(r.stdout).toContain('2 raised an error (--allow-errors)');
    // The tagged cell was expected to fail: it is not listed.
    expect(r.stderr).toBe(`  ${nb}: cell 1/4 (In [1]): Error: first\n  ${nb}: cell 3/4 (In [3]): ReferenceError: undefinedName is not defined\n`);
    const out = readOutput(join(dir, 'errors-out.ipynb'));
    const cells = codeCells(out);
    expect(cells.map((c) => c.outputs![0].ename ?? c.outputs![0].text.join(''))).toEqual(['Error', 'still runs\n', 'ReferenceError', 'Error']);
    expect(out.metadata.tsml).toMatchObject({ status: 'completed_with_errors', exception: true });
    // Only expected errors: exit 0.
    const tagged = writeNotebook(dir, 'expected.ipynb', [{ source: 'throw new Error("expected")', tags: ['raises-exception'] }, '1']);
    const ok = await runTsml([tagged, '--allow-errors'], { env });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
  });

  it.each(['tsml', 'tsml-signal'])('interrupts a hanging cell at --cell-timeout (kernelspec %s), writes the output and exits 3', async (kernel) => {
    const nb = writeNotebook(dir, 'hang.ipynb', ['console.log(process.pid)', 'let n = 0;\nwhile (true) { n++ }', 'console.log("never", n)'], kernel);
    const t0 = Date.now();
    const r = await runTsml([nb, '--cell-timeout', '1'], { env });
    expect(r.code).toBe(3);
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(r.stdout).toMatch(/TIMED OUT at cell 2\/3 .*CellTimeoutError: the cell did not finish within 1 s/);
    const out = readOutput(join(dir, 'hang.out.ipynb'));
    const cells = codeCells(out);
    // The kernel got the interrupt: its own KeyboardInterrupt error came back before the runner's timeout error.
    expect(cells[1].outputs!.map((o) => o.ename)).toEqual(['KeyboardInterrupt', 'CellTimeoutError']);
    expect(cells[2].execution_count).toBeNull();
    expect(out.metadata.tsml).toMatchObject({ status: 'timeout', kernel });
    expect(src(out.cells[0])).toContain('CellTimeoutError');
    const pid = Number(text(cells[0]));
    expect(alive(pid)).toBe(false);
  });

  it('stops at --timeout for the whole notebook (exit 3)', async () => {
    // Kernel start counts too.
    const sleep = 'await new Promise((r) => setTimeout(r, 1000));';
    const nb = writeNotebook(dir, 'slow.ipynb', [sleep, sleep, sleep, sleep]);
    const r = await runTsml([nb, '--timeout', '2.5'], { env });
    expect(r.code).toBe(3);
    const cells = codeCells(readOutput(join(dir, 'slow.out.ipynb')));
    const failed = cells.findIndex((c) => c.metadata.tsml.status === 'failed');
    // Where the limit lands depends on how fast the kernel started: any cell but the last (a loaded
    // machine has taken 1.5 s to start one, so the first cell can be the one stopped).
    expect(failed).toBeGreaterThanOrEqual(0);
    expect(failed).toBeLessThan(cells.length - 1);
    expect(cells[failed].outputs!.at(-1)!.ename).toBe('NotebookTimeoutError');
    expect(cells.slice(failed + 1).every((c) => c.execution_count === null)).toBe(true);
  });

  it('reports a kernel that dies mid-cell (exit 4)', async () => {
    const nb = writeNotebook(dir, 'die.ipynb', ['1 + 1', 'process.kill(process.pid, "SIGKILL")', '2']);
    const r = await runTsml([nb], { env });
    expect(r.code).toBe(4);
    const cells = codeCells(readOutput(join(dir, 'die.out.ipynb')));
    expect(cells[1].outputs!.at(-1)).toMatchObject({ ename: 'DeadKernelError' });
    expect(cells[1].outputs!.at(-1)!.evalue).toContain('killed by SIGKILL');
    expect(cells[2].execution_count).toBeNull();
  });

  it('injects -p and -f (YAML) parameters after the parameters cell', async () => {
    const nb = writeNotebook(dir, 'params.ipynb', [
      'const before = 1;',
      { source: 'const lr = 0.1;\nconst epochs = 1;\nconst name = "default";\nconst layers = [8];\nconst debug = false;', tags: ['parameters'] },
      'console.log(JSON.stringify({ before, lr, epochs, name, layers, debug, opts, nothing }))',
    ]);
    const yaml = join(dir, 'params.yaml');
    writeFileSync(yaml, 'lr: 0.5\nlayers: [64, 64, 1]\nname: from-yaml\nopts:\n  act: relu\n  dropout: 0.2\n');
    const r = await runTsml([nb, '-f', yaml, '-p', 'epochs', '20', '-p', 'name', 'say "hi"', '-p', 'debug', 'true', '-p', 'nothing', 'null'], { env });
    expect(r.code).toBe(0);
    const out = readOutput(join(dir, 'params.out.ipynb'));
    const cells = codeCells(out);
    expect(cells[2].metadata.tags).toEqual(['injected-parameters']);
    expect(src(cells[2]).split('\n')).toEqual([
      '// Parameters',
      'const lr = 0.5;',
      'const layers = [64, 64, 1];',
      'const name = "say \\"hi\\"";',
      'const opts = {"act": "relu", "dropout": 0.2};',
      'const epochs = 20;',
      'const debug = true;',
      'const nothing = null;',
    ]);
    expect(JSON.parse(text(cells[3]))).toEqual({
      before: 1,
      lr: 0.5,
      epochs: 20,
      name: 'say "hi"',
      layers: [64, 64, 1],
      debug: true,
      opts: { act: 'relu', dropout: 0.2 },
      nothing: null,
    });
    expect(out.metadata.tsml.parameters).toMatchObject({ lr: 0.5, epochs: 20 });
    // As papermill: a parameter the parameters cell does not declare is injected, with a warning.
    const unknown = r.stderr.split('\n').filter(Boolean);
    expect(unknown).toEqual([
      `${nb}: warning: passed unknown parameter 'opts': the cell tagged 'parameters' does not declare it (it declares lr, epochs, name, layers, debug); it was injected anyway.`,
      `${nb}: warning: passed unknown parameter 'nothing': the cell tagged 'parameters' does not declare it (it declares lr, epochs, name, layers, debug); it was injected anyway.`,
    ]);
    const small = writeNotebook(dir, 'typo.ipynb', [{ source: 'const lr = 0.1;\nconst epochs = 1;', tags: ['parameters'] }, 'lr * epochs']);
    const typo = await runTsml([small, '-p', 'epoch', '3', '-p', 'lr', '1'], { env });
    expect(typo.code).toBe(0);
    expect(typo.stderr).toContain("passed unknown parameter 'epoch'");
    expect(typo.stderr).toContain("Did you mean 'epochs'?");
    expect(typo.stderr).not.toContain("'lr':");
  });

  it('rejects bad usage with exit 2 and a message', async () => {
    const nb = writeNotebook(dir, 'usage.ipynb', ['1']);
    const cases: [string[], RegExp][] = [
      [[nb, '--frobnicate'], /unknown option --frobnicate/],
      [[join(dir, 'missing.ipynb')], /no such notebook or directory/],
      [[nb, '-p', 'not-a-name', '1'], /not a valid TypeScript identifier/],
      [[nb, '--shard', '3/2'], /--shard needs I\/N/],
      [[nb, '--cell-timeout', 'soon'], /--cell-timeout needs a positive number/],
      [[nb, nb], /would overwrite it|was not written by tsml run/],
      [[nb, '--kernel', 'no-such-kernel'], /no kernelspec named 'no-such-kernel'/],
    ];
    for (const [args, message] of cases) {
      const r = await runTsml(args, { env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr + r.stdout).toMatch(message);
    }
  });
});
