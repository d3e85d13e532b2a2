/**
 * Bytes and text from a path or URL: local paths resolve from the notebook's
 * directory; http(s) URLs are fetched; text is decoded as UTF-8 (a BOM is
 * dropped) or latin1.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from './errors.js';

export type Encoding = 'utf-8' | 'utf8' | 'latin1' | 'iso-8859-1' | 'windows-1252' | 'utf-16le';

export async function readBytes(source: string | URL): Promise<Uint8Array> {
  const s = String(source);
  if (/^https?:\/\//i.test(s)) {
    let res: Response;
    try {
      res = await fetch(s);
    } catch (e) {
      throw new DataError(`could not fetch ${s}: ${(e as Error).message}. Check the URL and your network, or download the file and read it by path.`);
    }
    if (!res.ok) throw new DataError(`could not fetch ${s}: HTTP ${res.status} ${res.statusText}`);
    return new Uint8Array(await res.arrayBuffer());
  }
  const path = s.startsWith('file:') ? fileURLToPath(s) : resolve(s);
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(`no such file: ${path} (paths are relative to the notebook's folder, ${process.cwd()})`);
    if (code === 'EISDIR') throw new DataError(`${path} is a directory; give the path of a file in it`);
    throw new DataError(`could not read ${path}: ${(e as Error).message}`);
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
