import { afterAll, beforeAll, expect, it } from 'vitest';
import { KernelClient } from './client.js';

let k: KernelClient;
beforeAll(async () => { k = await KernelClient.start(); });
afterAll(async () => { await k?.stop(); });

it('smoke', async () => {
  const r = await k.execute('const a: number = 40\nconsole.log("hi")\na + 2');
  console.log(JSON.stringify(r.outputs.map(m => [m.header.msg_type, m.content]), null, 1));
  console.log(r.content);
  const e = await k.execute('function f() {\n  throw new TypeError("bad")\n}\nf()');
  console.log(e.content.traceback.join('\n'));
  console.log(k.stderr);
  expect(await k.value('a')).toBe('40');
});
