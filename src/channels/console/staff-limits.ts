import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../audit/record.js';
import type { Db } from '../../platform/db/connect.js';
import type { RateLimit } from '../../platform/rate-limit/counter.js';
import { enforceRateLimit } from '../../platform/rate-limit/enforce.js';
import type { RateLimitStore } from '../../platform/rate-limit/store.js';

const HOUR = 3600;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Per staff account, wherever they sign in from: every console request counts, and changes
 * (bookings, cancellations, staff changes) count again on their own, so neither an insider pulling
 * records nor one booking places in bulk can go faster than a busy person at a desk. Runs after the
 * account is loaded and before any work; sign-out is never limited.
 */
export function limitStaffAccounts(
  scope: FastifyInstance,
  deps: {
    db: Db;
    rateLimits: RateLimitStore;
    clock: () => Date;
    config: { staffRateLimits: { requestsPerHour: number; changesPerHour: number } };
  },
) {
  const { requestsPerHour, changesPerHour } = deps.config.staffRateLimits;
  scope.addHook('onRequest', async (request) => {
    const agent = request.agent;
    if (!agent || request.url === '/consola/salir') return;
    const rules: RateLimit[] = [{ key: `staff:${agent.id}`, limit: requestsPerHour, windowSeconds: HOUR }];
    if (UNSAFE.has(request.method))
      rules.push({ key: `staff-changes:${agent.id}`, limit: changesPerHour, windowSeconds: HOUR });
    for (const rule of rules) {
      // One audit entry per account, limit and window: the pattern, not every refused request.
      await enforceRateLimit(deps.rateLimits, rule, deps.clock(), () =>
        recordAudit(deps.db, {
          actor: { kind: 'staff', id: String(agent.id) },
          action: 'staff.rate_limited',
          channel: 'console',
          sourceIp: request.ip,
          result: 'refused',
          detail: { limit: rule.key.split(':')[0], perHour: rule.limit },
        }),
      );
    }
  });
}
