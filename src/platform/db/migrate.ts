import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database, Db } from './connect.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;

const migrationFiles = async () => (await readdir(MIGRATIONS_DIR)).filter((f) => FILE_NAME.test(f)).sort();

/** The migrations of this build not yet recorded in the database (readiness: the schema is current). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const files = await migrationFiles();
  const applied = await sql<{ name: string }>`select name from schema_migrations`.execute(db);
  const done = new Set(applied.rows.map((row) => row.name));
  return files.filter((file) => !done.has(file));
}

/** Applies the numbered SQL files not yet recorded, in order, each in its own transaction. */
export async function migrate(database: Database): Promise<{ applied: string[] }> {
  const files = await migrationFiles();
  await sql`create table if not exists schema_migrations (
    name text primary key, applied_at timestamptz not null default now())`.execute(database.db);
  const applied: string[] = [];
  for (const file of files) {
    const script = await readFile(MIGRATIONS_DIR + file, 'utf8');
    if (await database.applyScript(file, script)) applied.push(file);
  }
  return { applied };
}
