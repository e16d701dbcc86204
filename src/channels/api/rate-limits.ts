import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connect.js';
import { DomainError } from '../../platform/domain-error.js';
import { hitRateLimit, type RateLimit } from '../../platform/rate-limit/counter.js';

export interface ApiRateLimits {
  perIpPerMinute: number;
  perTokenPerMinute: number;
}

async function enforce(db: Db, rule: RateLimit) {
  const verdict = await hitRateLimit(db, rule, new Date());
  if (!verdict.allowed) {
    throw new DomainError('RATE_LIMITED', `rate limit ${rule.key}`, {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
}

/** Every API request counts against its source address. */
export function limitApiByIp(app: FastifyInstance, db: Db, limits: ApiRateLimits) {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    await enforce(db, { key: `ip:${request.ip}`, limit: limits.perIpPerMinute, windowSeconds: 60 });
  });
}

/** Authenticated staff requests also count against the token, wherever they come from. */
export const limitStaffToken = (db: Db, limits: ApiRateLimits) => (request: FastifyRequest) =>
  enforce(db, {
    key: `token:${request.staff?.tokenId ?? 'none'}`,
    limit: limits.perTokenPerMinute,
    windowSeconds: 60,
  });
