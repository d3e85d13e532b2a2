import { defineConfig } from 'vitest/config';

// The loss-panel benchmark runs in a real JupyterLab + Chromium (the e2e harness); not part of the test suite.
export default defineConfig({
  test: { include: ['bench/training/panel.e2e.ts'], testTimeout: 300_000, hookTimeout: 180_000 },
});
