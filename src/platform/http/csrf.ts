import type { FastifyRequest } from 'fastify';
import { DomainError } from '../domain-error.js';
import { sameSecret } from './session.js';

/** The hidden form field that carries the session's token. */
export const CSRF_FIELD = '_csrf';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * preHandler hook refusing a state-changing request unless its form carries the session's CSRF token
 * (synchronizer token) and, when the browser names an origin, that origin is this host. Runs after
 * the body is parsed and before the handler, so a refused request changes nothing.
 */
export async function requireCsrfToken(request: FastifyRequest): Promise<void> {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const sent = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  const expected = request.session?.csrfToken;
  const origin = request.headers.origin;
  const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
  const foreignOrigin =
    origin !== undefined &&
    origin !== 'null' &&
    hostOf(origin) !== hostOf(`${request.protocol}://${request.host}`);
  if (crossSite || foreignOrigin || typeof sent !== 'string' || !expected || !sameSecret(sent, expected)) {
    throw new DomainError('CSRF_REJECTED', 'form without the session token, or from another site');
  }
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
