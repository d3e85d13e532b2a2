/**
 * Text of CSV fields from the bytes of the chunk being read. The scanner and
 * the column builders only hold byte offsets; strings are made here, for the
 * few fields that need one (distinct values of a string column, NA checks,
 * error messages) or, for a string column with many distinct values, as
 * slices of one decode of the chunk.
 */
import { Buffer, isAscii } from 'node:buffer';
import { DataError } from '../errors.js';
import type { Encoding } from '../source.js';

/** WHATWG labels of the encodings the scanner reads as bytes: UTF-8 and the single-byte ones (latin1 is windows-1252 on the web and in TextDecoder). */
const BYTE_LABELS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
};

/** The label to decode fields with, or undefined for encodings whose bytes must be converted to UTF-8 first. */
export function byteLabel(encoding: Encoding = 'utf-8'): string | undefined {
  return BYTE_LABELS[encoding.toLowerCase()];
}

/** Bytes of another encoding (UTF-16) as UTF-8, which the scanner reads. */
export function toUtf8(bytes: Uint8Array, encoding: Encoding): Uint8Array {
  let text: string;
  try {
    text = new TextDecoder(encoding.toLowerCase()).decode(bytes);
  } catch {
    throw new DataError(`unknown encoding '${encoding}'; use 'utf-8', 'latin1' or 'utf-16le'`);
  }
  return new TextEncoder().encode(text);
}

export class FieldText {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  /** The chunk as a string when it is ASCII (byte offsets are then string offsets), null when not, undefined until asked. */
  private whole?: string | null;
  bytes: Uint8Array = new Uint8Array(0);
  /** The same bytes, to read several at once. */
  view = new DataView(this.bytes.buffer);

  constructor(label: string) {
    this.decoder = new TextDecoder(label, { ignoreBOM: true });
  }

  /** The chunk that offsets now refer to. */
  reset(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.whole = undefined;
  }

  /** One field's text. */
  decode(s: number, e: number): string {
    const { bytes } = this;
    // Short ASCII fields (the usual case) skip the native call, whose overhead dominates at this size.
    if (e - s <= 12) {
      let out = '';
      for (let i = s; i < e; i++) {
        const c = bytes[i];
        if (c > 127) return this.decoder.decode(bytes.subarray(s, e));
        out += String.fromCharCode(c);
      }
      return out;
    }
    return this.decoder.decode(bytes.subarray(s, e));
  }

  /** One field's text when most fields of a column will be asked for: an ASCII chunk is decoded once, and each field is a slice of it. */
  slice(s: number, e: number): string {
    if (this.whole === undefined) {
      const { bytes } = this;
      this.whole = isAscii(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : null;
    }
    return this.whole === null ? this.decode(s, e) : this.whole.slice(s, e);
  }
}
