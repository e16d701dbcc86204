import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/platform/db/connect.js';

/** The whole app over a test database, silent, driven with app.inject(). */
export function testApp(
  db: Db,
  options: { clock?: () => Date; env?: NodeJS.ProcessEnv } = {},
): Promise<FastifyInstance> {
  // PGlite blocks the event loop while it works; the lag-based shedding would turn tests away.
  const config = loadConfig({ SEED_DEMO: 'false', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0', ...options.env });
  return buildApp({ config, db, clock: options.clock, logger: false });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
