#!/usr/bin/env node
'use strict';
// CommonJS, unlike the rest of tsml: Node reaches a CommonJS entry ~5 ms sooner, and `tsml kernel`
// (what Jupyter starts) starts its I/O thread from a CommonJS bundle before any ES module loads,
// so the kernel answers kernel_info sooner (see src/cli/kernel-start.ts).
if (process.argv[2] === 'kernel') require('../dist/cli/kernel-start.cjs').main(process.argv.slice(3));
else import('../dist/cli/index.js');
