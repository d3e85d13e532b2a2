/**
 * Execution history, persisted across kernel restarts as JSON lines (one file
 * per kernel name). Each kernel start is a new session number, as in IPython;
 * `history_request` reads tail, range and glob search.
 */
import { existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
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

export class History {
  private entries: HistoryEntry[] = [];
  private loaded = false;
  session = 1;

  constructor(readonly file: string, private readonly maxEntries = 10_000) {}

  /** Reads earlier sessions; cheap enough to run after start, off the first request's path. */
  load(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!existsSync(this.file)) return;
    const lines = readFileSync(this.file, 'utf8').split('\n');
    for (const l of lines.slice(-this.maxEntries)) {
      if (!l) continue;
      try {
        const e = JSON.parse(l) as HistoryEntry;
        if (typeof e.session === 'number' && typeof e.source === 'string') this.entries.push(e);
      } catch {
        // A torn last line after a crash: skip it, keep the rest.
      }
    }
    this.session = this.entries.reduce((m, e) => Math.max(m, e.session), 0) + 1;
  }

  private fd: number | undefined | null;

  /** Appends through a file kept open: one write per cell, no open/close on the reply's path. */
  add(line: number, source: string, output?: string): void {
    this.load();
    const e: HistoryEntry = { session: this.session, line, source, ...(output !== undefined ? { output } : {}) };
    this.entries.push(e);
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
    const e = this.entries.findLast((x) => x.session === this.session && x.line === line);
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
