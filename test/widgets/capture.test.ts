/** Output capture (display/capture.ts): what a function prints goes to its sink, sync or async, nested, and nothing else does. */
import { describe, expect, it } from 'vitest';
import { bindSink, capture, currentSink, type OutputSink } from '../../kernel/src/display/capture.js';

function sink(name: string, log: string[]): OutputSink {
  return { stream: (_n, text) => log.push(`${name}:${text}`), output: (t) => log.push(`${name}:${t}`) };
}
const say = (text: string) => currentSink()?.stream('stdout', text);

describe('capture', () => {
  it('captures a plain function while it runs; nested captures win inside and give back after', () => {
    const log: string[] = [];
    const r = capture(sink('a', log), () => {
      say('1');
      capture(sink('b', log), () => say('2'));
      say('3');
      return 42;
    });
    expect(r).toBe(42);
    expect(log).toEqual(['a:1', 'b:2', 'a:3']);
    expect(currentSink()).toBeUndefined();
  });

  it('gives the sink back when the function throws', () => {
    expect(() => capture(sink('a', []), () => { throw new Error('x'); })).toThrow('x');
    expect(currentSink()).toBeUndefined();
  });

  it('captures an async function across its awaits, and not code running meanwhile', async () => {
    const log: string[] = [];
    const run = capture(sink('async', log), async () => {
      say('before');
      await new Promise((r) => setTimeout(r, 20));
      say('after');
    });
    say('meanwhile'); // outside any capture: no sink
    await run;
    expect(log).toEqual(['async:before', 'async:after']);
  });

  it('an async capture inside a plain one belongs to itself', async () => {
    const log: string[] = [];
    let inner: Promise<void> | undefined;
    capture(sink('outer', log), () => {
      inner = capture(sink('inner', log), async () => {
        say('x');
        await null;
        say('y');
      });
      say('z');
    });
    await inner;
    expect(log).toEqual(['inner:x', 'outer:z', 'inner:y']);
  });

  it('bindSink runs later work under the capture current when it was bound', async () => {
    const log: string[] = [];
    let later: ((s: string) => void) | undefined;
    capture(sink('a', log), () => { later = bindSink(say); });
    await null;
    later!('late');
    expect(log).toEqual(['a:late']);
    expect(bindSink(say)).toBe(say); // nothing to bind outside a capture
  });
});
