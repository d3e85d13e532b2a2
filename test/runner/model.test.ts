/** The runner's pure parts that shape the saved notebook: file format, outputs, parameters. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotebookFormatError, parseNotebook, serializeNotebook, type Cell, type Notebook } from '../../kernel/src/runner/notebook.js';
import { OutputCollector } from '../../kernel/src/runner/outputs.js';
import { declarations, declaredParameters, injectParameters, loadParamFile, parseParamValue, tsLiteral, unknownParameters } from '../../kernel/src/runner/parameters.js';
import { tempDir } from './helpers.js';

const msg = (msg_type: string, content: Record<string, unknown>) => ({ header: { msg_type }, content });
const code = (source: string, tags?: string[]): Cell => ({ cell_type: 'code', source, metadata: tags ? { tags } : {}, outputs: [], execution_count: null });
const notebook = (cells: Cell[]): Notebook => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });

describe('notebook file format', () => {
  it('reads line lists as strings and writes them back the way nbformat does', () => {
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { z: 1, a: 2 },
      cells: [
        {
          cell_type: 'code',
          id: 'x',
          metadata: {},
          source: ['a\n', 'b'],
          execution_count: 1,
          outputs: [
            { output_type: 'stream', name: 'stdout', text: ['1\n', '2\n'] },
            { output_type: 'display_data', metadata: {}, data: { 'text/html': ['<b>\n', '</b>'], 'image/png': 'iVBOR\nw0=', 'application/json': { k: ['v'] } } },
          ],
        },
        { cell_type: 'markdown', id: 'y', metadata: {}, source: '' },
      ],
    });
    const nb = parseNotebook(text);
    expect(nb.cells[0].source).toBe('a\nb');
    expect(nb.cells[0].outputs![0]).toMatchObject({ text: '1\n2\n' });
    expect(nb.cells[0].outputs![1]).toMatchObject({ data: { 'text/html': '<b>\n</b>', 'image/png': 'iVBOR\nw0=', 'application/json': { k: ['v'] } } });
    const out = serializeNotebook(nb);
    // Sorted keys, one-space indent, text split into lines, base64 and JSON kept whole.
    expect(out.startsWith('{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 1,\n   "id": "x",')).toBe(true);
    expect(out).toContain('"metadata": {\n  "a": 2,\n  "z": 1\n }');
    expect(out).toContain('"text/html": [\n       "<b>\\n",\n       "</b>"\n      ]');
    expect(out).toContain('"image/png": "iVBOR\\nw0="');
    expect(out).toContain('"source": []');
    expect(out.endsWith('}\n')).toBe(true);
    expect(parseNotebook(out)).toEqual(nb);
  });

  it('rejects what it cannot run with a message naming the file', () => {
    expect(() => parseNotebook('{', 'x.ipynb')).toThrow(/x.ipynb is not valid JSON/);
    expect(() => parseNotebook('{"nbformat": 3, "cells": []}', 'old.ipynb')).toThrow(NotebookFormatError);
    expect(() => parseNotebook('{"nbformat": 3, "cells": []}', 'old.ipynb')).toThrow(/nbformat 3; .*nbconvert/);
    expect(() => parseNotebook('[]', 'list.ipynb')).toThrow(/not a Jupyter notebook/);
  });
});

describe('outputs from iopub (as nbclient saves them)', () => {
  it('merges stream chunks and drops text overwritten by \\r', () => {
    const cell = code('');
    const o = new OutputCollector();
    o.begin(cell);
    o.handle(msg('stream', { name: 'stdout', text: 'a' }));
    o.handle(msg('stream', { name: 'stdout', text: 'b\n10%\r' }));
    o.handle(msg('stream', { name: 'stdout', text: '50%\r' }));
    o.handle(msg('stream', { name: 'stdout', text: '100%\n' }));
    o.handle(msg('stream', { name: 'stderr', text: 'warn\n' }));
    o.handle(msg('stream', { name: 'stdout', text: 'end\n' }));
    expect(cell.outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'ab\n100%\n' },
      { output_type: 'stream', name: 'stderr', text: 'warn\n' },
      { output_type: 'stream', name: 'stdout', text: 'end\n' },
    ]);
  });

  it('clears at once, or at the next output with wait (and not at an update)', () => {
    const cell = code('');
    const o = new OutputCollector();
    o.begin(cell);
    o.handle(msg('stream', { name: 'stdout', text: 'one\n' }));
    o.handle(msg('clear_output', { wait: false }));
    expect(cell.outputs).toEqual([]);
    o.handle(msg('display_data', { data: { 'text/plain': 'x' }, metadata: {}, transient: { display_id: 'd' } }));
    o.handle(msg('clear_output', { wait: true }));
    expect(cell.outputs).toHaveLength(1);
    o.handle(msg('update_display_data', { data: { 'text/plain': 'y' }, metadata: {}, transient: { display_id: 'd' } }));
    expect(cell.outputs).toHaveLength(1);
    o.handle(msg('stream', { name: 'stdout', text: 'two\n' }));
    expect(cell.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'two\n' }]);
    // The cleared display is gone for good: a later update does not bring it back.
    o.handle(msg('update_display_data', { data: { 'text/plain': 'z' }, metadata: {}, transient: { display_id: 'd' } }));
    expect(cell.outputs).toHaveLength(1);
  });

  it('rewrites every output sharing a display_id, in earlier cells too', () => {
    const first = code('');
    const second = code('');
    const o = new OutputCollector();
    o.begin(first);
    o.handle(msg('execute_input', { execution_count: 7 }));
    expect(o.executionCount).toBe(7);
    o.handle(msg('display_data', { data: { 'text/plain': 'v0' }, metadata: {}, transient: { display_id: 'chart' } }));
    o.begin(second);
    o.handle(msg('display_data', { data: { 'text/plain': 'v1' }, metadata: {}, transient: { display_id: 'chart' } }));
    expect(first.outputs![0]).toMatchObject({ data: { 'text/plain': 'v1' } });
    expect(o.handle(msg('update_display_data', { data: { 'text/plain': 'v2' }, metadata: { m: 1 }, transient: { display_id: 'chart' } }))).toBe(true);
    expect(o.handle(msg('update_display_data', { data: { 'text/plain': '?' }, metadata: {}, transient: { display_id: 'unknown' } }))).toBe(false);
    for (const c of [first, second]) expect(c.outputs).toEqual([{ output_type: 'display_data', data: { 'text/plain': 'v2' }, metadata: { m: 1 } }]);
    o.handle(msg('execute_result', { data: { 'text/plain': '3' }, metadata: {}, execution_count: 8 }));
    o.handle(msg('error', { ename: 'E', evalue: 'v', traceback: ['t'] }));
    expect(second.outputs!.slice(1)).toEqual([
      { output_type: 'execute_result', data: { 'text/plain': '3' }, metadata: {}, execution_count: 8 },
      { output_type: 'error', ename: 'E', evalue: 'v', traceback: ['t'] },
    ]);
  });
});

describe('parameters', () => {
  it('types -p values as papermill does', () => {
    const cases: [string, unknown][] = [
      ['0.01', 0.01], ['10', 10], ['-3', -3], ['1e-3', 0.001], ['1_000', 1000], ['.5', 0.5],
      ['true', true], ['True', true], ['false', false], ['False', false], ['null', null], ['None', null],
      ['inf', Infinity], ['-Infinity', -Infinity], ['abc', 'abc'], ['1.2.3', '1.2.3'], ['0x10', '0x10'], ['', ''], ['say "hi"', 'say "hi"'],
    ];
    for (const [text, value] of cases) expect(parseParamValue(text), text).toEqual(value);
    expect(parseParamValue('nan')).toBeNaN();
  });

  it('writes TypeScript literals the papermill translator writes', () => {
    expect(tsLiteral({ a: [1, 'x', null, true], 'b-c': { d: -0, e: NaN } })).toBe('{"a": [1, "x", null, true], "b-c": {"d": -0, "e": NaN}}');
    expect(tsLiteral('line\n"quoted" \u00e9')).toBe('"line\\n\\"quoted\\" \u00e9"');
    expect(declarations({ lr: 0.01, name: 'x' })).toBe('// Parameters\nconst lr = 0.01;\nconst name = "x";');
    expect(() => declarations({ class: 1 })).toThrow(/not a valid TypeScript identifier/);
  });

  it('injects after the parameters cell, at the top without one, and replaces an earlier injection', () => {
    const nb = notebook([code('a'), code('const lr = 1;', ['parameters']), code('b')]);
    expect(injectParameters(nb, { lr: 2 })).toBe(true);
    expect(injectParameters(nb, { lr: 3 })).toBe(true);
    expect(nb.cells.map((c) => c.source)).toEqual(['a', 'const lr = 1;', '// Parameters\nconst lr = 3;', 'b']);
    expect(nb.cells[2].metadata.tags).toEqual(['injected-parameters']);
    expect(nb.cells[2].id).toMatch(/^[0-9a-f]{8}$/);
    const bare = { ...notebook([code('a')]), nbformat_minor: 4 };
    expect(injectParameters(bare, { x: 1 })).toBe(false);
    expect(bare.cells[0].source).toBe('// Parameters\nconst x = 1;');
    expect(bare.cells[0].id).toBeUndefined(); // nbformat 4.4 has no cell ids
  });

  it('reads the names the parameters cell declares (TypeScript, several per statement) and warns about the others', async () => {
    const nb = notebook([code('const x = 1;'), code('const lr: number = 0.1; // learning rate\nlet epochs = 5, batch: number = 32;\nconst { seed } = { seed: 1 };', ['parameters'])]);
    expect(await declaredParameters(nb)).toEqual(['lr', 'epochs', 'batch', 'seed']);
    expect(await declaredParameters(notebook([code('const lr = 1;')]))).toBeUndefined();
    const warnings = unknownParameters({ lr: 1, epoch: 2, Batch: 3, optimizer: 'adam' }, ['lr', 'epochs', 'batch', 'seed']);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toBe("passed unknown parameter 'epoch': the cell tagged 'parameters' does not declare it (it declares lr, epochs, batch, seed); it was injected anyway. Did you mean 'epochs'?");
    expect(warnings[1]).toContain("Did you mean 'batch'?");
    expect(warnings[2]).not.toContain('Did you mean');
  });

  it('reads JSON and YAML parameter files, and says what is wrong with bad ones', () => {
    const dir = tempDir('params');
    const f = (name: string, body: string) => {
      writeFileSync(join(dir, name), body);
      return join(dir, name);
    };
    expect(loadParamFile(f('p.json', '{"lr": 0.1, "layers": [1, 2]}'))).toEqual({ lr: 0.1, layers: [1, 2] });
    expect(loadParamFile(f('p.yml', 'lr: 1e-3\nname: run # comment\nflags: {a: yes}\n'))).toEqual({ lr: 0.001, name: 'run', flags: { a: 'yes' } });
    expect(loadParamFile(f('empty.yaml', ''))).toEqual({});
    expect(() => loadParamFile(f('list.yaml', '- 1\n- 2\n'))).toThrow(/must hold a mapping/);
    expect(() => loadParamFile(f('bad.json', '{lr: 1}'))).toThrow(/bad.json does not parse/);
    expect(() => loadParamFile(join(dir, 'none.yaml'))).toThrow(/cannot read parameter file .*ENOENT/);
  });
});
