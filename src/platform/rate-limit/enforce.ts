import { DomainError } from '../domain-error.js';
import type { RateLimit, RateVerdict } from './counter.js';
import type { RateLimitStore } from './store.js';

/** The refusal every channel gives past a limit: RATE_LIMITED, with the seconds to wait. */
export const rateLimited = (rule: RateLimit, verdict: Pick<RateVerdict, 'retryAfterSeconds'>) =>
  new DomainError('RATE_LIMITED', `rate limit ${rule.key}`, { retryAfterSeconds: verdict.retryAfterSeconds });

/** The first refused hit of a window: worth recording once, unlike every further request of a script. */
const isFirstRefusal = (rule: RateLimit, verdict: RateVerdict) => verdict.hits === rule.limit + 1;

/**
 * Counts one hit against `rule`; past the limit, runs `onFirstRefusal` for the window's first
 * refused hit (e.g. an audit entry) and throws RATE_LIMITED.
 */
export async function enforceRateLimit(
  store: RateLimitStore,
  rule: RateLimit,
  now: Date,
  onFirstRefusal?: () => Promise<void>,
): Promise<void> {
  const verdict = await store.hit(rule, now);
  if (verdict.allowed) return;
  if (onFirstRefusal && isFirstRefusal(rule, verdict)) await onFirstRefusal();
  throw rateLimited(rule, verdict);
}
