import { defineConfig } from 'vitest/config';

// Pure tests run once; integration tests (*.db.test.ts) run once per database: always on PGlite,
// and on PostgreSQL too when TEST_DATABASE_URL is set (CI sets it).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const DB_TESTS = ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'];
// Real Chromium against a served app: run once, on PGlite (the pages are the same on either store).
const BROWSER_TESTS = ['test/browser/**/*.browser.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    // Three files at a time on two cores: most of a database test's time is spent waiting on
    // PostgreSQL or Chromium, so a third worker keeps the cores busy (vitest's default here is one).
    // The files of a worker share one module graph (`isolate: false` below): importing the app anew
    // for every file took ≈ 580 s of the run. No test keeps state in a module; each builds its own
    // database and app.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for a page or a row to appear: a loaded 2-core machine can take longer than
    // vitest's default second to render a page, which is not what any test judges.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          isolate: false,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: [...DB_TESTS, ...BROWSER_TESTS],
        },
      },
      {
        extends: true,
        test: { name: 'pglite', isolate: false, include: DB_TESTS, env: { CITAS_TEST_DB: 'pglite' } },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: BROWSER_TESTS,
          env: { CITAS_TEST_DB: 'pglite' },
          // A whole journey (14 pages, each screenshotted twice and checked by axe) takes ≈ 13 s alone
          // and passed 60 s once with three workers on two cores. Each step still fails after 10 s.
          testTimeout: 180_000,
        },
      },
      ...(onPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                isolate: false,
                include: DB_TESTS,
                env: { CITAS_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
