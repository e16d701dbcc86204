import { sql } from 'kysely';
import type { Db } from './connect.js';

/** The role a connection acts as. */
export async function currentRole(db: Db): Promise<string> {
  const { rows } = await sql<{ role: string }>`select current_user as role`.execute(db);
  return rows[0]?.role as string;
}

/**
 * Gives the application's role what it needs and no more, run by the owner after migrating: rows of
 * every table, but only INSERT and SELECT on the append-only ones, and no DDL, TRUNCATE or trigger
 * switching anywhere (those stay with the owner). Idempotent: it runs after every migration.
 */
export async function grantApplicationRole(owner: Db, appRole: string, appendOnly: readonly string[]) {
  const role = sql.id(appRole);
  const schema = sql.id(
    (await sql<{ s: string }>`select current_schema() as s`.execute(owner)).rows[0]?.s ?? 'public',
  );
  await sql`grant usage on schema ${schema} to ${role}`.execute(owner);
  await sql`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`.execute(owner);
  await sql`grant usage, select on all sequences in schema ${schema} to ${role}`.execute(owner);
  await sql`revoke insert, update, delete on schema_migrations from ${role}`.execute(owner);
  for (const table of appendOnly)
    await sql`revoke update, delete on ${sql.table(table)} from ${role}`.execute(owner);
}
