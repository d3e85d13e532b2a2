import { describe, expect, it } from 'vitest';
import { mkdtempSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globToRegExp, History } from '../../kernel/src/engine/history.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'tsml-hist-')), 'h.jsonl');

describe('History', () => {
  it('numbers sessions across restarts and answers tail, range and search', () => {
    const f = file();
    const a = new History(f);
    a.add(1, 'const a = 1');
    a.add(2, 'a + 1', '2');
    const b = new History(f);
    b.add(1, 'const b = 2');
    expect(b.session).toBe(2);
    expect(b.query({ hist_access_type: 'tail', n: 2 })).toEqual([[1, 2, 'a + 1'], [2, 1, 'const b = 2']]);
    expect(b.query({ hist_access_type: 'range', session: -1, start: 2, stop: 3, output: true })).toEqual([[1, 2, ['a + 1', '2']]]);
    expect(b.query({ hist_access_type: 'search', pattern: 'const*' }).map((t) => t[2])).toEqual(['const a = 1', 'const b = 2']);
  });

  it('deduplicates searches with unique and limits with n', () => {
    const h = new History(file());
    for (const s of ['x', 'y', 'x', 'z']) h.add(1, s);
    expect(h.query({ hist_access_type: 'search', pattern: '?', unique: true }).map((t) => t[2])).toEqual(['y', 'x', 'z']);
    expect(h.query({ hist_access_type: 'search', pattern: '*', n: 1 }).map((t) => t[2])).toEqual(['z']);
  });

  it('skips a torn last line after a crash', () => {
    const f = file();
    new History(f).add(1, 'ok');
    appendFileSync(f, '{"session": 1, "li');
    expect(new History(f).query({ hist_access_type: 'tail', n: 5 })).toEqual([[1, 1, 'ok']]);
  });

  it('matches globs on the whole input', () => {
    expect(globToRegExp('a*c').test('abbc')).toBe(true);
    expect(globToRegExp('a?c').test('abbc')).toBe(false);
    expect(globToRegExp('(x)*').test('(x) + 1')).toBe(true);
  });
});

describe('History start-up', () => {
  it('numbers a new session from the end of a long file without reading the rest, and reads it all when asked', () => {
    const f = file();
    const lines = [];
    for (let s = 1; s <= 40; s++) for (let l = 1; l <= 50; l++) lines.push(JSON.stringify({ session: s, line: l, source: `x${l} = ${'#'.repeat(40)}` }));
    appendFileSync(f, lines.join('\n') + '\n'); // ~150 KiB: more than the tail read for the number
    const h = new History(f);
    h.add(1, 'first');
    h.add(2, 'second', '2');
    h.setOutput(1, 'one');
    expect(h.session).toBe(41);
    // A history request reads the whole file; this session's lines are not doubled.
    expect(h.query({ hist_access_type: 'range', session: 0, output: true })).toEqual([[41, 1, ['first', 'one']], [41, 2, ['second', '2']]]);
    expect(h.query({ hist_access_type: 'tail', n: 3 }).map((t) => t.slice(0, 2))).toEqual([[40, 50], [41, 1], [41, 2]]);
    expect(new History(f).session).toBe(42);
  });
});
