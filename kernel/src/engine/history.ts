/**
 * Execution history, persisted across kernel restarts as JSON lines (one file
 * per kernel name). Each kernel start is a new session number, as in IPython;
 * `history_request` reads tail, range and glob search.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HistoryRequest } from '../protocol/messages.js';

export interface HistoryEntry {
  session: number;
  line: number;
  source: string;
  output?: string;
}

type Tuple = [number, number, string | [string, string | null]];

export function defaultHistoryFile(kernelName: string): string {
  if (process.env.TSML_HISTORY_FILE) return process.env.TSML_HISTORY_FILE;
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'tsml', 'history', `${kernelName.replace(/[^\w.-]/g, '_')}.jsonl`);
}

/** `*` and `?` globs as in IPython's history search; the pattern matches the whole input. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${body}$`);
}

/** Valid history entries among JSON lines (a torn last line after a crash is skipped). */
function parseLines(lines: string[]): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const l of lines) {
    if (!l) continue;
    try {
      const e = JSON.parse(l) as HistoryEntry;
      if (typeof e.session === 'number' && typeof e.source === 'string') out.push(e);
    } catch {
      // skip it, keep the rest
    }
  }
  return out;
}

const maxSession = (entries: HistoryEntry[]) => entries.reduce((m, e) => Math.max(m, e.session), 0);

/** The last `bytes` of a file as whole lines (the first, cut, line dropped); null when no line fits. */
function tailLines(file: string, bytes: number): string[] | null {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - bytes);
    const buf = Buffer.alloc(size - start);
    readSync(fd, buf, 0, buf.length, start);
    const lines = buf.toString('utf8').split('\n');
    if (start > 0) lines.shift();
    return lines.length > 1 || start === 0 ? lines : null;
  } finally {
    closeSync(fd);
  }
}

export class History {
  private entries: HistoryEntry[] = [];
  /** This session's entries added before the file was read. */
  private early: HistoryEntry[] = [];
  private loaded = false;
  private number: number | undefined;

  constructor(readonly file: string, private readonly maxEntries = 10_000) {}

  /**
   * This kernel's session number: one more than the last one in the file.
   * Found from the file's tail, so the first cell does not wait for the whole
   * history (which grows with every session) to be read.
   */
  get session(): number {
    if (this.number === undefined) {
      const tail = this.loaded || !existsSync(this.file) ? null : tailLines(this.file, 64 * 1024);
      if (tail) this.number = maxSession(parseLines(tail)) + 1;
      else this.load();
    }
    return this.number!;
  }

  /** Reads earlier sessions (the kernel does this once idle, or on the first history request). */
  load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const earlier = existsSync(this.file) ? parseLines(readFileSync(this.file, 'utf8').split('\n').slice(-this.maxEntries)) : [];
    this.number ??= maxSession(earlier) + 1;
    // This session's lines are in the file too; the copies in memory are the ones kept.
    this.entries = [...earlier.filter((e) => e.session !== this.number), ...this.early];
    this.early = [];
  }

  private fd: number | undefined | null;

  /** Appends through a file kept open: one write per cell, no open/close on the reply's path. */
  add(line: number, source: string, output?: string): void {
    const e: HistoryEntry = { session: this.session, line, source, ...(output !== undefined ? { output } : {}) };
    (this.loaded ? this.entries : this.early).push(e);
    if (this.fd === undefined) {
      try {
        mkdirSync(dirname(this.file), { recursive: true });
        this.fd = openSync(this.file, 'a');
      } catch {
        this.fd = null; // a read-only home must not break execution; history then lives in memory only
      }
    }
    if (this.fd === null) return;
    try {
      writeSync(this.fd, JSON.stringify(e) + '\n');
    } catch {
      this.fd = null; // disk full or file gone: keep running with the in-memory history
    }
  }

  setOutput(line: number, output: string): void {
    const e = (this.loaded ? this.entries : this.early).findLast((x) => x.session === this.session && x.line === line);
    if (e) e.output = output;
  }

  private tuple(e: HistoryEntry, output: boolean): Tuple {
    return [e.session, e.line, output ? [e.source, e.output ?? null] : e.source];
  }

  query(req: HistoryRequest): Tuple[] {
    this.load();
    const output = Boolean(req.output);
    let picked: HistoryEntry[];
    switch (req.hist_access_type) {
      case 'tail':
        picked = this.entries.slice(-(req.n ?? 10));
        break;
      case 'range': {
        // Session 0 is the current one, negative numbers count back from it (IPython).
        const s = req.session ?? 0;
        const session = s <= 0 ? this.session + s : s;
        const start = req.start ?? 1;
        const stop = req.stop ?? Infinity;
        picked = this.entries.filter((e) => e.session === session && e.line >= start && e.line < stop);
        break;
      }
      case 'search': {
        const re = globToRegExp(req.pattern ?? '*');
        picked = this.entries.filter((e) => re.test(e.source));
        if (req.unique) {
          const seen = new Set<string>();
          picked = picked.reverse().filter((e) => !seen.has(e.source) && seen.add(e.source)).reverse();
        }
        if (req.n) picked = picked.slice(-req.n);
        break;
      }
      default:
        picked = [];
    }
    return picked.map((e) => this.tuple(e, output));
  }
}
