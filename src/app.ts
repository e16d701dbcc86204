import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { rememberAvailability } from './agenda/availability-memory.js';
import { watchSlotChanges } from './agenda/slot-changes.js';
import { registerApi } from './channels/api/index.js';
import { presentProblemExtras } from './channels/api/present.js';
import { limitApiByIp, limitStaffToken } from './channels/api/rate-limits.js';
import { staffAuthenticator } from './channels/api/staff-auth.js';
import { registerConsole } from './channels/console/index.js';
import { registerDisplay } from './channels/display/index.js';
import { phoneRoutes } from './channels/phone/routes.js';
import { registerWeb } from './channels/web/index.js';
import type { Config } from './config.js';
import type { Db } from './platform/db/connect.js';
import { registerStylesheet } from './platform/html/assets.js';
import { FrameworkRefusals } from './platform/http/framework-errors.js';
import { registerHealth } from './platform/http/health.js';
import { registerLoadShedding } from './platform/http/load-shedding.js';
import { overloadProblem, registerProblemHandling } from './platform/http/problem.js';
import { strictBodySchemas } from './platform/http/validation.js';
import { maskLogValue, maskPersonalData, maskRequestUrl } from './platform/privacy/mask.js';
import { bufferedRateLimitStore } from './platform/rate-limit/buffered-store.js';
import { databaseRateLimitStore } from './platform/rate-limit/counter.js';
import { redisRateLimitStore } from './platform/rate-limit/redis-store.js';

export interface AppDeps {
  config: Config;
  db: Db;
  /** Browsing reads (Database.reads): the read replicas, or `db` when there are none. */
  reads?: Db;
  /** The instant rules are judged at; tests pass their own. */
  clock?: () => Date;
  /** Statements running or waiting at the database now (Database.backlog), for load shedding. */
  databaseBacklog?: () => number;
  /** Where pino writes (stdout when absent); false silences logs. */
  logger?: false | { stream: { write(line: string): unknown } };
}

/** Builds the whole HTTP surface; tests drive it with app.inject(), main.ts makes it listen. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const reads = deps.reads ?? db;
  const refusals = new FrameworkRefusals();
  const app = Fastify({
    logger:
      deps.logger === false
        ? false
        : {
            level: config.logLevel,
            ...(deps.logger ? { stream: deps.logger.stream } : {}),
            // Every string of every entry (the message too), not just the fields below.
            hooks: {
              logMethod(args, method) {
                method.apply(this, args.map((arg) => maskLogValue(arg)) as typeof args);
              },
            },
            serializers: {
              req: (req) => ({ method: req.method, url: maskRequestUrl(req.url), reqId: req.id }),
              err: (err: Error) => ({
                type: err.name,
                message: maskPersonalData(err.message),
                stack: maskPersonalData(err.stack ?? ''),
              }),
            },
          },
    bodyLimit: config.bodyLimitBytes,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // request.ip (limits, audit, sessions) is the connection's address unless it is a configured proxy.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    schemaController: strictBodySchemas(),
    ...refusals.serverOptions,
  });

  // First of all hooks: a request turned away costs no authentication and no database work.
  await registerLoadShedding(
    app,
    config.overload,
    (_request, reply, retryAfter) => overloadProblem(reply, retryAfter),
    deps.databaseBacklog,
  );
  refusals.register(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Citas API',
        version: '1.0.0',
        description: 'Agenda de citas para derechohabientes: catálogo, disponibilidad y citas.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    // The document describes the JSON API only: the portal's and console's forms are HTML pages.
    transform: ({ schema, url }) => ({
      schema: url.startsWith('/api/') ? schema : { ...schema, hide: true },
      url,
    }),
  });
  const clock = deps.clock ?? (() => new Date());
  const onRateStoreError = (error: Error) =>
    app.log.warn({ message: error.message }, 'rate-limit store unavailable');
  const sharedRateLimits = config.redis
    ? await redisRateLimitStore({ ...config.redis, onError: onRateStoreError })
    : databaseRateLimitStore(db);
  const rateLimits =
    config.rateLimitFlushMs > 0
      ? bufferedRateLimitStore(sharedRateLimits, {
          flushMs: config.rateLimitFlushMs,
          onError: onRateStoreError,
        })
      : sharedRateLimits;
  app.addHook('onClose', () => rateLimits.close());
  if (config.availabilityMemory.ttlMs > 0) {
    // Remembered where availability is read; the events are watched there too, so an answer is
    // never refreshed from a replica that has not yet seen the change that made it stale.
    const memory = rememberAvailability(reads, { ttlMs: config.availabilityMemory.ttlMs });
    let unreadable = false;
    const watch = watchSlotChanges(reads, memory, {
      everyMs: config.availabilityMemory.watchMs,
      // Said once per outage, not five times a second.
      onError: (error) => {
        if (!unreadable) app.log.warn({ message: error.message }, 'slot changes unreadable');
        unreadable = true;
      },
      onRead: () => {
        unreadable = false;
      },
    });
    app.addHook('onClose', () => watch.stop());
  }
  const stylesheet = registerStylesheet(app);
  const web = await registerWeb(app, {
    db,
    reads,
    config,
    clock,
    rateLimits,
    stylesheetHref: stylesheet.href,
  });
  registerProblemHandling(app, presentProblemExtras, {
    retryAfterSeconds: config.overload.retryAfterSeconds,
  });
  refusals.addPages(web.refusalPages);

  limitApiByIp(app, rateLimits, config.apiRateLimits);
  registerApi({
    app,
    db,
    reads,
    config,
    clock,
    requireStaff: staffAuthenticator(db, limitStaffToken(rateLimits, config.apiRateLimits)),
  });
  await app.register(phoneRoutes, { db, reads, config, clock });
  const staffConsole = await registerConsole(app, {
    db,
    config,
    clock,
    rateLimits,
    stylesheetHref: stylesheet.href,
  });
  refusals.addPages(staffConsole.refusalPages);
  await registerDisplay(app, { db, clock, production: config.production, stylesheetHref: stylesheet.href });
  registerHealth(app, db, config.readinessTimeoutMs);
  return app;
}
