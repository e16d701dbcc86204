import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { PhoneCodeCap } from '../../identity/phone-code-cap.js';
import type { Db } from '../../platform/db/connect.js';
import type { LatencyGauge } from '../../platform/http/latency-gauge.js';
import type { WebSessions } from '../../platform/http/session.js';
import type { PortalLimiter } from './rate-limits.js';

/** What every page and route of the portal receives from buildApp. */
export interface WebContext {
  db: Db;
  /**
   * Where this request's availability for a new booking is read: a read replica, or the primary
   * while the browser's own recent change may not have reached the replica (read-your-writes).
   */
  browse: (request: FastifyRequest) => Db;
  config: Config;
  clock: () => Date;
  sessions: WebSessions;
  limiter: PortalLimiter;
  /** The daily cap of sign-in codes per phone on file. */
  phoneCap: PhoneCodeCap;
  stylesheetHref: string;
  /** The portal's recent response time: the waiting room admits more slowly while it is high. */
  latency: LatencyGauge;
}
