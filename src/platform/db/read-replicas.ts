import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { isDatabaseUnavailable } from './errors.js';

/** A replica that failed is left out this long before it is tried again. */
export const REPLICA_RETRY_MS = 5000;
/** How often a replica is asked how far behind it is (only while reads come). */
const LAG_PROBE_MS = 1000;
// Seconds since the last replayed transaction, while received changes wait to be replayed; 0 when
// everything received is replayed (an idle primary is not lag).
const LAG_QUERY = `select case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
  else extract(epoch from now() - pg_last_xact_replay_timestamp()) end as lag`;

// A hot standby cancels a read that conflicts with replaying the primary's changes
// (serialization_failure, "conflict with recovery"): the primary answers it instead.
const RECOVERY_CONFLICT = '40001';

const recoveryConflict = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === RECOVERY_CONFLICT;

interface Source {
  pool: pg.Pool;
  /** Until when (ms since the epoch) this replica is skipped; 0: in service. */
  downUntil: number;
  /** The last lag probe found it further behind than allowed: out until a probe finds it caught up. */
  lagging: boolean;
  probedAt: number;
  probing: boolean;
}

export interface ReplicaOptions {
  /** A replica further behind than this is left out; 0: no bound. */
  maxLagMs: number;
  now?: () => number;
}

/**
 * A pool for Kysely's PostgresDialect that serves reads from the replicas in turn. A replica that
 * refuses a connection, has gone away or is frozen is skipped for REPLICA_RETRY_MS and the read runs on
 * the next one, finally on the primary: losing every replica costs load, never an answer. A
 * connection fails over only before its first statement succeeded, so a read-only transaction never
 * straddles two servers. A replica whose replay falls more than `maxLagMs` behind is left out from
 * its next lag probe (at most one a second per replica, beside the reads) until a probe finds it
 * caught up. Ending it ends the replicas' pools only: the primary's belongs to its owner.
 */
export function replicaReadPool(
  replicas: pg.Pool[],
  primary: pg.Pool,
  options: ReplicaOptions,
): PostgresPool {
  const now = options.now ?? Date.now;
  const sources: Source[] = replicas.map((pool) => ({
    pool,
    downUntil: 0,
    lagging: false,
    probedAt: 0,
    probing: false,
  }));
  let turn = 0;

  const probe = async (source: Source) => {
    if (options.maxLagMs <= 0 || source.probing || now() - source.probedAt < LAG_PROBE_MS) return;
    source.probing = true;
    try {
      // A checked-out client, not pool.query: its statement is bounded like every read.
      const client = await source.pool.connect();
      try {
        const { rows } = await client.query<{ lag: number | string | null }>(LAG_QUERY, []);
        client.release();
        source.lagging = Number(rows[0]?.lag ?? 0) * 1000 > options.maxLagMs;
      } catch (error) {
        client.release(true);
        throw error;
      }
    } catch {
      source.downUntil = now() + REPLICA_RETRY_MS;
    } finally {
      source.probedAt = now();
      source.probing = false;
    }
  };

  /** Replicas in service, starting with the next in turn, then the primary. */
  const candidates = (): Array<Source | null> => {
    const at = now();
    for (const source of sources) void probe(source);
    const order = sources.map((_, i) => sources[(turn + i) % sources.length] as Source);
    turn = (turn + 1) % Math.max(sources.length, 1);
    return [...order.filter((s) => s.downUntil <= at && !s.lagging), null];
  };

  const checkout = async (
    from: Array<Source | null>,
  ): Promise<{ client: pg.PoolClient; source: Source | null; rest: Array<Source | null> }> => {
    for (let i = 0; i < from.length; i++) {
      const source = from[i] as Source | null;
      if (source === null) return { client: await primary.connect(), source, rest: [] };
      try {
        return { client: await source.pool.connect(), source, rest: from.slice(i + 1) };
      } catch {
        // Unreachable, starting up, or refusing this role: the next source serves meanwhile.
        source.downUntil = now() + REPLICA_RETRY_MS;
      }
    }
    return { client: await primary.connect(), source: null, rest: [] };
  };

  return {
    connect: async (): Promise<PostgresPoolClient> => {
      let current = await checkout(candidates());
      let answered = false;
      const query = async (text: string, values: readonly unknown[]) => {
        for (;;) {
          try {
            const result = await current.client.query(text, values as unknown[]);
            answered = true;
            return result;
          } catch (error) {
            if (answered || current.source === null) throw error;
            if (isDatabaseUnavailable(error)) {
              current.source.downUntil = now() + REPLICA_RETRY_MS;
              current.client.release(true);
              current = await checkout(current.rest);
            } else if (recoveryConflict(error)) {
              current.client.release();
              current = await checkout([null]);
            } else throw error;
          }
        }
      };
      return {
        // Kysely streams through a cursor only when given one; this dialect is given none.
        query: query as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => current.client.release(destroy),
      };
    },
    end: async () => {
      await Promise.all(replicas.map((pool) => pool.end()));
    },
    options: {},
  };
}
