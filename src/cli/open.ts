import type { Config } from '../config.js';
import { type Database, openDatabase } from '../platform/db/connect.js';
import { migrate } from '../platform/db/migrate.js';

/**
 * Opens the configured database and brings its schema up to date. Serving holds every statement to
 * the configured timeouts; a batch command (import, seed, report) keeps only the connect timeout,
 * its statements may rightly run for minutes.
 */
export async function openMigratedDatabase(
  config: Config,
  use: 'serve' | 'batch' = 'batch',
): Promise<Database> {
  const target = config.database;
  const database = await openDatabase(
    use === 'batch' && target.kind === 'postgres' && target.timeouts
      ? { ...target, timeouts: { ...target.timeouts, statementMs: 0, lockMs: 0, idleInTransactionMs: 0 } }
      : target,
  );
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
