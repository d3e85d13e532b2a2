import { defineConfig } from 'vitest/config';

// End-to-end tests: a real JupyterLab server and headless Chromium per test file. Files run one
// after another (a Lab server, a browser and kernels at once are plenty for two cores), and the
// timeouts allow for Lab's first page load and kernel start on a slow machine.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
