import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/connect.js';
import type { RequireStaff } from './staff-auth.js';

/** What every API route module receives from buildApp. */
export interface ApiContext {
  app: FastifyInstance;
  db: Db;
  config: Config;
  clock: () => Date;
  requireStaff: RequireStaff;
}
