import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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
  /**
   * Bulk-loads COPY text lines (see copy-text.ts) into `table`, streamed: on PostgreSQL through one
   * COPY … FROM STDIN with backpressure, on PGlite in chunks of a few megabytes. Memory stays bounded
   * whatever the number of rows. Not for use inside a transaction. Returns the rows loaded.
   */
  copyInto(
    table: string,
    columns: readonly string[],
    lines: AsyncIterable<string>,
    options?: CopyOptions,
  ): Promise<number>;
  close(): Promise<void>;
}

export interface CopyOptions {
  /**
   * PostgreSQL only, for loading a table nobody else is using: in one transaction, drop the table's
   * foreign keys and secondary indexes, copy, then recreate them, so rows are checked and indexed
   * set-wise at the end instead of one by one (the manual's advice for populating a database; ten
   * times faster for millions of rows). A failure rolls everything back. Locks the table meanwhile.
   */
  bulk?: boolean;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const PGLITE_COPY_CHUNK_CHARS = 4 * 1024 * 1024;
const PG_COPY_CHUNK_CHARS = 64 * 1024;

/** Joins lines into chunks of about `size` characters: one write per chunk, not per row. */
async function* chunked(lines: AsyncIterable<string>, size: number): AsyncGenerator<string> {
  let parts: string[] = [];
  let length = 0;
  for await (const line of lines) {
    parts.push(line);
    length += line.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns])
    if (!IDENTIFIER.test(name)) throw new RangeError(`Not a plain identifier: ${name}`);
  return `copy ${table} (${columns.join(', ')}) from ${source}`;
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
  const copyInto = async (table: string, columns: readonly string[], lines: AsyncIterable<string>) => {
    const statement = copyStatement(table, columns, "'/dev/blob'");
    let rows = 0;
    for await (const chunk of chunked(lines, PGLITE_COPY_CHUNK_CHARS)) {
      const result = await pglite.query(statement, [], { blob: new Blob([chunk]) });
      rows += result.affectedRows ?? 0;
    }
    return rows;
  };
  return {
    db,
    kind: 'pglite',
    copyInto,
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
    Client: PreparingClient,
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
  const copyInto = async (
    table: string,
    columns: readonly string[],
    lines: AsyncIterable<string>,
    options: CopyOptions = {},
  ) => {
    const statement = copyStatement(table, columns, 'stdin');
    const session = await pool.connect();
    try {
      let restore: string[] = [];
      if (options.bulk) {
        await session.query('begin');
        restore = await dropChecksAndIndexes(session, table);
      }
      const sink = session.query(copyFrom(statement));
      await pipeline(Readable.from(chunked(lines, PG_COPY_CHUNK_CHARS)), sink);
      for (const ddl of restore) await session.query(ddl);
      if (options.bulk) await session.query('commit');
      session.release();
      return Number(sink.rowCount ?? 0);
    } catch (error) {
      // A COPY cut short leaves the session mid-protocol: discard it (its transaction rolls back).
      session.release(error as Error);
      throw error;
    }
  };
  return { db, kind: 'postgres', applyScript, copyInto, close: () => db.destroy() };
}

/** Drops `table`'s foreign keys and non-constraint indexes; returns the DDL that recreates them. */
async function dropChecksAndIndexes(session: pg.PoolClient, table: string): Promise<string[]> {
  const foreignKeys = await session.query<{ name: string; definition: string }>(
    `select conname as name, pg_get_constraintdef(oid) as definition
       from pg_constraint where conrelid = $1::regclass and contype = 'f' order by conname`,
    [table],
  );
  const indexes = await session.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = $1
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.conrelid = $1::regclass)
      order by i.indexname`,
    [table],
  );
  for (const fk of foreignKeys.rows) await session.query(`alter table ${table} drop constraint ${fk.name}`);
  for (const index of indexes.rows) await session.query(`drop index ${index.name}`);
  return [
    ...indexes.rows.map((index) => index.definition),
    ...foreignKeys.rows.map((fk) => `alter table ${table} add constraint ${fk.name} ${fk.definition}`),
  ];
}

/**
 * A node-postgres client that prepares every parameterised statement once per connection (a named
 * statement, named after its text) instead of having PostgreSQL plan it on every execution: for
 * Citas' short statements planning cost more than running (measured 1.3–1.9 ms of planning for
 * 0.2–3 ms of execution). Texts without parameters (migration scripts) and query objects (COPY)
 * pass through unchanged.
 */
class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text === 'string' && Array.isArray(values)) {
      const name = `citas_${createHash('sha1').update(text).digest('base64url')}`;
      return (super.query as (...a: unknown[]) => never)({ name, text, values }, callback);
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
