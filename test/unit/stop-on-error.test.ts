/** Which requests a failed cell aborts: those sent before its error reply, judged on the kernel's clock. */
import { describe, expect, it } from 'vitest';
import { clientTime, HOLD_MS, MAX_HOLD_MS, StopOnError } from '../../kernel/src/engine/stop-on-error.js';
import type { Message } from '../../kernel/src/protocol/wire.js';

const req = (date: string, session = 'lab', msg_type = 'execute_request') => ({ header: { date, session, msg_type } }) as unknown as Message;
const t0 = Date.parse('2026-11-25T10:00:00Z');
/** A µs date `ms` after t0 on the client's clock. */
const at = (ms: number) => new Date(t0 + Math.floor(ms)).toISOString().replace('Z', `${String(Math.round((ms % 1) * 1000)).padStart(3, '0')}Z`);

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

/** A session whose client clock is `skew` ms behind the kernel's (kernel time = client time + skew + trip). */
function session(skew: number) {
  const s = new StopOnError();
  const send = (clientMs: number, trip: number, name = 'lab') => {
    const m = req(at(clientMs), name);
    const arrival = t0 + clientMs + skew + trip;
    s.observe(m, arrival);
    return { abort: () => s.shouldAbort(m, arrival), arrival };
  };
  return { s, send };
}

describe('StopOnError', () => {
  it('aborts nothing before a failure', () => {
    const { send } = session(0);
    expect(send(0, 0.3).abort()).toBe(false);
  });

  it('aborts requests that reached the kernel before the error reply was sent', () => {
    const { s, send } = session(0);
    const failing = send(0, 0.3);
    const queued = send(1, 0.3);
    s.failed(failing.arrival + 50);
    expect(queued.abort()).toBe(true);
  });

  for (const skew of [-5000, -40, 0, 40, 5000]) {
    it(`never aborts a request sent after the error reply, whatever the client's clock (${skew} ms off)`, () => {
      const { s, send } = session(skew);
      for (let i = 0; i < 20; i++) send(i * 10, 0.25 + (i % 3) * 0.1);
      const failing = send(1000, 0.3);
      const replyAt = failing.arrival + 12;
      s.failed(replyAt);
      // The reply reaches the client after 0.2 ms; the client answers 0.05 ms later, on its own clock.
      const answerClient = replyAt - t0 - skew + 0.2 + 0.05;
      expect(send(answerClient, 0.3).abort()).toBe(false);
    });

    it(`aborts a request sent before the error reply that arrives after it (${skew} ms off)`, () => {
      const { s, send } = session(skew);
      send(0, 0.3);
      const failing = send(1000, 0.3);
      const replyAt = failing.arrival + 5;
      s.failed(replyAt);
      // Sent 2 ms before the reply, slowed on the way (4 ms).
      expect(send(replyAt - t0 - skew - 0.3 - 2, 4).abort()).toBe(true);
    });
  }

  it('judges each session on its own clock', () => {
    const s = new StopOnError();
    const lab = req(at(0), 'lab');
    const other = req(new Date(t0 - 60_000).toISOString(), 'console');
    s.observe(lab, t0 + 1);
    s.observe(other, t0 + 1);
    s.failed(t0 + 10);
    const laterOther = req(new Date(t0 - 60_000 + 20).toISOString(), 'console');
    s.observe(laterOther, t0 + 21);
    expect(s.shouldAbort(laterOther, t0 + 21)).toBe(false);
  });

  it('allows a millisecond date its truncation: a browser request made in the reply\'s millisecond runs', () => {
    const s = new StopOnError();
    // The client's clock is 0.7 ms behind the kernel's; trips take 0.3 ms.
    s.observe(req('2026-11-25T10:00:00.000Z'), t0 + 1);
    s.failed(t0 + 10.5);
    // Created at 9.9 on the client (10.6 on the kernel's clock, after the reply); its date says 9.
    const m = req('2026-11-25T10:00:00.009Z');
    s.observe(m, t0 + 10.9);
    expect(s.shouldAbort(m, t0 + 10.9)).toBe(false);
  });

  it('aborts by arrival alone when a request has no readable date', () => {
    const s = new StopOnError();
    s.failed(t0 + 10);
    expect(s.shouldAbort(req('soon'), t0 + 9)).toBe(true);
    expect(s.shouldAbort(req('soon'), t0 + 11)).toBe(false);
  });

  it('forgets the failure once a cell has run', () => {
    const { s, send } = session(0);
    const failing = send(0, 0.3);
    s.failed(failing.arrival + 50);
    s.ran();
    expect(send(1, 0.3).abort()).toBe(false);
  });

  it('holds the error reply while a batch keeps arriving, up to MAX_HOLD_MS', async () => {
    const s = new StopOnError();
    const now = performance.timeOrigin + performance.now();
    let slept = 0;
    // Each sleep, another request of the batch arrives: the hold extends to the cap.
    await s.hold(now, async (ms) => {
      slept += ms;
      await new Promise((r) => setTimeout(r, 1));
      s.observe(req(at(0)), performance.timeOrigin + performance.now());
    });
    expect(slept).toBeGreaterThanOrEqual(MAX_HOLD_MS - HOLD_MS);
    // Nothing arrives: one HOLD_MS.
    const t = performance.timeOrigin + performance.now();
    await new StopOnError().hold(t);
    expect(performance.timeOrigin + performance.now() - t).toBeGreaterThanOrEqual(HOLD_MS - 1);
  }, 20_000);
});
