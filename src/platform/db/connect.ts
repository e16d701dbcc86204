import { mkdir } from 'node:fs/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Tables } from './schema.js';

export type Db = Kysely<Tables>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * Runs a multi-statement SQL script in one transaction unless `name` is already recorded in
   * schema_migrations; returns whether it ran. Used only by migrate(), before the app serves.
   */
  applyScript(name: string, script: string): Promise<boolean>;
  close(): Promise<void>;
}

const MIGRATION_LOCK = 7316024;

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null } // null: in memory
  | { kind: 'postgres'; url: string; poolSize?: number };

// Both drivers return the same JS shapes: int8 as number (ids stay far below 2^53), `date` as
// 'YYYY-MM-DD' (a calendar day has no time zone), timestamptz as Date.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'pglite') return openPglite(target.dataDir);
  return openPostgres(target.url, target.poolSize ?? 20);
}

async function openPglite(dataDir: string | null): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  // An explicit 'memory://' matters: with no data dir, PGlite ignores the options (parsers).
  const pglite = new PGlite(dataDir ?? 'memory://', {
    parsers: {
      [pgliteTypes.INT8]: (v: string) => Number(v),
      [pgliteTypes.DATE]: (v: string) => v,
      [pgliteTypes.NUMERIC]: (v: string) => Number(v),
    },
  });
  await pglite.waitReady;
  // Kysely's PGliteDialect runs one operation at a time on the single PGlite session, so concurrent
  // requests never interleave inside each other's transactions (see db/isolation.test.ts).
  const db = new Kysely<Tables>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    applyScript: (name, script) =>
      pglite.transaction(async (tx) => {
        const seen = await tx.query('select 1 from schema_migrations where name = $1', [name]);
        if (seen.rows.length > 0) return false;
        await tx.exec(script);
        await tx.query('insert into schema_migrations (name) values ($1)', [name]);
        return true;
      }),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const parsers: Record<number, (v: string) => unknown> = {
    [INT8]: (v) => Number(v),
    [DATE]: (v) => v,
    [NUMERIC]: (v) => Number(v),
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client can lose its connection (server restart, admin termination); the pool replaces
  // it. Without a listener node-postgres would throw the error out of the process.
  pool.on('error', () => undefined);
  // Fail fast when the server is unreachable rather than on the first request.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const applyScript = async (name: string, script: string) => {
    const session = await pool.connect();
    try {
      await session.query('begin');
      // Several processes may start at once against one server: they take turns here.
      await session.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const seen = await session.query('select 1 from schema_migrations where name = $1', [name]);
      if (seen.rows.length > 0) {
        await session.query('rollback');
        return false;
      }
      await session.query(script);
      await session.query('insert into schema_migrations (name) values ($1)', [name]);
      await session.query('commit');
      return true;
    } catch (error) {
      await session.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      session.release();
    }
  };
  return { db, kind: 'postgres', applyScript, close: () => db.destroy() };
}
