import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { replicaReadPool } from './read-replicas.js';
import type { Tables } from './schema.js';

export type Db = Kysely<Tables>;

export interface Database {
  db: Db;
  /**
   * For browsing reads that may lag the primary by a moment (catalog, availability): the read
   * replicas (DATABASE_READ_URL), or `db` itself when there are none. Never for what is about to be
   * written, nor for a person's own appointments.
   */
  reads: Db;
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
  /**
   * Work waiting at the database now: statements running or waiting for a pooled connection. Counts
   * work whose requester already hung up, which load shedding must still see (always 0 on PGlite).
   */
  backlog(): number;
  /** PGlite only: the data directory as an image (a tarball) that a target's `image` opens again. */
  image?(): Promise<Blob>;
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
  // dataDir null: in memory; image: a data directory dumped by PGlite to start from (tests start
  // from a migrated one instead of migrating each database again).
  | { kind: 'pglite'; dataDir: string | null; image?: Blob }
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      timeouts?: DatabaseTimeouts;
      /** Streaming replicas for `reads`, each with a pool of `poolSize`. */
      readUrls?: string[];
      /** A replica further behind than this is left out until it catches up; 0: no bound. */
      readMaxLagSeconds?: number;
      poolMode?: PoolMode;
    };

/**
 * `session`: each connection is a server session of its own (direct, or a pooler in session mode).
 * `transaction`: a pooler (PgBouncer `pool_mode = transaction`) may hand each transaction to another
 * server session, so nothing may outlive a transaction: statements are not prepared by name and the
 * server-side timeouts are not sent at startup (the pooler's `connect_query` or the role sets them).
 */
export type PoolMode = 'session' | 'transaction';

/**
 * Bounds that keep a request from waiting forever on a database that is gone, frozen or locked.
 * Milliseconds; 0 = no bound. Serving sets them all; batch commands (import, seed) leave the
 * statement bounds off, their statements may rightly run for minutes.
 */
export interface DatabaseTimeouts {
  /** Opening a connection, and waiting for a free one in the pool. */
  connectMs: number;
  /** Server side (statement_timeout); the client gives up 1 s later if the server cannot even say so. */
  statementMs: number;
  /** Server side (lock_timeout): waiting for a row or table lock. */
  lockMs: number;
  /** Server side: a session left idle inside a transaction is ended, releasing its locks. */
  idleInTransactionMs: number;
}

/** A frozen server cannot cancel its own statement: the client stops waiting this much later. */
const CLIENT_GRACE_MS = 1000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

// Both drivers return the same JS shapes: int8 as number (ids stay far below 2^53), `date` as
// 'YYYY-MM-DD' (a calendar day has no time zone), timestamptz as Date.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'pglite') return openPglite(target.dataDir, target.image);
  return openPostgres(target);
}

async function openPglite(dataDir: string | null, image?: Blob): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  // An explicit 'memory://' matters: with no data dir, PGlite ignores the options (parsers).
  const pglite = new PGlite(dataDir ?? 'memory://', {
    ...(image ? { loadDataDir: image } : {}),
    // Trigram indexes for the registry's name search (migration 0120).
    extensions: { pg_trgm },
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
    reads: db,
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
    backlog: () => 0,
    image: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * The server-side bounds travel in the startup packet's `options` (`-c name=value`), so every
 * connection has them from its first statement, at no extra round trip, and they hold for whatever
 * transaction runs on the connection. An `options` already in the URL is kept.
 */
function withServerTimeouts(url: string, timeouts: DatabaseTimeouts | undefined, mode: PoolMode): string {
  // PgBouncer 1.18 refuses a startup packet carrying `options`; in transaction mode they would not
  // reach every server session anyway.
  if (mode === 'transaction') return url;
  const settings = [
    ['statement_timeout', timeouts?.statementMs],
    ['lock_timeout', timeouts?.lockMs],
    ['idle_in_transaction_session_timeout', timeouts?.idleInTransactionMs],
  ].filter(([, ms]) => typeof ms === 'number' && ms > 0);
  if (settings.length === 0) return url;
  const parsed = new URL(url);
  const options = settings.map(([name, ms]) => `-c ${name}=${ms}`);
  const existing = parsed.searchParams.get('options');
  parsed.searchParams.set('options', [existing, ...options].filter(Boolean).join(' '));
  return parsed.toString();
}

const PG_PARSERS: Record<number, (v: string) => unknown> = {
  [INT8]: (v) => Number(v),
  [DATE]: (v) => v,
  [NUMERIC]: (v) => Number(v),
};

function postgresPool(
  url: string,
  poolSize: number,
  timeouts: DatabaseTimeouts | undefined,
  mode: PoolMode,
): pg.Pool {
  const statementMs = timeouts?.statementMs ?? 0;
  const pool = new pg.Pool({
    Client: mode === 'transaction' ? UnpreparedClient : PreparingClient,
    connectionString: withServerTimeouts(url, timeouts, mode),
    max: poolSize,
    connectionTimeoutMillis: timeouts?.connectMs || DEFAULT_CONNECT_TIMEOUT_MS,
    // A peer that vanished without closing (a failed host, a cut network) is noticed by the kernel.
    keepAlive: true,
    ...(statementMs > 0 ? { query_timeout: statementMs + CLIENT_GRACE_MS } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        PG_PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client can lose its connection (server restart, admin termination); the pool replaces
  // it. Without a listener node-postgres would throw the error out of the process. A client in use
  // reports to its own listener (PreparingClient) and fails the statement it was running.
  pool.on('error', () => undefined);
  return pool;
}

const inUse = (pool: pg.Pool) => pool.waitingCount + pool.totalCount - pool.idleCount;

async function openPostgres(target: Extract<DatabaseTarget, { kind: 'postgres' }>): Promise<Database> {
  const poolSize = target.poolSize ?? 20;
  const mode = target.poolMode ?? 'session';
  const pool = postgresPool(target.url, poolSize, target.timeouts, mode);
  // Fail fast when the server is unreachable rather than on the first request.
  const client = await pool.connect();
  client.release();
  // Replicas are not awaited: one that is down at start is skipped until it answers.
  const replicas = (target.readUrls ?? []).map((url) => postgresPool(url, poolSize, target.timeouts, mode));
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const applyScript = async (name: string, script: string) => {
    const session = (await pool.connect()) as pg.PoolClient & PreparingClient;
    // A migration may rewrite a large table: it is not held to a request's bounds.
    session.unbounded = true;
    try {
      await session.query('begin');
      await session.query('set local statement_timeout = 0');
      await session.query('set local lock_timeout = 0');
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
    const session = (await pool.connect()) as pg.PoolClient & PreparingClient;
    // Millions of rows take minutes: a bulk load is not held to a request's bounds.
    session.unbounded = true;
    try {
      await session.query('begin');
      await session.query('set local statement_timeout = 0');
      const restore = options.bulk ? await dropChecksAndIndexes(session, table) : [];
      const sink = session.query(copyFrom(statement));
      await pipeline(Readable.from(chunked(lines, PG_COPY_CHUNK_CHARS)), sink);
      for (const ddl of restore) await session.query(ddl);
      await session.query('commit');
      session.release();
      return Number(sink.rowCount ?? 0);
    } catch (error) {
      // A COPY cut short leaves the session mid-protocol: discard it (its transaction rolls back).
      session.release(error as Error);
      throw error;
    }
  };
  const reads =
    replicas.length > 0
      ? new Kysely<Tables>({
          dialect: new PostgresDialect({
            pool: replicaReadPool(replicas, pool, { maxLagMs: (target.readMaxLagSeconds ?? 0) * 1000 }),
          }),
        })
      : db;
  return {
    db,
    reads,
    kind: 'postgres',
    applyScript,
    copyInto,
    backlog: () => replicas.reduce((n, replica) => n + inUse(replica), inUse(pool)),
    close: async () => {
      if (reads !== db) await reads.destroy();
      await db.destroy();
    },
  };
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
 * are not prepared.
 *
 * It also keeps a broken connection from taking the process down: node-postgres emits a lost
 * connection on a client that is checked out (a transaction, a COPY) on the client itself, and an
 * 'error' event nobody listens to is thrown. The statement that was running fails on its own, the
 * pool drops the client when it comes back, so the event only needs a listener.
 */
class PreparingClient extends pg.Client {
  /** Set on a client checked out for a migration or a COPY: no client-side read timeout. */
  unbounded = false;
  protected prepares = true;
  private readonly readTimeoutMs: number;

  constructor(config: pg.ClientConfig = {}) {
    super({ ...config, query_timeout: undefined });
    this.readTimeoutMs = config.query_timeout ?? 0;
    this.on('error', () => undefined);
  }

  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    const bound = this.readTimeoutMs > 0 && !this.unbounded ? { query_timeout: this.readTimeoutMs } : {};
    if (typeof text === 'string' && Array.isArray(values) && this.prepares) {
      const name = `citas_${createHash('sha1').update(text).digest('base64url')}`;
      return this.watched(super.query({ name, text, values, ...bound }, callback as undefined));
    }
    if (typeof text === 'string' && Array.isArray(values)) {
      return this.watched(super.query({ text, values, ...bound }, callback as undefined));
    }
    if (typeof text === 'string' && values === undefined && callback === undefined) {
      return this.watched(super.query({ text, ...bound }));
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }

  /**
   * A statement the server never answered leaves the connection mid-exchange: it is closed, so the
   * pool replaces it instead of queueing the next transaction behind a frozen server.
   */
  private watched(result: unknown): never {
    if (result instanceof Promise) {
      result.catch((error: Error) => {
        if (error.message === 'Query read timeout') this.connection.stream.destroy();
      });
    }
    return result as never;
  }
}

/**
 * For a pooler in transaction mode (PgBouncer before 1.21 knows nothing of prepared statements): a
 * statement prepared by name on one server session would be missing on the next. Each statement is
 * parsed unnamed, in the same exchange that runs it.
 */
class UnpreparedClient extends PreparingClient {
  protected override prepares = false;
}
