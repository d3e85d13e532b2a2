import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { decode, DELIMITER, digestFor, encode, makeHeader, Signer, WireError } from '../../kernel/src/protocol/wire.js';

const key = 'secret-key';

describe('wire format', () => {
  it('signs header, parent, metadata and content with HMAC-SHA256 as Jupyter does', () => {
    const header = makeHeader('kernel_info_request', 'sess');
    const frames = encode({ idents: [Buffer.from('id1')], header, parent: {}, content: { a: 1 } }, new Signer(key));
    expect(frames[0].toString()).toBe('id1');
    expect(frames[1].equals(DELIMITER)).toBe(true);
    const expected = createHmac('sha256', key).update(Buffer.concat(frames.slice(3, 7))).digest('hex');
    expect(frames[2].toString()).toBe(expected);
    const m = decode(frames, new Signer(key));
    expect(m.idents.map(String)).toEqual(['id1']);
    expect(m.header).toEqual(header);
    expect(m.content).toEqual({ a: 1 });
  });

  it('rejects bad, missing and wrong-key signatures', () => {
    const frames = encode({ header: makeHeader('x', 's'), parent: {}, content: {} }, new Signer(key));
    expect(() => decode(frames, new Signer('other'))).toThrow(/bad signature/);
    const unsigned = [...frames];
    unsigned[1] = Buffer.alloc(0);
    expect(() => decode(unsigned, new Signer(key))).toThrow(WireError);
  });

  it('accepts unsigned messages only when the key is empty', () => {
    const frames = encode({ header: makeHeader('x', 's'), parent: {}, content: {} }, new Signer(''));
    expect(frames[1].length).toBe(0);
    expect(decode(frames, new Signer('')).header.msg_type).toBe('x');
  });

  it('keeps binary buffers after the content frame', () => {
    const frames = encode({ header: makeHeader('comm_msg', 's'), parent: {}, content: {}, buffers: [new Uint8Array([1, 2])] }, new Signer(key));
    expect([...decode(frames, new Signer(key)).buffers[0]]).toEqual([1, 2]);
  });

  it('names the problem with malformed messages', () => {
    const s = new Signer(key);
    expect(() => decode([Buffer.from('x')], s)).toThrow(/delimiter/);
    expect(() => decode([DELIMITER, Buffer.from('')], s)).toThrow(/too few frames/);
  });

  it('maps signature schemes and refuses unknown ones', () => {
    expect(digestFor('hmac-sha256')).toBe('sha256');
    expect(digestFor('hmac-sha512')).toBe('sha512');
    expect(() => digestFor('md5')).toThrow(/unsupported signature_scheme/);
  });
});
