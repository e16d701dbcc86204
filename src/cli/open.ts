import type { Config } from '../config.js';
import { APPEND_ONLY_TABLES } from '../identity/audit-chain.js';
import { type Database, openDatabase } from '../platform/db/connect.js';
import { migrate } from '../platform/db/migrate.js';
import { currentRole, grantApplicationRole } from '../platform/db/roles.js';

/**
 * Opens the configured database and brings its schema up to date. With MIGRATION_DATABASE_URL the
 * owner migrates and grants the application's role its rights, and the connection returned is the
 * application's — the owner's only for `asOwner` (setup commands that rebuild indexes).
 */
export async function openMigratedDatabase(
  config: Config,
  options: { asOwner?: boolean } = {},
): Promise<Database> {
  if (!config.migrationDatabase) {
    const database = await openDatabase(config.database);
    try {
      await migrate(database);
    } catch (error) {
      await database.close();
      throw error;
    }
    return database;
  }
  const owner = await openDatabase(config.migrationDatabase);
  try {
    await migrate(owner);
    if (options.asOwner) return owner;
    const app = await openDatabase(config.database);
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
