import { createClient } from 'redis';
import type { BatchingRateLimitStore } from './buffered-store.js';
import type { RateLimit, RateVerdict } from './counter.js';
import { fixedWindow } from './store.js';

// INCRBY and the expiry in one atomic step: a crash between the two can never leave a counter that
// lives forever, and concurrent hits from any process are counted exactly.
const HIT_SCRIPT = `
local hits = redis.call('INCRBY', KEYS[1], ARGV[2])
if hits == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return hits`;

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so several deployments (or test runs) can share one Redis. */
  keyPrefix?: string;
  /** Told when Redis cannot answer; the hit is then allowed (see `hit`). */
  onError?: (error: Error) => void;
}

/**
 * Counters in Redis, shared by every server process. When Redis cannot answer, a hit is allowed
 * rather than turning every person away: the sign-in code limits kept in the database still hold.
 */
export async function redisRateLimitStore(options: RedisStoreOptions): Promise<BatchingRateLimitStore> {
  const prefix = options.keyPrefix ?? 'citas:rl:';
  const onError = options.onError ?? (() => {});
  let connectedOnce = false;
  const client = createClient({
    url: options.url,
    // Without the offline queue a command fails at once while disconnected instead of waiting.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5_000,
      // Unreachable at start is a configuration error: fail the start. Later, reconnect forever.
      reconnectStrategy: (retries: number, cause: Error) =>
        connectedOnce ? Math.min(100 * 2 ** retries, 5_000) : cause,
    },
  });
  client.on('error', onError);
  client.on('ready', () => {
    connectedOnce = true;
  });
  await client.connect();
  const keyOf = (rule: RateLimit, now: Date) =>
    `${prefix}${rule.key}:${fixedWindow(rule.windowSeconds, now).start}`;
  // Kept a little past the window's end so a slow clock on one server still finds it.
  const ttlMs = (windowEnd: number, now: number) => String(Math.max(1, windowEnd - now) + 5_000);
  return {
    async hit(rule: RateLimit, now: Date): Promise<RateVerdict> {
      const window = fixedWindow(rule.windowSeconds, now);
      if (rule.limit <= 0) return { allowed: true, retryAfterSeconds: window.retryAfterSeconds, hits: 0 };
      try {
        const hits = Number(
          await client.eval(HIT_SCRIPT, {
            keys: [keyOf(rule, now)],
            arguments: [ttlMs(window.end, now.getTime()), '1'],
          }),
        );
        return { allowed: hits <= rule.limit, retryAfterSeconds: window.retryAfterSeconds, hits };
      } catch (error) {
        onError(error as Error);
        return { allowed: true, retryAfterSeconds: window.retryAfterSeconds, hits: 0 };
      }
    },
    // Commands sent in the same tick travel in one pipeline. Unlike `hit`, a failure is thrown: the
    // buffered store keeps the hits and sends them again.
    async add(increments) {
      const now = Date.now();
      return Promise.all(
        increments.map(async (i) =>
          Number(
            await client.eval(HIT_SCRIPT, {
              keys: [`${prefix}${i.key}:${i.windowStart}`],
              arguments: [ttlMs(i.windowStart + i.windowSeconds * 1000, now), String(i.hits)],
            }),
          ),
        ),
      );
    },
    async count(rule: RateLimit, now: Date): Promise<number> {
      try {
        return Number((await client.get(keyOf(rule, now))) ?? 0);
      } catch (error) {
        onError(error as Error);
        return 0;
      }
    },
    async close() {
      if (client.isOpen) await client.quit();
    },
  };
}
