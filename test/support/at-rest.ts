// Reads the whole database the way someone who stole a copy would: every row of every table as
// text, all columns at once, looking for a secret.
import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/connect.js';

/** The tables some row of which shows `secret` as a whole token (not inside a longer run of digits or letters). */
export async function tablesRevealing(db: Db, secret: string): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db);
  const pattern = `(^|[^0-9A-Za-z])${secret.replace(/[^0-9A-Za-z]/g, (c) => `\\${c}`)}([^0-9A-Za-z]|$)`;
  const found: string[] = [];
  for (const { name } of tables.rows) {
    const hit = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(name)} t where t::text ~ ${pattern}`.execute(db);
    if ((hit.rows[0]?.n ?? 0) > 0) found.push(name);
  }
  return found;
}
