import { defineConfig } from 'vitest/config';

const DB_SUITES = ['tests/**/*.db.test.ts'];

/**
 * Database suites run twice, once on the real PostgreSQL server and once on embedded PGlite,
 * so both paths the product supports stay true. Browser journeys run last, on their own.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: [...DB_SUITES, 'tests/e2e/**', 'node_modules/**'] },
      },
      {
        extends: true,
        test: { name: 'postgres', include: DB_SUITES, env: { HAVEN_TEST_ENGINE: 'postgres' } },
      },
      {
        extends: true,
        test: { name: 'pglite', include: DB_SUITES, env: { HAVEN_TEST_ENGINE: 'pglite' } },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.e2e.test.ts'], fileParallelism: false, testTimeout: 120_000 },
      },
    ],
  },
});
