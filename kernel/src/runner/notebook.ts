/**
 * The notebook model (nbformat 4) and its file format. In memory, multi-line
 * strings are single strings; on disk they are written the way nbformat writes
 * them (lists of lines, sorted keys, one-space indent), so a notebook executed by
 * `tsml run` diffs cleanly against one saved by JupyterLab or papermill.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type MimeBundle = Record<string, Json>;

export type Output =
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { output_type: 'display_data'; data: MimeBundle; metadata: Record<string, Json> }
  | { output_type: 'execute_result'; data: MimeBundle; metadata: Record<string, Json>; execution_count: number | null }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

export interface Cell {
  id?: string;
  cell_type: 'code' | 'markdown' | 'raw';
  source: string;
  metadata: Record<string, any>;
  outputs?: Output[];
  execution_count?: number | null;
  [extra: string]: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, any>;
  cells: Cell[];
}

export class NotebookFormatError extends Error {}

const joined = (v: unknown): unknown => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? v.join('') : v);

/** nbformat splits text MIME types and these two; JSON types stay objects and base64 images stay one string. */
const splitsLines = (mime: string) => mime.startsWith('text/') || mime === 'application/javascript' || mime === 'image/svg+xml';

function mapBundle(bundle: unknown, f: (v: unknown) => unknown): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, v] of Object.entries((bundle ?? {}) as Record<string, unknown>)) out[mime] = (splitsLines(mime) ? f(v) : v) as Json;
  return out;
}

export function parseNotebook(text: string, where = 'notebook'): Notebook {
  let raw: any;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(`${where} is not valid JSON: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || !Array.isArray(raw.cells)) throw new NotebookFormatError(`${where} is not a Jupyter notebook (no "cells" list)`);
  if (raw.nbformat !== 4) {
    throw new NotebookFormatError(`${where} is nbformat ${raw.nbformat}; tsml run reads nbformat 4 (convert it with: jupyter nbconvert --to notebook --nbformat 4)`);
  }
  const cells: Cell[] = raw.cells.map((c: any) => {
    const cell: Cell = { ...c, source: String(joined(c.source) ?? ''), metadata: c.metadata ?? {} };
    if (c.cell_type === 'code') {
      cell.outputs = (c.outputs ?? []).map((o: any) => {
        const out = { ...o };
        if (o.output_type === 'stream') out.text = joined(o.text);
        if ('data' in o) out.data = mapBundle(o.data, joined);
        return out;
      });
    }
    return cell;
  });
  return { nbformat: 4, nbformat_minor: Number(raw.nbformat_minor ?? 0), metadata: raw.metadata ?? {}, cells };
}

export function readNotebook(path: string): Notebook {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new NotebookFormatError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseNotebook(text, path);
}

/** Python's str.splitlines(keepends=True) for '\n' endings, which is what nbformat stores. */
function splitLines(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const lines = v.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

function sortKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, (value as Record<string, unknown>)[k]]));
}

export function serializeNotebook(nb: Notebook): string {
  const cells = nb.cells.map((c) => {
    const cell: Record<string, unknown> = { ...c, source: splitLines(c.source) };
    if (c.cell_type === 'code') {
      cell.outputs = (c.outputs ?? []).map((o) => {
        if (o.output_type === 'stream') return { ...o, text: splitLines(o.text) };
        if (o.output_type === 'display_data' || o.output_type === 'execute_result') return { ...o, data: mapBundle(o.data, splitLines) };
        return o;
      });
      cell.execution_count ??= null;
    }
    return cell;
  });
  return JSON.stringify({ ...nb, cells }, sortKeys, 1) + '\n';
}

/** Written to a temporary file and renamed, so a reader (or a kill mid-write) never sees half a notebook. */
export function writeNotebook(path: string, nb: Notebook): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tsml-${process.pid}.tmp`;
  writeFileSync(tmp, serializeNotebook(nb));
  renameSync(tmp, path);
}

export const tagsOf = (cell: Cell): string[] => (Array.isArray(cell.metadata?.tags) ? cell.metadata.tags.map(String) : []);
export const hasTag = (cell: Cell, tag: string): boolean => tagsOf(cell).includes(tag);

/** A new cell, with an id when the notebook's nbformat minor version has them (4.5+). */
export function newCell(nb: Notebook, cellType: 'code' | 'markdown', source: string, tags: string[]): Cell {
  const cell: Cell = { cell_type: cellType, source, metadata: { tags } };
  if (cellType === 'code') Object.assign(cell, { execution_count: null, outputs: [] });
  if (nb.nbformat_minor >= 5) cell.id = randomUUID().replace(/-/g, '').slice(0, 8);
  return cell;
}

export function firstLine(source: string): string {
  return source.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
