import type { RateLimit, RateVerdict } from './counter.js';

/**
 * Where rate-limit counters live: the database (default) or Redis (`REDIS_URL`). Both count fixed
 * windows, so a limit means the same thing whichever store holds it, across every server process.
 */
export interface RateLimitStore {
  /** Counts one hit against `rule` in its current window and says whether it is still allowed. */
  hit(rule: RateLimit, now: Date): Promise<RateVerdict>;
  /** The hits counted so far in the rule's current window, without adding one. */
  count(rule: RateLimit, now: Date): Promise<number>;
  close(): Promise<void>;
}

/** The fixed window `now` falls in, and the whole seconds left in it (at least 1, for Retry-After). */
export function fixedWindow(windowSeconds: number, now: Date) {
  const windowMs = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const end = start + windowMs;
  return { start, end, retryAfterSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)) };
}
