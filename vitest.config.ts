import { defineConfig } from 'vitest/config';

// Three projects: `unit` (npm test: libraries + server on SQLite), `pg` (the same server suites on
// PostgreSQL via TEST_DATABASE_URL, plus the Redis tests via TEST_REDIS_URL) and `e2e` (a real
// Chromium against a real server).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts'],
          // Tests that need Redis run in the pg (services) project, where CI starts it.
          exclude: ['**/*.redis.test.ts', '**/node_modules/**'],
          env: { GEREL_TEST_DIALECT: 'sqlite' },
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'pg',
          include: ['server/src/**/*.test.ts'],
          env: { GEREL_TEST_DIALECT: 'postgres' },
          exclude: ['**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/tests/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
