import { resolve } from 'node:path';
import type { DatabaseTarget } from './platform/db/connect.js';
import type { OverloadConfig } from './platform/http/load-shedding.js';

export interface Config {
  production: boolean;
  host: string;
  port: number;
  database: DatabaseTarget;
  /** Seed the demo network when the database has no units yet. */
  seedDemoOnFirstStart: boolean;
  /** Cancelling or rescheduling is refused this many minutes before the start. */
  changeCutoffMinutes: number;
  logLevel: string;
  bodyLimitBytes: number;
  /** When to turn requests away with 503 + Retry-After instead of queueing them. */
  overload: OverloadConfig;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once, at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    production: env.NODE_ENV === 'production',
    host: env.HOST ?? '0.0.0.0',
    port: integer(env, 'PORT', 3000, 0, 65535),
    database: databaseUrl
      ? { kind: 'postgres', url: databaseUrl, poolSize: integer(env, 'DATABASE_POOL_SIZE', 20, 1, 500) }
      : { kind: 'pglite', dataDir: resolve(env.DATA_DIR ?? 'data') },
    seedDemoOnFirstStart: env.SEED_DEMO !== 'false',
    changeCutoffMinutes: integer(env, 'CHANGE_CUTOFF_MINUTES', 120, 0, 10080),
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 16 * 1024, 1024, 1024 * 1024),
    overload: {
      maxInFlight: integer(env, 'OVERLOAD_MAX_IN_FLIGHT', 256, 0, 100_000),
      maxEventLoopDelayMs: integer(env, 'OVERLOAD_MAX_EVENT_LOOP_DELAY_MS', 500, 0, 60_000),
      retryAfterSeconds: integer(env, 'OVERLOAD_RETRY_AFTER_SECONDS', 5, 1, 3600),
    },
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}
