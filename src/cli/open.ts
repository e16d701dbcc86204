import { APPEND_ONLY_TABLES } from '../audit/chain.js';
import type { Config } from '../config.js';
import { type Database, type DatabaseTarget, openDatabase } from '../platform/db/connect.js';
import { migrate } from '../platform/db/migrate.js';
import { currentRole, grantApplicationRole } from '../platform/db/roles.js';

export interface OpenOptions {
  /**
   * Serving holds every statement to the configured timeouts; a batch command (import, seed, report)
   * keeps only the connect timeout, its statements may rightly run for minutes.
   */
  use?: 'serve' | 'batch';
  /** Return the owner's connection (setup commands that rebuild indexes). */
  asOwner?: boolean;
}

/** A batch command's target: the statement bounds of serving lifted. */
function forUse(target: DatabaseTarget, use: 'serve' | 'batch'): DatabaseTarget {
  return use === 'batch' && target.kind === 'postgres' && target.timeouts
    ? { ...target, timeouts: { ...target.timeouts, statementMs: 0, lockMs: 0, idleInTransactionMs: 0 } }
    : target;
}

/**
 * Opens the configured database and brings its schema up to date. With MIGRATION_DATABASE_URL the
 * owner migrates and grants the application's role its rights, and the connection returned is the
 * application's — the owner's only for `asOwner`.
 */
export async function openMigratedDatabase(config: Config, options: OpenOptions = {}): Promise<Database> {
  const use = options.use ?? 'batch';
  if (!config.migrationDatabase) {
    const database = await openDatabase(forUse(config.database, use));
    try {
      await migrate(database);
    } catch (error) {
      await database.close();
      throw error;
    }
    return database;
  }
  const owner = await openDatabase(forUse(config.migrationDatabase, 'batch'));
  try {
    await migrate(owner);
    if (options.asOwner) return owner;
    const app = await openDatabase(forUse(config.database, use));
    try {
      const appRole = await currentRole(app.db);
      if (appRole !== (await currentRole(owner.db)))
        await grantApplicationRole(owner.db, appRole, APPEND_ONLY_TABLES);
    } catch (error) {
      await app.close();
      throw error;
    }
    await owner.close();
    return app;
  } catch (error) {
    await owner.close();
    throw error;
  }
}

export const describeTarget = (config: Config): string =>
  config.database.kind === 'pglite'
    ? `PGlite en ${config.database.dataDir}`
    : `PostgreSQL en ${config.database.url.replace(/\/\/[^@/]*@/, '//…@')}`;
