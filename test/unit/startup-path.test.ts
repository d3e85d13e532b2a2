/**
 * What runs before the kernel answers kernel_info: Jupyter starts bin/tsml.cjs, which runs the bundle
 * dist/cli/kernel-start.cjs (connection file, I/O thread start), and the I/O thread runs the bundle
 * dist/protocol/io-thread.cjs. `npm run build` writes each bundle's esbuild metafile beside it; from
 * those this checks that the start-up path stays small: none of the engine, display, TypeScript,
 * TensorFlow.js, data or widget code joins it, and the engine is only imported (dynamically) once
 * the thread is started. (Timings are measured in bench/kernel/startup.mjs, not here.)
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
}
const meta = (bundle: string): Metafile => JSON.parse(readFileSync(new URL(`../../kernel/dist/${bundle}.meta.json`, import.meta.url), 'utf8'));
const bundles = { 'kernel-start': meta('cli/kernel-start.cjs'), 'io-thread': meta('protocol/io-thread.cjs') };

/** The modules start-up may contain: the CLI's start, the protocol, logging, kernel_info, and zeromq's JavaScript. */
const ALLOWED = [
  /^dist\/cli\/(kernel-start|exit)\.js$/,
  /^dist\/protocol\/(io-start|io-thread|wire|messages|thread-messages)\.js$/,
  /^dist\/util\/log\.js$/,
  /^dist\/info\.js$/,
  /node_modules\/zeromq\/lib\/[\w-]+\.js$/,
  /node_modules\/cmake-ts\/build\/loader\.js$/,
  /^zeromq-shim:zeromq$/,
];
const HEAVY = /engine\/|display\/|widgets\/|channel\/|comm\/|tensor|typescript|sucrase|@tensorflow|arquero|apache-arrow|vega|dist\/kernel\.js|dist\/index\.js/;
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('kernel start-up path', () => {
  for (const [name, m] of Object.entries(bundles)) {
    it(`${name} bundles only the start-up modules`, () => {
      const inputs = Object.keys(m.inputs);
      expect(inputs.length).toBeGreaterThan(2);
      expect(inputs.filter((i) => HEAVY.test(i))).toEqual([]);
      expect(inputs.filter((i) => !ALLOWED.some((re) => re.test(i)))).toEqual([]);
    });
  }

  it('loads nothing but Node built-ins at run time, and the engine only dynamically after starting the I/O thread', () => {
    const imports = (m: Metafile) => Object.values(m.outputs).flatMap((o) => o.imports);
    const start = imports(bundles['kernel-start']).filter((i) => !builtins.has(i.path));
    expect(start).toEqual([{ path: './kernel-command.js', kind: 'dynamic-import', external: true }]);
    // zeromq is external only as the fallback for a node_modules changed since the build (see kernel/scripts/bundle.mjs).
    const thread = imports(bundles['io-thread']).filter((i) => !builtins.has(i.path)).map((i) => i.path);
    expect(thread).toEqual(['zeromq']);
    const source = readFileSync(new URL('../../kernel/src/cli/kernel-start.ts', import.meta.url), 'utf8');
    expect(source.indexOf('startIoThread(connection)')).toBeGreaterThan(0);
    expect(source.indexOf('startIoThread(connection)')).toBeLessThan(source.indexOf("import('./kernel-command.js')"));
  });
});
