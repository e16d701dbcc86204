import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LIVENESS_PATHS, READINESS_PATH } from './health.js';

export interface OverloadConfig {
  /** Requests being served at once beyond which new ones are turned away at once; 0 = no limit. */
  maxInFlight: number;
  /** Event-loop delay (ms, sampled each second) beyond which new requests are turned away; 0 = off. */
  maxEventLoopDelayMs: number;
  /** What `Retry-After` tells the client. */
  retryAfterSeconds: number;
}

/**
 * Words the answer to a request turned away, each channel its own way (API: problem+json; the
 * portal: a calm page): sets the status (503) and content type on `reply` and returns the body.
 * `Retry-After` is already set.
 */
export type ShedResponder = (
  request: FastifyRequest,
  reply: FastifyReply,
  retryAfterSeconds: number,
) => unknown;

/** Paths never shed: the load balancer must see the process alive (and whether it is ready) while it sheds. */
const ALWAYS_SERVED = new Set<string>([...LIVENESS_PATHS, READINESS_PATH]);

/**
 * Sheds load early instead of queueing until clients time out: a request arriving while
 * `maxInFlight` are being served, or while the event loop lags (measured by @fastify/under-pressure),
 * is answered at once with 503 and Retry-After, before authentication or any database work. The
 * in-flight limit reacts within a request; the event-loop check catches a process starved of CPU.
 *
 * A request counts until its response closes, but a client that gives up closes it while its
 * statements still wait at the database: `databaseBacklog` (statements running or waiting for a
 * connection) is counted too, so clients that retry against a frozen database are turned away
 * instead of piling more work behind it.
 */
export async function registerLoadShedding(
  app: FastifyInstance,
  config: OverloadConfig,
  respond: ShedResponder,
  databaseBacklog: () => number = () => 0,
) {
  const shed = (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('retry-after', String(config.retryAfterSeconds));
    return respond(request, reply, config.retryAfterSeconds);
  };

  if (config.maxInFlight > 0) {
    let inFlight = 0;
    app.addHook('onRequest', (request, reply, done) => {
      if (ALWAYS_SERVED.has(request.url)) return done();
      if (Math.max(inFlight, databaseBacklog()) >= config.maxInFlight) {
        reply.send(shed(request, reply));
        return;
      }
      inFlight++;
      // 'close' comes once per response, sent or aborted.
      reply.raw.once('close', () => {
        inFlight--;
      });
      done();
    });
  }

  if (config.maxEventLoopDelayMs > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: config.maxEventLoopDelayMs,
      // under-pressure sends whatever the handler returns; undefined lets the request through.
      pressureHandler: ((request: FastifyRequest, reply: FastifyReply) =>
        ALWAYS_SERVED.has(request.url) ? undefined : shed(request, reply)) as () => void,
    });
  }
}
