// Part of `npm run build`, after tsc: bundles what runs before the kernel answers kernel_info into
// two CommonJS files, so that start-up neither loads an ES module graph nor resolves module paths:
//   dist/cli/kernel-start.cjs    bin/tsml.cjs's `tsml kernel` (reads the connection file, starts the I/O thread)
//   dist/protocol/io-thread.cjs  the I/O thread (sockets, signing, kernel_info), with zeromq's JavaScript
// Each bundle sits beside the tsc output of its entry; `import.meta.url` of each bundled module becomes
// that module's own dist/ URL, so paths relative to it (../package.json) resolve as in the ES build.
// The engine (kernel-command.js, imported dynamically) stays outside, as do all other packages.
// Each bundle's esbuild metafile is written beside it (*.meta.json): test/unit/startup-path.test.ts
// checks from it that nothing heavy joins the path to kernel_info.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const ENTRIES = ['cli/kernel-start.js', 'protocol/io-thread.js'];
/** Modules the bundles import at run time rather than contain. */
const OUTSIDE = /(^|\/)kernel-command\.js$/;
const posix = (p) => p.split('\\').join('/');

/** `import.meta.url` of each module of dist/ -> its own URL, computed from the bundle's location. */
const moduleUrls = (outDir) => ({
  name: 'module-urls',
  setup(b) {
    b.onResolve({ filter: OUTSIDE }, (a) => ({ path: a.path, external: true }));
    b.onLoad({ filter: /\.js$/ }, async (a) => {
      if (!a.path.startsWith(dist)) return undefined;
      const rel = posix(relative(outDir, a.path));
      return { contents: (await readFile(a.path, 'utf8')).replaceAll('import.meta.url', `__moduleUrl(${JSON.stringify(rel)})`), loader: 'js' };
    });
  },
});

/**
 * zeromq's JavaScript goes into the I/O thread's bundle: resolving it and its loader's package
 * (cmake-ts, through an `exports` map) costs ~4 ms of each kernel start. Its native addon is still
 * found by zeromq's own loader, in the package next to the bundle. Should that package no longer
 * be the version bundled (node_modules changed without a rebuild), the bundle loads it as usual.
 */
const inlineZeromq = (outDir) => {
  const require = createRequire(join(dist, 'protocol', 'io-thread.js'));
  const pkgDir = dirname(require.resolve('zeromq/package.json'));
  const { version, main } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const rel = posix(relative(outDir, pkgDir));
  const shim = `
    const path = require('node:path');
    const dir = path.join(__dirname, ${JSON.stringify(rel)});
    let same = false;
    try { same = JSON.parse(require('node:fs').readFileSync(path.join(dir, 'package.json'), 'utf8')).version === ${JSON.stringify(version)}; } catch {}
    module.exports = same ? require(${JSON.stringify(join(pkgDir, main))}) : require('zeromq');`;
  return {
    name: 'inline-zeromq',
    setup(b) {
      b.onResolve({ filter: /^zeromq$/ }, (a) =>
        a.namespace === 'zeromq-shim' ? { path: 'zeromq', external: true } : { path: 'zeromq', namespace: 'zeromq-shim' },
      );
      b.onLoad({ filter: /.*/, namespace: 'zeromq-shim' }, () => ({ contents: shim, loader: 'js', resolveDir: pkgDir }));
      // zeromq finds its addon from its own directory.
      b.onLoad({ filter: /\.js$/ }, async (a) => {
        if (!a.path.startsWith(pkgDir)) return undefined;
        const here = posix(relative(outDir, dirname(a.path)));
        return { contents: (await readFile(a.path, 'utf8')).replaceAll('__dirname', `require('node:path').join(__dirname, ${JSON.stringify(here)})`), loader: 'js' };
      });
    },
  };
};

for (const entry of ENTRIES) {
  const outfile = join(dist, entry.replace(/\.js$/, '.cjs'));
  const outDir = dirname(outfile);
  const { metafile } = await build({
    entryPoints: [join(dist, entry)],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // A hoisted declaration at the end, so the bundle's "use strict" stays its first statement.
    footer: { js: `function __moduleUrl(p) { return require('node:url').pathToFileURL(require('node:path').join(__dirname, p)).href; }` },
    plugins: [inlineZeromq(outDir), moduleUrls(outDir)],
    external: ['*.node'],
    metafile: true,
    logLevel: 'warning',
    logOverride: { 'empty-import-meta': 'error' }, // any other import.meta would be {} in CommonJS
  });
  writeFileSync(`${outfile}.meta.json`, JSON.stringify(metafile, null, 1));
}
