import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/platform/db/connect.js';

export const TEST_LOG_DIR = 'test-artifacts/logs';

// Every test app logs, as in production, to one file per worker; scripts/scan-test-logs.mjs scans
// them all for personal data when `npm test` ends.
let logStream: WriteStream | undefined;
function testLog(): WriteStream {
  if (!logStream) {
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    logStream = createWriteStream(`${TEST_LOG_DIR}/worker-${process.pid}.log`, { flags: 'a' });
  }
  return logStream;
}

/** The whole app over a test database, driven with app.inject(). */
export function testApp(
  db: Db,
  options: { clock?: () => Date; env?: NodeJS.ProcessEnv; reads?: Db } = {},
): Promise<FastifyInstance> {
  // PGlite blocks the event loop while it works; the lag-based shedding would turn tests away.
  // Sign-in answers are held to a common moment in production; tests that are not about it skip the wait.
  const config = loadConfig({
    SEED_DEMO: 'false',
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    WEB_SIGN_IN_ANSWER_MS: '0',
    STAFF_SIGN_IN_ANSWER_MS: '0',
    // Tests change slots behind the app's back; src/agenda/availability-memory.db.test.ts turns it on.
    AVAILABILITY_MEMORY_MS: '0',
    ...options.env,
  });
  return buildApp({ config, db, reads: options.reads, clock: options.clock, logger: { stream: testLog() } });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
