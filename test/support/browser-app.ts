// The start-up every browser test shares: a test database, the whole app listening on a free port,
// and one Chromium. Each test file starts its own and closes it in afterAll.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../browser/chromium.js';
import { testApp } from './app.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface BrowserApp {
  database: TestDatabase;
  app: FastifyInstance;
  browser: Browser;
  /** Where the app listens: `http://localhost:PORT`. */
  base: string;
  /** A fresh browser (es-MX, JavaScript off unless asked for), at `width` px when given. */
  newPage(options?: {
    javaScriptEnabled?: boolean;
    width?: number;
  }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startBrowserApp(
  options: Parameters<typeof testApp>[1] & {
    /** Runs before the app listens: hooks, data the first page needs. */
    prepare?: (app: FastifyInstance, database: TestDatabase) => Promise<void> | void;
  } = {},
): Promise<BrowserApp> {
  const { prepare, ...appOptions } = options;
  const database = await createTestDatabase();
  const app = await testApp(database.db, appOptions);
  await prepare?.(app, database);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://localhost:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    database,
    app,
    browser,
    base,
    async newPage({ javaScriptEnabled = false, width } = {}) {
      const context = await browser.newContext({
        locale: 'es-MX',
        javaScriptEnabled,
        acceptDownloads: true,
        ...(width ? { viewport: { width, height: 640 } } : {}),
      });
      // A missing element fails with its locator in the message rather than as a test timeout.
      context.setDefaultTimeout(10_000);
      return { context, page: await context.newPage() };
    },
    async close() {
      await browser.close();
      await app.close();
      await database.drop();
    },
  };
}
