/**
 * Jupyter wire format: [idents..., '<IDS|MSG>', hmac, header, parent, metadata, content, buffers...].
 * Pure functions over frames, so signing and parsing are unit-tested without sockets.
 */
import { createRequire } from 'node:module';
import type * as Crypto from 'node:crypto';
import type { Header, Message } from './messages.js';
import { PROTOCOL_VERSION } from './messages.js';

let crypto: typeof Crypto | undefined;
/**
 * node:crypto, loaded on first use rather than with this module: a fresh I/O thread takes ~1.5 ms to
 * load it, and loads it while its sockets are being bound (io-thread.ts), not before.
 */
export const nodeCrypto = (): typeof Crypto => (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto);

export const DELIMITER = Buffer.from('<IDS|MSG>');

/** Maps a connection file's `signature_scheme` to a Node digest name. */
export function digestFor(scheme: string): string {
  const m = /^hmac-(sha\d+)$/.exec(scheme || 'hmac-sha256');
  if (!m) throw new Error(`unsupported signature_scheme "${scheme}": expected hmac-sha256 (or another hmac-shaN)`);
  return m[1];
}

export class Signer {
  private readonly key: Buffer;
  constructor(key: string, private readonly digest = 'sha256') {
    this.key = Buffer.from(key, 'utf8');
  }

  get enabled(): boolean {
    return this.key.length > 0;
  }

  sign(parts: Buffer[]): string {
    if (!this.enabled) return '';
    const h = nodeCrypto().createHmac(this.digest, this.key);
    for (const p of parts) h.update(p);
    return h.digest('hex');
  }

  /** Constant-time comparison, so a forger learns nothing from response timing. */
  verify(signature: Buffer, parts: Buffer[]): boolean {
    if (!this.enabled) return true;
    const expected = Buffer.from(this.sign(parts), 'utf8');
    return signature.length === expected.length && nodeCrypto().timingSafeEqual(signature, expected);
  }
}

export class WireError extends Error {}

const MAX_JSON_FRAME = 64 * 1024 * 1024;

function parseJsonFrame(frame: Buffer, name: string): Record<string, unknown> {
  if (frame.length > MAX_JSON_FRAME) throw new WireError(`${name} frame too large (${frame.length} bytes)`);
  let v: unknown;
  try {
    v = JSON.parse(frame.toString('utf8'));
  } catch {
    throw new WireError(`${name} frame is not valid JSON`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new WireError(`${name} frame is not a JSON object`);
  return v as Record<string, unknown>;
}

/** Verifies and parses one multipart message; throws WireError on anything malformed or mis-signed. */
export function decode(frames: Buffer[], signer: Signer): Message {
  const d = frames.findIndex((f) => f.equals(DELIMITER));
  if (d < 0) throw new WireError('no <IDS|MSG> delimiter');
  if (frames.length < d + 6) throw new WireError(`too few frames (${frames.length - d - 1} after delimiter, need 5)`);
  const [sig, header, parent, metadata, content] = frames.slice(d + 1, d + 6);
  if (!signer.verify(sig, [header, parent, metadata, content])) throw new WireError('bad signature');
  const h = parseJsonFrame(header, 'header');
  if (typeof h.msg_type !== 'string' || typeof h.msg_id !== 'string') {
    throw new WireError('header lacks msg_type or msg_id');
  }
  return {
    idents: frames.slice(0, d),
    header: h as Header,
    parent_header: parseJsonFrame(parent, 'parent_header'),
    metadata: parseJsonFrame(metadata, 'metadata'),
    content: parseJsonFrame(content, 'content'),
    buffers: frames.slice(d + 6),
  };
}

export interface EncodeInput {
  idents?: Buffer[];
  header: Header;
  parent: Partial<Header>;
  metadata?: Record<string, unknown>;
  content: unknown;
  buffers?: ArrayBufferView[];
}

export function encode(m: EncodeInput, signer: Signer): Buffer[] {
  const parts = [
    Buffer.from(JSON.stringify(m.header)),
    Buffer.from(JSON.stringify(m.parent ?? {})),
    Buffer.from(JSON.stringify(m.metadata ?? {})),
    Buffer.from(JSON.stringify(m.content ?? {})),
  ];
  const bufs = (m.buffers ?? []).map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  return [...(m.idents ?? []), DELIMITER, Buffer.from(signer.sign(parts)), ...parts, ...bufs];
}

/** The time in ms since the epoch, with sub-millisecond digits; the same clock on every thread of the process. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** ISO 8601 with microseconds, as jupyter_client writes: peers can order messages sent within one millisecond. */
export function isoNow(): string {
  const t = preciseNow();
  const ms = Math.floor(t);
  const micro = String(Math.floor((t - ms) * 1000)).padStart(3, '0');
  return new Date(ms).toISOString().replace('Z', `${micro}Z`);
}

export function makeHeader(msgType: string, session: string, username = 'tsml'): Header {
  return {
    msg_id: nodeCrypto().randomUUID(),
    session,
    username,
    date: isoNow(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}
