import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This form changes what its sender's next pages show: they read from the primary a while. */
    writes?: boolean;
  }
}

/** Carries no data: its presence until it expires says "this browser wrote moments ago". */
export const WROTE_COOKIE = '__Host-citas_escribio';

/**
 * Read-your-writes over lagging replicas, per browser: a form declared `writes` leaves a cookie that
 * lasts `seconds`, and while it lasts the browser's browsing reads go to the primary too. A cookie
 * works behind any number of app servers; dropping or forging it only changes where its own sender
 * reads from. Register after @fastify/cookie; returns which handle a request's browsing reads use.
 */
export function readYourWrites(
  scope: FastifyInstance,
  handles: { primary: Db; reads: Db; seconds: number },
): (request: FastifyRequest) => Db {
  const { primary, reads, seconds } = handles;
  if (reads === primary || seconds === 0) return () => reads;
  scope.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.config.writes)
      reply.setCookie(WROTE_COOKIE, '1', {
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'lax',
        maxAge: seconds,
      });
  });
  return (request) => (request.cookies[WROTE_COOKIE] ? primary : reads);
}
