/**
 * Sends over a thousand malformed or mis-signed multipart messages; the kernel
 * must execute none of them, stay up, and answer a normal request afterwards.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHmac, randomBytes } from 'node:crypto';
import { DELIMITER } from '../../kernel/src/protocol/wire.js';
import { KernelClient } from './client.js';

let k: KernelClient;
beforeAll(async () => {
  k = await KernelClient.start();
});
afterAll(async () => {
  await k?.stop();
});

/** A deterministic PRNG so a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

/** Code that, if it ever ran, would leave a trace we check for. */
const MARK = 'globalThis.fuzzExecuted = (globalThis.fuzzExecuted ?? 0) + 1';

function malformed(k: KernelClient, i: number, rand: () => number): Buffer[] {
  const { frames } = k.build('execute_request', { code: MARK, silent: false });
  const d = frames.findIndex((f) => f.equals(DELIMITER));
  const [sig, header, parent, meta, content] = frames.slice(d + 1, d + 6);
  const sign = (parts: Buffer[], key = k.key) => Buffer.from(createHmac('sha256', key).update(Buffer.concat(parts)).digest('hex'));
  switch (i % 12) {
    case 0: // bad HMAC: one hex digit flipped
      return [DELIMITER, Buffer.from(sig.toString().replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))), header, parent, meta, content];
    case 1: // signed with the wrong key
      return [DELIMITER, sign([header, parent, meta, content], 'wrong-key'), header, parent, meta, content];
    case 2: // no signature at all
      return [DELIMITER, Buffer.alloc(0), header, parent, meta, content];
    case 3: // missing delimiter
      return [sig, header, parent, meta, content];
    case 4: // too few frames
      return [DELIMITER, sig, header, parent].slice(0, 1 + Math.floor(rand() * 4));
    case 5: // valid signature over invalid JSON
      {
        const bad = Buffer.from('{"msg_type": "execute_request", ');
        return [DELIMITER, sign([bad, parent, meta, content]), bad, parent, meta, content];
      }
    case 6: // valid signature, JSON that is not an object
      {
        const arr = Buffer.from('[1,2,3]');
        return [DELIMITER, sign([header, parent, meta, arr]), header, parent, meta, arr];
      }
    case 7: // random garbage frames
      return Array.from({ length: 1 + Math.floor(rand() * 8) }, () => randomBytes(Math.floor(rand() * 64)));
    case 8: // huge frame with a bad signature
      return [DELIMITER, sig, Buffer.alloc(4 * 1024 * 1024, 0x7b), parent, meta, content];
    case 9: // content tampered after signing
      return [DELIMITER, sig, header, parent, meta, Buffer.from(JSON.stringify({ code: MARK + ' + 1' }))];
    case 10: // signed, but a header without msg_id
      {
        const h = Buffer.from(JSON.stringify({ msg_type: 'execute_request', session: 's', username: 'u', date: '', version: '5.4' }));
        return [DELIMITER, sign([h, parent, meta, content]), h, parent, meta, content];
      }
    default: // signed, unknown message type: must be ignored, not crash anything
      {
        const h = Buffer.from(JSON.stringify({ ...JSON.parse(header.toString()), msg_type: `nonsense_${i}_request` }));
        return [DELIMITER, sign([h, parent, meta, content]), h, parent, meta, content];
      }
  }
}

it('survives 1,200 malformed, mis-signed and unknown messages and executes none of them', async () => {
  const rand = rng(42);
  for (let i = 0; i < 1200; i++) {
    const channel = (['shell', 'control', 'stdin'] as const)[i % 3];
    await k.sendRaw(channel, malformed(k, i, rand));
  }
  // The kernel still answers (after working through the junk queued ahead), and nothing above ran.
  expect(await k.value('String(globalThis.fuzzExecuted)')).toBe("'undefined'");
  expect(await k.heartbeat()).toBe(true);
  expect(k.proc.exitCode).toBeNull();
  expect(k.stderr).toMatch(/dropped a message on shell: bad signature/);
}, 60_000);
