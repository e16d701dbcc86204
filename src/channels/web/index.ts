import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { phoneCodeCap } from '../../identity/phone-code-cap.js';
import type { Db } from '../../platform/db/connect.js';
import { registerBrowserScope } from '../../platform/http/browser.js';
import { latencyGauge, measureLatency } from '../../platform/http/latency-gauge.js';
import { readYourWrites } from '../../platform/http/read-your-writes.js';
import { requireDeclaredFormFields } from '../../platform/http/strict-forms.js';
import type { RateLimitStore } from '../../platform/rate-limit/store.js';
import type { WebContext } from './context.js';
import { portalRefusalPages, registerWebErrors } from './errors.js';
import { portalLimiter } from './rate-limits.js';
import { allocationRoutes } from './routes/allocation.js';
import { appointmentRoutes } from './routes/appointments.js';
import { bookingRoutes } from './routes/booking.js';
import { myDataRoutes } from './routes/my-data.js';
import { privacyRoutes } from './routes/privacy.js';
import { rebookingRoutes } from './routes/rebooking.js';
import { reminderRoutes } from './routes/reminders.js';
import { signInRoutes } from './routes/sign-in.js';
import { waitingRoomRoutes } from './routes/waiting-room.js';
import { waitlistRoutes } from './routes/waitlist.js';

export const PORTAL_COOKIE = '__Host-citas_sesion';
/** An anonymous session only carries the sign-in forms' token and the pending code. */
const ANONYMOUS_SESSION_MINUTES = 30;

export interface WebDeps {
  db: Db;
  /** Browsing reads: a read replica, or `db` when there is none. */
  reads: Db;
  config: Config;
  clock: () => Date;
  rateLimits: RateLimitStore;
  stylesheetHref: string;
}

/**
 * The beneficiary portal, in its own encapsulated scope: HTML pages, cookie sessions and CSRF
 * checks here do not touch the JSON API. Returns its pages for refusals made outside its routes.
 */
export async function registerWeb(app: FastifyInstance, deps: WebDeps) {
  let context: WebContext | undefined;
  await app.register(async (scope) => {
    const sessions = await registerBrowserScope(scope, {
      db: deps.db,
      production: deps.config.production,
      sessions: {
        cookieName: PORTAL_COOKIE,
        idleMinutes: deps.config.webSessions.idleMinutes,
        maxMinutes: deps.config.webSessions.maxHours * 60,
        anonymousMinutes: ANONYMOUS_SESSION_MINUTES,
        clock: deps.clock,
        onePerSubject: true,
      },
    });
    const browse = readYourWrites(scope, {
      primary: deps.db,
      reads: deps.reads,
      seconds: deps.config.readPrimaryAfterWriteSeconds,
    });
    const limits = deps.config.portalRateLimits;
    context = {
      db: deps.db,
      browse,
      config: deps.config,
      clock: deps.clock,
      stylesheetHref: deps.stylesheetHref,
      sessions,
      limiter: portalLimiter({ db: deps.db, store: deps.rateLimits, limits, clock: deps.clock }),
      phoneCap: phoneCodeCap(deps.rateLimits, limits.codesPerPhonePerDay),
      latency: latencyGauge(),
    };
    measureLatency(scope, context.latency);
    const limiter = context.limiter;
    scope.addHook('preHandler', async (request) => {
      if (request.method === 'GET' || request.method === 'HEAD') await limiter.read(request);
    });
    registerWebErrors(scope, context);
    requireDeclaredFormFields(scope);
    signInRoutes(scope, context);
    bookingRoutes(scope, context);
    appointmentRoutes(scope, context);
    privacyRoutes(scope, context);
    myDataRoutes(scope, context);
    allocationRoutes(scope, context);
    waitingRoomRoutes(scope, context);
    waitlistRoutes(scope, context);
    rebookingRoutes(scope, context);
    reminderRoutes(scope, context);
  });
  if (!context) throw new Error('the web scope was not registered');
  return { refusalPages: portalRefusalPages(context, deps.config.production) };
}
