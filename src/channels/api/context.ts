import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/connect.js';
import type { RequireStaff } from './staff-auth.js';

/** What every API route module receives from buildApp. */
export interface ApiContext {
  app: FastifyInstance;
  db: Db;
  /** Catalog and availability: may lag `db` by a moment (a read replica). */
  reads: Db;
  config: Config;
  clock: () => Date;
  requireStaff: RequireStaff;
}
