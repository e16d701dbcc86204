import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

export interface RateLimit {
  /** What is counted: 'ip:1.2.3.4', 'token:7', 'curp:…', 'phone:…'. */
  key: string;
  /** Hits allowed per window; 0 disables the limit. */
  limit: number;
  windowSeconds: number;
}

export interface RateVerdict {
  allowed: boolean;
  /** Seconds until the window closes (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Counts one hit against `rule` in the current fixed window, in the database, so the limit holds
 * across every server process. One statement: an upsert that returns the new count.
 */
export async function hitRateLimit(db: Db, rule: RateLimit, now: Date): Promise<RateVerdict> {
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000));
  if (rule.limit <= 0) return { allowed: true, retryAfterSeconds };
  const result = await sql<{ hits: number }>`
    insert into rate_limit_windows (key, window_start, hits) values (${rule.key}, ${new Date(start)}, 1)
    on conflict (key, window_start) do update set hits = rate_limit_windows.hits + 1
    returning hits`.execute(db);
  return { allowed: (result.rows[0]?.hits ?? 0) <= rule.limit, retryAfterSeconds };
}

/** Deletes windows that ended more than a day ago. */
export async function forgetOldRateWindows(db: Db, now: Date): Promise<void> {
  await db
    .deleteFrom('rate_limit_windows')
    .where('window_start', '<', new Date(now.getTime() - 86_400_000))
    .execute();
}
