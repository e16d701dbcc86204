import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { isDatabaseUnavailable } from './errors.js';

/** A replica that failed is left out this long before it is tried again. */
export const REPLICA_RETRY_MS = 5000;

// A hot standby cancels a read that conflicts with replaying the primary's changes
// (serialization_failure, "conflict with recovery"): the primary answers it instead.
const RECOVERY_CONFLICT = '40001';

const recoveryConflict = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === RECOVERY_CONFLICT;

interface Source {
  pool: pg.Pool;
  /** Until when (ms since the epoch) this replica is skipped; 0: in service. */
  downUntil: number;
}

/**
 * A pool for Kysely's PostgresDialect that serves reads from the replicas in turn. A replica that
 * refuses a connection, has gone away or is frozen is skipped for REPLICA_RETRY_MS and the read runs on
 * the next one, finally on the primary: losing every replica costs load, never an answer. A
 * connection fails over only before its first statement succeeded, so a read-only transaction never
 * straddles two servers. Ending it ends the replicas' pools only: the primary's belongs to its owner.
 */
export function replicaReadPool(
  replicas: pg.Pool[],
  primary: pg.Pool,
  now: () => number = Date.now,
): PostgresPool {
  const sources: Source[] = replicas.map((pool) => ({ pool, downUntil: 0 }));
  let turn = 0;

  /** Replicas in service, starting with the next in turn, then the primary. */
  const candidates = (): Array<Source | null> => {
    const at = now();
    const order = sources.map((_, i) => sources[(turn + i) % sources.length] as Source);
    turn = (turn + 1) % Math.max(sources.length, 1);
    return [...order.filter((s) => s.downUntil <= at), null];
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
