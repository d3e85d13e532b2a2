import { defineConfig } from 'vitest/config';

// The Dive benchmark runs in a real JupyterLab + Chromium (the e2e harness); not part of the test suite.
export default defineConfig({
  test: { include: ['bench/dive/panel.e2e.ts'], testTimeout: 1_800_000, hookTimeout: 180_000 },
});
