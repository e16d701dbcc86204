import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { pendingMigrations } from '../db/migrate.js';
import { problem, sendProblem } from './problem.js';

/** Liveness paths: answered by the process alone, never shed, never touching the database. */
export const LIVENESS_PATHS = ['/livez', '/healthz'] as const;
export const READINESS_PATH = '/readyz';

/**
 * Liveness and readiness, as load balancers and orchestrators expect them. `/livez` (and the older
 * `/healthz`) say the process runs: restart it only when they fail. `/readyz` says it can serve: the
 * database answered `select 1` within `timeoutMs` and every migration of this build is applied; a
 * 503 there means "send traffic elsewhere for now", not "restart".
 */
export function registerHealth(app: FastifyInstance, db: Db, timeoutMs: number) {
  const alive = async () => ({ status: 'ok' });
  for (const path of LIVENESS_PATHS) app.get(path, { schema: { hide: true } }, alive);

  // Migrations are never undone: once this build's are all applied, there is no need to look again.
  let schemaCurrent = false;
  const check = async (): Promise<string | null> => {
    await sql`select 1`.execute(db);
    if (!schemaCurrent) schemaCurrent = (await pendingMigrations(db)).length === 0;
    return schemaCurrent ? null : 'migrations pending';
  };
  app.get(READINESS_PATH, { schema: { hide: true } }, async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('database slower than the readiness timeout'), timeoutMs);
    });
    const reason = await Promise.race([check().catch(() => 'database unreachable'), late]).finally(() =>
      clearTimeout(timer),
    );
    reply.header('cache-control', 'no-store');
    if (reason === null) return { status: 'ready' };
    return sendProblem(reply, problem('NOT_READY', {}, { reason }));
  });
}
