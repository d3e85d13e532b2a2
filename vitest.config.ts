import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/e2e needs a browser and a Lab server: it has its own config (vitest.e2e.config.ts).
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Protocol tests start real kernel processes; two cores do not like many at once.
    maxWorkers: 2,
  },
});
