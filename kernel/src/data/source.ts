/**
 * Bytes and text from a path or URL: local paths resolve from the notebook's
 * directory; http(s) URLs are fetched; text is decoded as UTF-8 (a BOM is
 * dropped) or latin1. Large files can also be read a chunk at a time.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from './errors.js';
import { toShared } from '../util/shared-memory.js';

export type Encoding = 'utf-8' | 'utf8' | 'latin1' | 'iso-8859-1' | 'windows-1252' | 'utf-16le';

const isUrl = (s: string) => /^https?:\/\//i.test(s);
const localPath = (s: string) => (s.startsWith('file:') ? fileURLToPath(s) : resolve(s));

/** The path of a local file source, undefined for a URL. */
export const localFile = (source: string | URL): string | undefined => (isUrl(String(source)) ? undefined : localPath(String(source)));

function fileError(e: unknown, path: string): DataError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new DataError(`no such file: ${path} (paths are relative to the notebook's folder, ${process.cwd()})`);
  if (code === 'EISDIR') return new DataError(`${path} is a directory; give the path of a file in it`);
  return new DataError(`could not read ${path}: ${(e as Error).message}`);
}

export async function readBytes(source: string | URL): Promise<Uint8Array> {
  const s = String(source);
  if (isUrl(s)) {
    let res: Response;
    try {
      res = await fetch(s);
    } catch (e) {
      throw new DataError(`could not fetch ${s}: ${(e as Error).message}. Check the URL and your network, or download the file and read it by path.`);
    }
    if (!res.ok) throw new DataError(`could not fetch ${s}: HTTP ${res.status} ${res.statusText}`);
    return new Uint8Array(await res.arrayBuffer());
  }
  // Synchronous: what follows (decoding, parsing) blocks as long anyway, and fs.promises reads in 512 KiB steps.
  const path = localPath(s);
  return fileCall(path, () => readFileSync(path));
}

/** What readChunks feeds. */
export interface ChunkSink {
  /** The whole input's size, once known. */
  size(total: number): void;
  /** Takes what it can of `bytes` and says how much; the rest is offered again, followed by the next bytes. */
  push(bytes: Uint8Array, final: boolean): number;
  /** Wants no more bytes. */
  readonly done: boolean;
}

/**
 * Feeds a file to `sink` through one reused buffer of about `chunk` bytes
 * (grown only for a longer record), so a large file is never all in memory:
 * fresh memory costs a page fault per 4 KiB on first touch, which for a file
 * read whole takes longer than reading it. `range` reads bytes [from, to)
 * only (the file size decides the end otherwise). Reads are synchronous: what the
 * sink does between them is synchronous work anyway, and awaiting each read
 * (a thread-pool round trip) cost more than the read. A URL is fetched whole.
 */
export async function readChunks(source: string | URL, sink: ChunkSink, chunk = 1 << 20, range?: { from: number; to: number }): Promise<void> {
  const s = String(source);
  if (isUrl(s)) {
    const bytes = await readBytes(s);
    sink.size(bytes.length);
    sink.push(bytes, true);
    return;
  }
  const path = localPath(s);
  const fd = fileCall(path, () => openSync(path, 'r'));
  try {
    const { from, to } = range ?? { from: 0, to: fileCall(path, () => fstatSync(fd).size) };
    sink.size(to - from);
    let buffer = new Uint8Array(chunk);
    let held = 0;
    for (let at = from, final = false; !final && !sink.done; ) {
      if (held === buffer.length) {
        const bigger = new Uint8Array(buffer.length * 2);
        bigger.set(buffer);
        buffer = bigger;
      }
      const read = at < to ? fileCall(path, () => readSync(fd, buffer, held, Math.min(buffer.length - held, to - at), at)) : 0;
      final = read === 0;
      at += read;
      held += read;
      const used = sink.push(buffer.subarray(0, held), final);
      buffer.copyWithin(0, used, held);
      held -= used;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * As readBytes, into shared memory: a local file is read straight into a
 * SharedArrayBuffer (no copy besides the read), a URL's bytes are copied
 * there. Arrow decoded from them is then shared column by column.
 */
export async function readSharedBytes(source: string | URL): Promise<Uint8Array> {
  const path = localFile(source);
  if (!path) return toShared(await readBytes(source));
  return fileCall(path, () => {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      const out = new Uint8Array(new SharedArrayBuffer(size));
      for (let at = 0, n = 1; at < size && n > 0; at += n) n = readSync(fd, out, at, size - at, at);
      return out;
    } finally {
      closeSync(fd);
    }
  });
}

function fileCall<T>(path: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    throw fileError(e, path);
  }
}

export function decodeText(bytes: Uint8Array, encoding: Encoding = 'utf-8'): string {
  const enc = encoding.toLowerCase() === 'utf8' ? 'utf-8' : encoding.toLowerCase();
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(enc === 'latin1' || enc === 'iso-8859-1' ? 'windows-1252' : enc, { ignoreBOM: false });
  } catch {
    throw new DataError(`unknown encoding '${encoding}'; use 'utf-8', 'latin1' or 'utf-16le'`);
  }
  // TextDecoder drops a UTF-8 BOM itself when ignoreBOM is false.
  return decoder.decode(bytes);
}

export async function readText(source: string | URL, encoding?: Encoding): Promise<string> {
  return decodeText(await readBytes(source), encoding);
}
