import type { Config } from '../config.js';
import { type Database, openDatabase } from '../platform/db/connect.js';
import { migrate } from '../platform/db/migrate.js';

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = await openDatabase(config.database);
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

export const describeTarget = (config: Config): string =>
  config.database.kind === 'pglite'
    ? `PGlite en ${config.database.dataDir}`
    : `PostgreSQL en ${config.database.url.replace(/\/\/[^@/]*@/, '//…@')}`;
