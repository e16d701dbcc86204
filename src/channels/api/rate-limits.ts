import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimit } from '../../platform/rate-limit/counter.js';
import { enforceRateLimit } from '../../platform/rate-limit/enforce.js';
import type { RateLimitStore } from '../../platform/rate-limit/store.js';

export interface ApiRateLimits {
  perIpPerMinute: number;
  perTokenPerMinute: number;
}

const enforce = (store: RateLimitStore, rule: RateLimit) => enforceRateLimit(store, rule, new Date());

/** Every API request counts against its source address. */
export function limitApiByIp(app: FastifyInstance, store: RateLimitStore, limits: ApiRateLimits) {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    await enforce(store, { key: `ip:${request.ip}`, limit: limits.perIpPerMinute, windowSeconds: 60 });
  });
}

/** Authenticated staff requests also count against the token, wherever they come from. */
export const limitStaffToken = (store: RateLimitStore, limits: ApiRateLimits) => (request: FastifyRequest) =>
  enforce(store, {
    key: `token:${request.staff?.tokenId ?? 'none'}`,
    limit: limits.perTokenPerMinute,
    windowSeconds: 60,
  });
