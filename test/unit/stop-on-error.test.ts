/** Which requests a failed cell aborts: queued ones, and ones a client sent blind in the same batch (Run All). */
import { describe, expect, it } from 'vitest';
import { clientTime, StopOnError } from '../../kernel/src/engine/stop-on-error.js';
import type { Message } from '../../kernel/src/protocol/wire.js';

const req = (date: string) => ({ header: { date } }) as unknown as Message;
const t0 = Date.parse('2026-11-25T10:00:00Z');

describe('clientTime', () => {
  it('reads browser (ms) and jupyter_client (µs) dates, with or without a zone', () => {
    expect(clientTime('2026-11-25T10:00:00.123Z')).toEqual({ ms: t0 + 123, fine: false });
    expect(clientTime('2026-11-25T10:00:00.123456+00:00')!.ms).toBeCloseTo(t0 + 123.456, 6);
    expect(clientTime('2026-11-25T10:00:00.123456+00:00')!.fine).toBe(true);
    expect(clientTime('2026-11-25T10:00:00')).toEqual({ ms: t0, fine: false });
    expect(clientTime('yesterday')).toBeNull();
    expect(clientTime(undefined)).toBeNull();
  });
});

describe('StopOnError', () => {
  it('aborts requests that arrived before the failure', () => {
    const s = new StopOnError();
    s.fail(req('2026-11-25T10:00:00.000Z'), 1000, 1010);
    expect(s.shouldAbort(req('x'), 1005)).toBe(true);
  });

  it('aborts a whole Run All batch that arrives after a cell failed at once', () => {
    const s = new StopOnError();
    // The failing cell ran 3 ms (kernel clock); the batch was created within 2 ms (browser clock).
    s.fail(req('2026-11-25T10:00:00.000Z'), 5000, 5003);
    expect(s.shouldAbort(req('2026-11-25T10:00:00.001Z'), 5004)).toBe(true);
    expect(s.shouldAbort(req('2026-11-25T10:00:00.002Z'), 5006)).toBe(true);
    expect(s.shouldAbort(req('2026-11-25T10:00:00.004Z'), 5007)).toBe(true);
    // A browser busy rendering spaces the batch out: still the same batch.
    expect(s.shouldAbort(req('2026-11-25T10:00:00.078Z'), 5095)).toBe(true);
    // The student reads the error and runs a cell by hand.
    expect(s.shouldAbort(req('2026-11-25T10:00:01.500Z'), 6510)).toBe(false);
    expect(s.shouldAbort(req('2026-11-25T10:00:02.500Z'), 7500)).toBe(false);
  });

  it('counts the trip to the kernel: a batch request created after the cell ran but before its reply could arrive', () => {
    const s = new StopOnError();
    // Created at 0, arrived 10 ms later (same clocks), failed in 2 ms; the next one was created 9 ms after.
    s.fail(req('1970-01-01T00:00:00.000Z'), 10, 12);
    expect(s.shouldAbort(req('1970-01-01T00:00:00.009Z'), 20)).toBe(true);
  });

  it('never aborts a client that waited for the error reply before sending the next request', () => {
    const s = new StopOnError();
    s.fail(req('2026-11-25T10:00:00.000100+00:00'), 5000, 5000.8);
    // Created after the reply could arrive: 0.8 ms of work plus a 0.3 ms round trip.
    expect(s.shouldAbort(req('2026-11-25T10:00:00.001200+00:00'), 5001.3)).toBe(false);
  });

  it('forgets the failure once a cell has run', () => {
    const s = new StopOnError();
    s.fail(req('2026-11-25T10:00:00.000Z'), 5000, 5050);
    s.ran();
    expect(s.shouldAbort(req('2026-11-25T10:00:00.010Z'), 5100)).toBe(false);
  });
});
