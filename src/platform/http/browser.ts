import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.js';
import { requireCsrfToken } from './csrf.js';
import { securityHeaders } from './security-headers.js';
import { decorateSessions, type SessionOptions, type WebSessions, webSessions } from './session.js';

export interface BrowserScopeOptions {
  db: Db;
  production: boolean;
  sessions: SessionOptions;
}

/**
 * Everything an HTML channel needs, registered inside its own encapsulated scope (so the JSON API is
 * untouched): form bodies, cookies, compressed answers, security headers, cookie sessions and a
 * CSRF check on every state-changing request. Returns the session operations for the routes.
 */
export async function registerBrowserScope(
  scope: FastifyInstance,
  options: BrowserScopeOptions,
): Promise<WebSessions> {
  await scope.register(formbody);
  await scope.register(cookie);
  // Slow mobile data: pages shrink to a fifth; tiny answers are not worth the CPU.
  await scope.register(compress, { global: true, threshold: 512, encodings: ['br', 'gzip'] });
  decorateSessions(scope);
  const sessions = webSessions(options.db, options.sessions);
  scope.addHook('onRequest', securityHeaders({ production: options.production }));
  scope.addHook('onRequest', sessions.load);
  scope.addHook('preHandler', requireCsrfToken);
  return sessions;
}
