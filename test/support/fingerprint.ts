import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../src/platform/db/connect.js';

// Tables that record attempts rather than state: a refused request is expected to count a hit,
// write an audit entry, touch a session or a call, or spend a code's attempt.
const RECORDS_OF_ATTEMPTS = new Set([
  'audit_log',
  'audit_pending',
  'audit_seals',
  'rate_limit_windows',
  'web_sessions',
  'booking_reviews',
  'sign_in_codes',
  'phone_calls',
  'staff_accounts',
  'staff_sign_in_throttles',
  'staff_totp_challenges',
  'api_tokens',
  'schema_migrations',
]);

/**
 * A digest of every row of every table that holds the system's state (appointments, slots, people,
 * notifications, agendas…), and of the `alsoWatch` tables of attempts. Equal before and after a request means the request changed nothing.
 */
export async function stateFingerprint(
  db: Db,
  alsoWatch: readonly string[] = [],
): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables.rows) {
    if (RECORDS_OF_ATTEMPTS.has(name) && !alsoWatch.includes(name)) continue;
    const digest = await sql<{ rows: string; digest: string | null }>`
      select count(*)::text as rows, md5(string_agg(t::text, '|' order by t::text)) as digest
      from ${sql.table(name)} t`.execute(db);
    const row = digest.rows[0];
    fingerprint[name] = `${row?.rows}:${row?.digest ?? ''}`;
  }
  return fingerprint;
}

/**
 * Runs `attempt` and expects it to leave every state table (and the `alsoWatch` tables of attempts)
 * as it found it; returns its result.
 */
export async function expectNothingChanged<T>(
  db: Db,
  attempt: () => Promise<T>,
  alsoWatch: readonly string[] = [],
): Promise<T> {
  const before = await stateFingerprint(db, alsoWatch);
  const result = await attempt();
  expect(await stateFingerprint(db, alsoWatch)).toEqual(before);
  return result;
}
