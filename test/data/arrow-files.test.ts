/**
 * readArrow on compressed Arrow IPC (LZ4_FRAME, pyarrow's Feather default, and
 * ZSTD; files and streams) and readParquet with `columns`, on files written by
 * pyarrow in the project's venv: every value must match.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ColumnTable } from 'arquero';
import * as d from '../../kernel/src/data/index.js';

const PY = join(process.cwd(), '.venv', 'bin', 'python');
const dir = mkdtempSync(join(tmpdir(), 'tsml-arrow-'));
let expected: { columns: string[]; values: Record<string, unknown[]> };

beforeAll(() => {
  execFileSync(PY, [join(__dirname, 'arrow_files.py'), dir], { stdio: 'inherit' });
  expected = JSON.parse(readFileSync(join(dir, 'arrow_expected.json'), 'utf8'));
}, 60_000);

const values = (t: ColumnTable, c: string) => Array.from(t.array(c) as ArrayLike<unknown>, (v) => (typeof v === 'bigint' ? Number(v) : v ?? null));

function expectAll(t: ColumnTable, columns = expected.columns): void {
  expect(t.columnNames()).toEqual(columns);
  expect(t.numRows()).toBe(expected.values.id.length);
  for (const c of columns) expect(values(t, c), c).toEqual(expected.values[c]);
}

describe('readArrow', () => {
  for (const file of ['lz4.feather', 'zstd.feather', 'lz4.arrows', 'zstd.arrows', 'plain.feather']) {
    it(`reads ${file} (pyarrow) with every value intact`, async () => {
      expectAll(await d.readArrow(join(dir, file)));
    });
  }

  it('reads only the columns asked for, in that order, and names the ones that do not exist', async () => {
    expectAll(await d.readArrow(join(dir, 'lz4.feather'), { columns: ['word', 'id'] }), ['word', 'id']);
    await expect(d.readArrow(join(dir, 'zstd.arrows'), { columns: ['id', 'agee', 'wrd'] })).rejects.toThrow(
      /zstd\.arrows: unknown columns 'agee', 'wrd'; the table has: id, x, small, word, cat, flag, big/,
    );
  });

  it('says what a file that is not Arrow is', async () => {
    await expect(d.readArrow(join(dir, 'arrow_expected.json'))).rejects.toThrow(/arrow_expected\.json is not a readable Arrow IPC file/);
  });
});

describe('readParquet', () => {
  it('reads every column by default', async () => {
    expectAll(await d.readParquet(join(dir, 'wide.parquet')));
  });

  it('reads only the columns asked for, in that order, across row groups', async () => {
    expectAll(await d.readParquet(join(dir, 'wide.parquet'), { columns: ['flag', 'x', 'cat'] }), ['flag', 'x', 'cat']);
  });

  it('names the columns that do not exist, and lists those that do', async () => {
    await expect(d.readParquet(join(dir, 'wide.parquet'), { columns: ['x', 'nope'] })).rejects.toThrow(
      /wide\.parquet: unknown column 'nope'; the table has: id, x, small, word, cat, flag, big/,
    );
  });

  it('says what a file that is not Parquet is, with or without columns', async () => {
    await expect(d.readParquet(join(dir, 'lz4.feather'))).rejects.toThrow(/is not a readable Parquet file/);
    await expect(d.readParquet(join(dir, 'lz4.feather'), { columns: ['x'] })).rejects.toThrow(/is not a readable Parquet file/);
    await expect(d.readParquet(join(dir, 'missing.parquet'), { columns: ['x'] })).rejects.toThrow(/no such file/);
  });
});
