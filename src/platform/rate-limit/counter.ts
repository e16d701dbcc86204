import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { BatchingRateLimitStore, WindowIncrement } from './buffered-store.js';
import { fixedWindow } from './store.js';

export interface RateLimit {
  /** What is counted: 'ip:1.2.3.4', 'token:7', 'curp:<hash>', 'phone:<hash>'. */
  key: string;
  /** Hits allowed per window; 0 disables the limit. */
  limit: number;
  windowSeconds: number;
}

export interface RateVerdict {
  allowed: boolean;
  /** Seconds until the window closes (for Retry-After). */
  retryAfterSeconds: number;
  /** Hits in the window, this one included (0 when the limit is off). */
  hits: number;
}

/**
 * Counts one hit against `rule` in the current fixed window, in the database, so the limit holds
 * across every server process. One statement: an upsert that returns the new count.
 */
export async function hitRateLimit(db: Db, rule: RateLimit, now: Date): Promise<RateVerdict> {
  const { start, retryAfterSeconds } = fixedWindow(rule.windowSeconds, now);
  if (rule.limit <= 0) return { allowed: true, retryAfterSeconds, hits: 0 };
  const result = await sql<{ hits: number }>`
    insert into rate_limit_windows (key, window_start, hits) values (${rule.key}, ${new Date(start)}, 1)
    on conflict (key, window_start) do update set hits = rate_limit_windows.hits + 1
    returning hits`.execute(db);
  const hits = result.rows[0]?.hits ?? 0;
  return { allowed: hits <= rule.limit, retryAfterSeconds, hits };
}

async function countRateLimit(db: Db, rule: RateLimit, now: Date): Promise<number> {
  const row = await db
    .selectFrom('rate_limit_windows')
    .select('hits')
    .where('key', '=', rule.key)
    .where('window_start', '=', new Date(fixedWindow(rule.windowSeconds, now).start))
    .executeTakeFirst();
  return row?.hits ?? 0;
}

/**
 * Adds every increment to its window's counter in one statement (one commit, whatever the number
 * of counters); returns the new totals in order. Each (key, window) may appear once.
 */
export async function addRateHits(db: Db, increments: readonly WindowIncrement[]): Promise<number[]> {
  if (increments.length === 0) return [];
  const result = await sql<{ key: string; window_start: Date; hits: number }>`
    insert into rate_limit_windows (key, window_start, hits)
    select * from unnest(${increments.map((i) => i.key)}::text[],
                         ${increments.map((i) => new Date(i.windowStart).toISOString())}::timestamptz[],
                         ${increments.map((i) => i.hits)}::int[])
    on conflict (key, window_start) do update set hits = rate_limit_windows.hits + excluded.hits
    returning key, window_start, hits`.execute(db);
  const totals = new Map(result.rows.map((r) => [`${r.window_start.getTime()}|${r.key}`, r.hits]));
  return increments.map((i) => totals.get(`${i.windowStart}|${i.key}`) ?? 0);
}

/** The database as a rate-limit store (the default: no other service to run). */
export function databaseRateLimitStore(db: Db): BatchingRateLimitStore {
  return {
    hit: (rule, now) => hitRateLimit(db, rule, now),
    count: (rule, now) => countRateLimit(db, rule, now),
    add: (increments) => addRateHits(db, increments),
    close: async () => {},
  };
}

/** Deletes windows that ended more than a day ago. */
export async function forgetOldRateWindows(db: Db, now: Date): Promise<void> {
  await db
    .deleteFrom('rate_limit_windows')
    .where('window_start', '<', new Date(now.getTime() - 86_400_000))
    .execute();
}
