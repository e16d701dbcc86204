import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './connect.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;

/** Applies the numbered SQL files not yet recorded, in order, each in its own transaction. */
export async function migrate(database: Database): Promise<{ applied: string[] }> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => FILE_NAME.test(f)).sort();
  await sql`create table if not exists schema_migrations (
    name text primary key, applied_at timestamptz not null default now())`.execute(database.db);
  const applied: string[] = [];
  for (const file of files) {
    const script = await readFile(MIGRATIONS_DIR + file, 'utf8');
    if (await database.applyScript(file, script)) applied.push(file);
  }
  return { applied };
}
