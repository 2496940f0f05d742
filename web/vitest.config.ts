import { defineConfig } from 'vitest/config';

// The console's own unit tests (pure modules beside their features), run with
// `npx vitest run --config web/vitest.config.ts`; the root run (`npm test`) includes them too, and the browser tests under e2e/.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
  },
});
