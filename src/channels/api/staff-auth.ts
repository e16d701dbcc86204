import type { FastifyRequest } from 'fastify';
import { findPrincipalByToken, type StaffPrincipal, type StaffRole } from '../../identity/api-tokens.js';
import type { Db } from '../../platform/db/connect.js';
import { DomainError } from '../../platform/domain-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffPrincipal;
  }
}

// A token check is a database read; remembering answers briefly keeps it off the booking path.
// A revoked token stops working within CACHE_MS.
const CACHE_MS = 30_000;
const CACHE_MAX = 10_000;

export function staffAuthenticator(db: Db) {
  const cache = new Map<string, { principal: StaffPrincipal | undefined; until: number }>();
  async function principalOf(secret: string): Promise<StaffPrincipal | undefined> {
    const now = Date.now();
    const hit = cache.get(secret);
    if (hit && hit.until > now) return hit.principal;
    const principal = await findPrincipalByToken(db, secret);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(secret, { principal, until: now + CACHE_MS });
    return principal;
  }
  /** An onRequest hook admitting bearer tokens of the given roles. */
  return (roles: readonly StaffRole[]) => async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{1,100})$/.exec(header);
    const principal = match?.[1] ? await principalOf(match[1]) : undefined;
    if (!principal) throw new DomainError('UNAUTHENTICATED', 'missing or unknown bearer token');
    if (!roles.includes(principal.role))
      throw new DomainError('FORBIDDEN', `role ${principal.role} not allowed`);
    request.staff = principal;
  };
}

export type RequireStaff = ReturnType<typeof staffAuthenticator>;

export const actorOf = (request: FastifyRequest): string => `token:${request.staff?.tokenId ?? 'none'}`;
