import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type DatabaseTarget, openDatabase } from '../../src/platform/db/connect.js';
import { migrate } from '../../src/platform/db/migrate.js';

export type TestDatabaseKind = 'pglite' | 'postgres';

export const testDatabaseKind = (): TestDatabaseKind =>
  process.env.CITAS_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export interface TestDatabase extends Database {
  /** Where it lives, to open it again (restart tests). */
  target: DatabaseTarget;
  /** Closes the connection and deletes the database. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of this project's kind: an in-memory (or given directory) PGlite, or a
 * uniquely named PostgreSQL database created for this test file and dropped afterwards. Both start
 * from the run's migrated copy (global-setup.ts) when there is one, so migrating is a no-op check.
 */
export async function createTestDatabase(options: { pgliteDir?: string } = {}): Promise<TestDatabase> {
  if (testDatabaseKind() === 'pglite') {
    const target: DatabaseTarget = { kind: 'pglite', dataDir: options.pgliteDir ?? null };
    // In memory, the run's migrated image is loaded; on disk (restart tests), it is migrated here.
    const imageFile = options.pgliteDir ? null : inject('pgliteImage');
    const image = imageFile ? new Blob([await readFile(imageFile)]) : undefined;
    const database = await openDatabase({ ...target, image });
    await migrate(database);
    return { ...database, target, drop: () => database.close().catch(() => undefined) };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('CITAS_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `citas_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  // A copy of the run's migrated template when there is one; migrate() below then has nothing to do.
  const template = inject('postgresTemplate');
  await admin(adminUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = {
    kind: 'postgres',
    url: url.toString(),
    poolSize: 60,
    poolMode: poolMode(),
  };
  const database = await openDatabase(target);
  await migrate(database);
  return {
    ...database,
    target,
    drop: async () => {
      await database.close().catch(() => undefined); // a restart test may have closed it already
      await admin(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** `.ci/run` with CI_PGBOUNCER=1 points TEST_DATABASE_URL at PgBouncer in transaction mode. */
export const throughTransactionPooler = () => process.env.TEST_DATABASE_POOL_MODE === 'transaction';
const poolMode = () => (throughTransactionPooler() ? 'transaction' : 'session');

/** Creating and dropping databases goes straight to the server when the tests run through a pooler. */
async function admin(url: string, statement: string) {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
