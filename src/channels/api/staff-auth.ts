import type { FastifyRequest } from 'fastify';
import { findPrincipalByToken, type StaffPrincipal } from '../../identity/api-tokens.js';
import type { StaffReader } from '../../identity/reader.js';
import {
  isAllowed,
  isNational,
  mayEver,
  type StaffOperation,
  type StaffScope,
} from '../../identity/roles.js';
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

export function staffAuthenticator(db: Db, afterSignIn: (request: FastifyRequest) => Promise<void>) {
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
  /** An onRequest hook admitting bearer tokens whose role may ever perform `operation`. */
  return (operation: StaffOperation) => async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{1,100})$/.exec(header);
    const principal = match?.[1] ? await principalOf(match[1]) : undefined;
    if (!principal) throw new DomainError('UNAUTHENTICATED', 'missing or unknown bearer token');
    request.staff = principal;
    await afterSignIn(request);
    if (!mayEver(principal.role, operation)) throw forbidden(principal, operation);
  };
}

export type RequireStaff = ReturnType<typeof staffAuthenticator>;

/**
 * Refuses unless the request's principal may perform `operation` on data of the unit `unitOf`
 * names. National principals are judged without looking the unit up.
 */
export async function assertAllowedOnUnit(
  request: FastifyRequest,
  operation: StaffOperation,
  unitOf: () => Promise<string | null> | string | null,
): Promise<void> {
  const staff = request.staff;
  if (!staff) throw new DomainError('UNAUTHENTICATED', 'no principal');
  const unit = isNational(staff) ? null : await unitOf();
  if (!isAllowed(staff, operation, unit)) throw forbidden(staff, operation);
}

const forbidden = (staff: StaffPrincipal, operation: StaffOperation) =>
  new DomainError('FORBIDDEN', `role ${staff.role} may not ${operation} here`);

export const actorOf = (request: FastifyRequest): string => `token:${request.staff?.tokenId ?? 'none'}`;

/** The principal behind this request, as the domains judge it (roles.ts). */
export function staffScopeOf(request: FastifyRequest): StaffScope {
  const staff = request.staff;
  if (!staff) throw new DomainError('UNAUTHENTICATED', 'no principal');
  return { role: staff.role, unitClues: staff.unitClues };
}

/** The reader of personal data behind this request; the domain read checks the units. */
export const staffReader = (request: FastifyRequest): StaffReader => ({
  actor: actorOf(request),
  channel: 'api',
  sourceIp: request.ip,
  scope: staffScopeOf(request),
});
