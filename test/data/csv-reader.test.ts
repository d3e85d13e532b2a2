/**
 * The CSV reader's edge cases: RFC 4180 quoting, line endings, missing
 * values, typing, errors, and the streaming machinery (chunks that end
 * anywhere, blocks scanned again, restarts) giving the same table as
 * reading the bytes at once.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ColumnTable } from 'arquero';
import { parseCsv, readCsv, DataError, type CsvOptions } from '../../kernel/src/data/index.js';
import { readCsvChunked } from '../../kernel/src/data/loaders/read-csv.js';
import { readHere } from '../../kernel/src/data/csv/parallel.js';
import { FINISHED } from '../../kernel/src/data/csv/worker.js';

const dir = mkdtempSync(join(tmpdir(), 'tsml-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Columns as plain arrays (NaN as null), for comparisons. */
function plain(t: ColumnTable): Record<string, unknown[]> {
  return Object.fromEntries(t.columnNames().map((c) => [c, Array.from(t.array(c) as ArrayLike<unknown>, (v) => (typeof v === 'number' && Number.isNaN(v) ? null : v))]));
}

/** The file read with `chunk`-byte reads (readCsv reads 1 MiB at a time). */
async function chunked(path: string, chunk: number, opts: CsvOptions = {}): Promise<Record<string, unknown[]>> {
  return plain(await readCsvChunked(path, opts, chunk));
}

let files = 0;
function file(content: string | Uint8Array): string {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, content);
  return path;
}

const TRICKY =
  '\ufeffid,name,x,note\r\n' +
  '1,"Smith, J",1.5,"said ""hi"""\r\n' +
  '\r\n' +
  '2,"two\r\nlines",-0.25,plain\r\n' +
  '3,"",+7,"" \r\n' +
  '4,plain,1e3,"a,b"\r\n' +
  '5,NA,.5,\r\n' +
  '6,x,5.,last';

describe('RFC 4180 and pandas conventions', () => {
  it('reads quotes, doubled quotes, embedded CRLF, blank lines, a BOM and a last line without newline', () => {
    expect(plain(parseCsv(TRICKY))).toEqual({
      id: [1, 2, 3, 4, 5, 6],
      name: ['Smith, J', 'two\r\nlines', null, 'plain', null, 'x'],
      x: [1.5, -0.25, 7, 1000, 0.5, 5],
      note: ['said "hi"', 'plain', null, 'a,b', null, 'last'],
    });
  });

  it('gives the same table for every chunk size, down to one byte', async () => {
    const cases: [string, CsvOptions][] = [
      [TRICKY, {}],
      ['skipped line\n# comment, with "quote\na,b\r\n1,x\n# another\n2,3,4\n\n3,"y\n"\n', { skipRows: 1, comment: '#', onBadLines: 'skip' }],
      ['1;2\r3;4\r', { header: false, delimiter: ';' }],
    ];
    for (const [csv, opts] of cases) {
      const path = file(csv);
      const whole = plain(await readCsv(path, opts));
      expect(whole).toEqual(plain(parseCsv(csv, opts)));
      for (let chunk = 1; chunk <= 24; chunk++) expect(await chunked(path, chunk, opts), `chunk ${chunk}`).toEqual(whole);
    }
  });

  it('parses numbers exactly as a full parser does, long mantissas and exponents included', () => {
    const values = ['0.1', '-0', '123456789012345678', '0.30000000000000004', '9007199254740993', '1.7976931348623157e308', '5e-324', '-1.5E-3', '00012', '1234567.890123456789', 'inf', '-Infinity'];
    const t = parseCsv(`v\n${values.join('\n')}\n`);
    const got = Array.from(t.array('v') as Float64Array);
    expect(got.map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(values.map((v) => (v === '-0' ? '-0' : /inf/i.test(v) ? (v.startsWith('-') ? -Infinity : Infinity) : Number(v))));
  });

  it('keeps text that only looks numeric in part (hex, spaces inside, two points) as text', () => {
    expect(plain(parseCsv('a,b,c\n0x10,1 2,1.2.3\n5,6,7\n'))).toEqual({ a: ['0x10', '5'], b: ['1 2', '6'], c: ['1.2.3', '7'] });
  });

  it('reads NA strings, naValues and keepDefaultNa: false', () => {
    expect(plain(parseCsv('a,b\nNA,?\n1,x\n', { naValues: ['?'] }))).toEqual({ a: [null, 1], b: [null, 'x'] });
    expect(plain(parseCsv('a,b\nNA,\n1,x\n', { keepDefaultNa: false }))).toEqual({ a: ['NA', '1'], b: ['', 'x'] });
    // An NA string that is a number is missing, not a value.
    expect(plain(parseCsv('a\n-999\n3\n', { naValues: ['-999'] }))).toEqual({ a: [null, 3] });
  });

  it('types booleans, all-missing columns, and parse specs', () => {
    const t = parseCsv('b,m,d,f\nTrue,,2024-01-02,x\nfalse,NA,2024-03-04,yy\n', { parse: { d: 'date', f: (v) => v.length } });
    expect(plain(t)).toMatchObject({ b: [true, false], m: [null, null], f: [1, 2] });
    expect((t.array('d') as Date[])[1]).toEqual(new Date('2024-03-04'));
  });

  it('reads header options, comments, skipRows and nrows', () => {
    expect(plain(parseCsv('junk\n# note\na,,a\n1,2,3\n# more\n4,5,6\n', { skipRows: 1, comment: '#' }))).toEqual({ a: [1, 4], 'Unnamed: 1': [2, 5] });
    expect(plain(parseCsv('1,2\n3,4\n', { header: false }))).toEqual({ col1: [1, 3], col2: [2, 4] });
    expect(plain(parseCsv('1,2\n3,4\n', { header: false, names: ['p', 'q'] }))).toEqual({ p: [1, 3], q: [2, 4] });
    expect(plain(parseCsv('a\n1\n2\n3\n', { nrows: 2 }))).toEqual({ a: [1, 2] });
    expect(plain(parseCsv('a;b\n1;x\n', { delimiter: ';', columns: ['b'] }))).toEqual({ b: ['x'] });
    expect(parseCsv('').columnNames()).toEqual([]);
  });
});

describe('errors name the line', () => {
  it('of a ragged row after a quoted newline, or skips and lists such rows', () => {
    const csv = 'a,b\n"x\ny",1\n2,3,4\n5,6\n';
    expect(() => parseCsv(csv, { source: 'f.csv' })).toThrow(/line 4 in f\.csv has 3 fields but the header has 2/);
    expect(plain(parseCsv(csv, { onBadLines: 'skip' }))).toEqual({ a: ['x\ny', '5'], b: [1, 6] });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    parseCsv(csv, { onBadLines: 'warn' });
    expect(err.mock.calls.join('')).toMatch(/skipped 1 bad line\(s\): line 4 \(3 fields\)/);
    err.mockRestore();
  });

  it('of an unterminated quote, a stray character after a quote, and a value that parse rejects', () => {
    expect(() => parseCsv('a\n1\n"open\n')).toThrow(/unterminated quoted field starting on line 3/);
    expect(() => parseCsv('a,b\n"x"y,1\n')).toThrow(/unexpected character after a quoted field on line 2/);
    expect(() => parseCsv('a\n1\n2.5\n', { parse: { a: 'int' } })).toThrow(/column 'a', line 3: '2\.5' is not an integer/);
    expect(() => parseCsv('a\n1\nx\n', { parse: { a: 'number' } })).toThrow(/column 'a', line 3: 'x' is not a number/);
    expect(() => parseCsv('a\n1\n', { columns: ['b'] })).toThrow(DataError);
  });
});

describe('a column that turns out to be text', () => {
  const rows = (n: number, at: number, value: string) => ['v,w', ...Array.from({ length: n }, (_, i) => `${i === at ? value : (i * 0.5).toFixed(2)},"q""${i}"`)].join('\n');

  it('within the first block keeps every value as written', () => {
    const t = plain(parseCsv(rows(100, 50, 'abc')));
    expect(t.v[0]).toBe('0.00');
    expect(t.v[50]).toBe('abc');
    expect(t.w[99]).toBe('q"99');
  });

  it('after earlier blocks of numbers is read again as text', async () => {
    const csv = rows(5000, 4500, 'abc');
    const t = plain(parseCsv(csv));
    expect(t.v.slice(0, 2)).toEqual(['0.00', '0.50']);
    expect(t.v[4500]).toBe('abc');
    expect(await chunked(file(csv), 4096)).toEqual(plain(await readCsv(file(csv))));
  });

  it('after blocks of missing values only needs no second read', () => {
    const csv = ['v,w', ...Array.from({ length: 5000 }, (_, i) => (i === 4999 ? 'abc,1' : 'NA,1'))].join('\n');
    const t = plain(parseCsv(csv));
    expect(t.v.filter((v) => v !== null)).toEqual(['abc']);
    expect(t.v).toHaveLength(5000);
  });
});

describe('encodings', () => {
  it('reads latin1 and UTF-16 files, and multi-byte UTF-8 across chunk boundaries', async () => {
    expect(plain(await readCsv(file(Buffer.from('n,c\nJosé,Zürich\n', 'latin1')), { encoding: 'latin1' }))).toEqual({ n: ['José'], c: ['Zürich'] });
    expect(plain(await readCsv(file(Buffer.from('\ufeffn\nÅse\n', 'utf16le')), { encoding: 'utf-16le' }))).toEqual({ n: ['Åse'] });
    const path = file('n,v\nZoë,1\n日本語,2\n"ünï ""q""",3\n');
    for (let chunk = 1; chunk <= 12; chunk++) expect(await chunked(path, chunk)).toEqual({ n: ['Zoë', '日本語', 'ünï "q"'], v: [1, 2, 3] });
  });
});

describe('a large file read on two threads', () => {
  // The worker thread runs the compiled reader, so this uses the build (npm run build), as the kernel does.
  const built = import('../../kernel/dist/data/loaders/read-csv.js') as Promise<typeof import('../../kernel/src/data/loaders/read-csv.js')>;
  const outcome = (read: Promise<ColumnTable>) => read.then(plain, (e: Error) => e.message);

  /** The file read on two threads (every file is large enough here) and on one. */
  async function both(csv: string, opts: CsvOptions = {}, chunk?: number) {
    const { readCsvChunked: read } = await built;
    const path = file(csv);
    return { two: await outcome(read(path, opts, chunk, 0)), one: await outcome(read(path, opts, chunk, Infinity)) };
  }

  const lines = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n');

  it('gives the table one thread gives: quotes, CRLF, blank lines, NA, wherever the middle falls', async () => {
    const body = lines(600, (i) => `${i},"n ${i}, ""q""",${i % 7 ? (i / 8).toFixed(3) : 'NA'},${i % 5 ? 'x' : '"two\r\nlines"'}\r\n${i % 50 ? '' : '\r\n'}`);
    for (const chunk of [64, 1000]) {
      const { two, one } = await both(`id,name,v,note\r\n${body}`, {}, chunk);
      expect(two).toEqual(one);
      expect((two as Record<string, unknown[]>).id).toHaveLength(600);
    }
  });

  it('falls back to one thread when the middle line break is inside a quoted field, or the header reaches it', async () => {
    const quoted = await both(`a,b\n1,"${'x\n'.repeat(2000)}"\n2,y\n`);
    expect(quoted.two).toEqual(quoted.one);
    const header = await both(`${Array.from({ length: 3000 }, (_, k) => `c${k}`).join(',')}\n${Array.from({ length: 3000 }, (_, k) => k).join(',')}\n`);
    expect(header.two).toEqual(header.one);
    expect(Object.keys(header.two)).toHaveLength(3000);
  });

  it('joins columns typed differently by the two halves, or reads again', async () => {
    const late = lines(4000, (i) => `${i === 3500 ? 'text' : i},${i < 2000 ? 'NA' : 'b'},${i < 2000 ? 'a' : ''}`);
    const { two, one } = await both(`n,m,t\n${late}\n`);
    expect(two).toEqual(one);
    expect((one as Record<string, unknown[]>).n[0]).toBe('0');
  });

  it('reads a lagging worker\'s part on this thread too, and gives up once the worker is done', async () => {
    const path = file(`a,b\n${lines(3000, (i) => `${i},"q${i % 7}"`)}\n`);
    const progress = new Int32Array(new SharedArrayBuffer(8));
    const opts = { na: new Set(['']), label: 'utf-8', header: false, names: ['a', 'b'], middle: true };
    const job = { path, from: 4, to: (await import('node:fs')).statSync(path).size, chunk: 1024, opts, progress: progress.buffer as SharedArrayBuffer };
    const part = await readHere(job, progress);
    expect(part?.rows).toBe(3000);
    expect(Array.from((part!.columns[0] as { values: Float64Array }).values.subarray(0, 3))).toEqual([0, 1, 2]);
    Atomics.store(progress, FINISHED, 1);
    expect(await readHere(job, progress)).toBeUndefined();
  });

  it('reports an error in the second half with its true line number, and lists skipped lines', async () => {
    const ragged = lines(3000, (i) => (i === 2500 ? '1,2,3' : `${i},"q\nq"`));
    const { two, one } = await both(`a,b\n${ragged}\n`);
    expect(two).toBe(one);
    expect(two).toMatch(/line 5002 in .* has 3 fields/);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const skipped = await both(`a,b\n${ragged}\n`, { onBadLines: 'warn' });
    expect(err.mock.calls.map(String)).toEqual([expect.stringMatching(/line 5002 \(3 fields\)/), expect.stringMatching(/line 5002 \(3 fields\)/)]);
    err.mockRestore();
    expect(skipped.two).toEqual(skipped.one);
  });
});
