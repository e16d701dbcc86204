import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/connect.js';
import type { WebSessions } from '../../platform/http/session.js';
import type { RateLimitStore } from '../../platform/rate-limit/store.js';

/** What every page and route of the agents' console receives from buildApp. */
export interface ConsoleContext {
  db: Db;
  config: Config;
  clock: () => Date;
  sessions: WebSessions;
  rateLimits: RateLimitStore;
  stylesheetHref: string;
}
