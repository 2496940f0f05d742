import { defineConfig } from 'vitest/config';

// One run covers unit tests (pure modules), API tests (each on SQLite and PostgreSQL) and the
// browser tests; the machine has two cores, so at most two test files run at once.
export default defineConfig({
  test: {
    include: ['contracts/src/**/*.test.ts', 'web/src/**/*.test.ts', 'server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'web/e2e/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    // Files share their worker's module cache (no mocks or module state differ between files):
    // importing the server once per worker instead of once per file saved a fifth of the run.
    isolate: false,
    // what a file may change of process-wide state is put back around every file
    setupFiles: ['server/test/setup-each-file.ts'],
    // the demo department seeded once and copied for each app (server/test/demo-template.ts)
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
