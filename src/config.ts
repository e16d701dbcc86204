import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { RebookingSettings } from './booking/rebooking.js';
import type { ReplacementPolicy } from './booking/replacement.js';
import { STAFF_ROLES, type StaffRole } from './identity/roles.js';
import type { HttpSmsConfig } from './notify/adapters.js';
import type { HttpChannelConfig, HttpEmailConfig } from './notify/whatsapp-email.js';
import type { DatabaseTarget, DatabaseTimeouts, PoolMode } from './platform/db/connect.js';
import type { ReleaseMode } from './platform/db/schema.js';
import type { OverloadConfig } from './platform/http/load-shedding.js';
import type { ReminderPolicy } from './reminders/policy.js';
import type { ReleasePolicy } from './waiting-room/policy.js';
import type { WaitlistPolicy } from './waitlist/policy.js';

export interface Config {
  production: boolean;
  host: string;
  port: number;
  /**
   * Proxies whose X-Forwarded-For/-Proto/-Host are believed (CIDR list); none by default, so the
   * client address is the connection's own and a forged header changes nothing.
   */
  trustedProxies: string[];
  database: DatabaseTarget;
  /**
   * A browser that changed its appointments reads from the primary this long, not from a replica
   * that may not have the change yet (read-your-writes); meaningless without DATABASE_READ_URL.
   */
  readPrimaryAfterWriteSeconds: number;
  /** /readyz answers 503 when the database takes longer than this to answer `select 1`. */
  readinessTimeoutMs: number;
  /**
   * MIGRATION_DATABASE_URL: the owner of the schema, which migrates and grants the application's
   * role (DATABASE_URL) its rights; null when one role does both (PGlite, development).
   */
  migrationDatabase: DatabaseTarget | null;
  /** Seed the demo network when the database has no units yet. */
  seedDemoOnFirstStart: boolean;
  /** Cancelling or rescheduling is refused this many minutes before the start. */
  changeCutoffMinutes: number;
  /** The clinic's counter and virtual queues (issue 16). */
  reception: {
    /** Minutes after the appointment's time an arrival keeps its place; later ones queue from arrival. */
    lateToleranceMinutes: number;
    /** The "ven ahora" SMS goes to people this many places from their consultorio. */
    comeNowPlaces: number;
  };
  /** Cancellations of one service a person may make in a window before rebooking it is refused. */
  churnLimit: { maxCancellations: number; windowDays: number };
  logLevel: string;
  bodyLimitBytes: number;
  /** API requests per minute allowed per source address and per staff token; 0 disables. */
  apiRateLimits: { perIpPerMinute: number; perTokenPerMinute: number };
  /** Limits of the beneficiary portal's forms (per address, session, CURP, phone, person); 0 disables one. */
  portalRateLimits: PortalRateLimits;
  /**
   * A sign-in start is answered no sooner than this many milliseconds after it arrived, so the
   * answer for a beneficiary (a code queued) and for anyone else (a decoy) take the same time.
   */
  signInAnswerMs: number;
  /** `redis://…`: rate-limit counters in Redis instead of the database, under `keyPrefix`. */
  redis: { url: string; keyPrefix: string } | null;
  /**
   * Rate-limit hits are counted in memory and added to the shared store (database or Redis) every
   * this many milliseconds (platform/rate-limit/buffered-store.ts); 0 sends every hit at once.
   */
  rateLimitFlushMs: number;
  /** Availability answers remembered per process at most `ttlMs` (0: never); events read every `watchMs`. */
  availabilityMemory: { ttlMs: number; watchMs: number; maxMegabytes: number };
  /** Beneficiary portal sessions: ended after `idleMinutes` without a request, or `maxHours`. */
  webSessions: { idleMinutes: number; maxHours: number };
  /**
   * Staff console sessions, shorter than the portal's: a console left open at a counter or a desk
   * shows many people's data, not one person's own.
   */
  staffSessions: { idleMinutes: number; maxHours: number };
  /** The console's sign-in: limits before any check, the answer's common moment, the second factor. */
  staffSignIn: StaffSignInConfig;
  /** Console requests and changes (bookings, cancellations, staff changes) per staff account per hour; 0 disables. */
  staffRateLimits: { requestsPerHour: number; changesPerHour: number };
  /** Where SMS go: the server log (demos, tests) or an HTTP gateway. */
  sms: { adapter: 'log' } | ({ adapter: 'http' } & HttpSmsConfig);
  /** WhatsApp and e-mail beside SMS, off unless set (notify/channels.ts decides which a notice takes). */
  notices: {
    whatsapp: { adapter: 'off' | 'log' } | ({ adapter: 'http' } & HttpChannelConfig);
    email: { adapter: 'off' | 'log' } | ({ adapter: 'http' } & HttpEmailConfig);
  };
  /** When to turn requests away with 503 + Retry-After instead of queueing them. */
  overload: OverloadConfig;
  phone: PhoneConfig;
  /** The nightly eligibility import (docs/operations.md, "The nightly eligibility import"). */
  import: ImportConfig;
  /** Keys the database never sees: whoever reads or owns it can neither forge nor read with them. */
  secrets: SecretsConfig;
  /** Where the audit chain's head is published as it grows, outside the database; null: nowhere. */
  auditHeadFile: string | null;
  waitingRoom: WaitingRoomConfig;
  /** Waitlist offers, reminders and no-show policy (docs/operations.md, "Closing the access loop"). */
  accessLoop: AccessLoopConfig;
}

export interface ImportConfig {
  /** Refuse affiliation numbers whose last digit is not a Luhn check digit; off: the format promises none. */
  affiliationCheckDigit: boolean;
  /** Above this share of refused rows (percent) nothing is applied, unless the operator overrides it. */
  maxRejectedPercent: number;
}

export interface SecretsConfig {
  /** Keys the HMAC of the audit chain (AUDIT_CHAIN_KEY). */
  auditChainKey: string;
  /** Derives and hashes sign-in codes (SIGN_IN_CODE_KEY), so no table reveals a live code. */
  signInCodeKey: string;
  /** Signs the one-tap links sent by SMS (LINK_SIGNING_KEY): waitlist offers, reminders. */
  linkKey: string;
}

export interface AccessLoopConfig {
  /** The origin one-tap links in SMS point at (PUBLIC_URL), e.g. https://citas.example.mx. */
  publicUrl: string;
  waitlist: WaitlistPolicy;
  /** The time proposed and held for an appointment a closure took away (booking/replacement.ts). */
  rebooking: ReplacementPolicy;
  reminders: ReminderPolicy;
}

export interface WaitingRoomConfig {
  /** How a unit/service without a release_settings row releases its new days. */
  defaults: ReleasePolicy;
  /** Admission slows in proportion while the portal's recent latency is above this. */
  targetLatencyMs: number;
  /** How often the waiting page refreshes itself. */
  refreshSeconds: number;
}

export interface PortalRateLimits {
  /** Sign-in starts (POST /entrar) per hour from one address: generous, a clinic or a carrier NAT shares it. */
  signInPerIpPerHour: number;
  signInPerSessionPerHour: number;
  /** Counted whether the CURP exists or not, so the answer never tells. */
  signInPerCurpPerHour: number;
  /** SMS pumping: different CURPs one browser session, or one address, may try in an hour. */
  distinctCurpsPerSessionPerHour: number;
  distinctCurpsPerIpPerHour: number;
  /** Code checks and re-sends. */
  codePerIpPerHour: number;
  codePerSessionPerHour: number;
  /** Sign-in codes one phone on file receives per day (UTC), on top of the hourly limit per person. */
  codesPerPhonePerDay: number;
  /** Booking, cancelling and changing posts of a signed-in person. */
  changesPerSessionPerHour: number;
  changesPerPersonPerDay: number;
  /** Page reads (GET) per browser session and per address per minute; the address limit is for NATs. */
  readsPerSessionPerMinute: number;
  readsPerIpPerMinute: number;
}

export interface StaffSignInConfig {
  /** Sign-in posts (passwords and codes) per hour from one address, and per minute from everyone; 0 disables. */
  perIpPerHour: number;
  globalPerMinute: number;
  /** Answers leave no sooner than this after arriving, so unknown, wrong and locked take the same time. */
  answerMs: number;
  /** Roles that must sign in with a TOTP code too. */
  totpRequiredRoles: StaffRole[];
  /** 32 bytes (64 hex digits) encrypting TOTP secrets at rest; required in production. */
  totpKey: Buffer | null;
}

export interface PhoneConfig {
  /** The public origin the telephony platform calls (signatures cover it); else the request's own. */
  publicUrl: string | null;
  /** Verifies X-Twilio-Signature on TwiML webhooks; required in production. */
  twilioAuthToken: string | null;
  /** Expected in the X-Citas-Ivr-Secret header of VoiceXML requests; without it production refuses them. */
  vxmlSecret: string | null;
  /** The agent line, E.164; without it "asesor" offers only a call-back. */
  agentNumber: string | null;
  /** Callers already waiting for an agent at which a call-back is offered instead of the line. */
  callbackThreshold: number;
  /** TwiML <Say voice>, e.g. Polly.Mia; the platform's default es-MX voice when absent. */
  twimlVoice: string | null;
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
    trustedProxies: trustedProxies(env),
    database: databaseUrl
      ? {
          kind: 'postgres',
          url: databaseUrl,
          poolSize: integer(env, 'DATABASE_POOL_SIZE', 20, 1, 500),
          timeouts: databaseTimeouts(env),
          readUrls: readUrls(env),
          readMaxLagSeconds: integer(env, 'DATABASE_READ_MAX_LAG_SECONDS', 30, 0, 86_400),
          poolMode: poolMode(env),
        }
      : { kind: 'pglite', dataDir: resolve(env.DATA_DIR ?? 'data') },
    readPrimaryAfterWriteSeconds: integer(env, 'DATABASE_READ_PRIMARY_AFTER_WRITE_SECONDS', 60, 0, 86_400),
    readinessTimeoutMs: integer(env, 'READINESS_TIMEOUT_MS', 2000, 100, 60_000),
    migrationDatabase: migrationDatabase(env, databaseUrl),
    seedDemoOnFirstStart: env.SEED_DEMO !== 'false',
    changeCutoffMinutes: integer(env, 'CHANGE_CUTOFF_MINUTES', 120, 0, 10080),
    reception: {
      lateToleranceMinutes: integer(env, 'CHECK_IN_LATE_TOLERANCE_MINUTES', 15, 0, 240),
      comeNowPlaces: integer(env, 'QUEUE_COME_NOW_PLACES', 3, 1, 50),
    },
    churnLimit: {
      maxCancellations: integer(env, 'CHURN_MAX_CANCELLATIONS', 3, 1, 1000),
      windowDays: integer(env, 'CHURN_WINDOW_DAYS', 30, 1, 365),
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 16 * 1024, 1024, 1024 * 1024),
    apiRateLimits: {
      perIpPerMinute: integer(env, 'API_RATE_PER_IP_PER_MINUTE', 1200, 0, 10_000_000),
      perTokenPerMinute: integer(env, 'API_RATE_PER_TOKEN_PER_MINUTE', 600, 0, 10_000_000),
    },
    portalRateLimits: portalRateLimits(env),
    signInAnswerMs: integer(env, 'WEB_SIGN_IN_ANSWER_MS', 250, 0, 5000),
    redis: redisConfig(env),
    rateLimitFlushMs: integer(env, 'RATE_LIMIT_FLUSH_MS', 1000, 0, 60_000),
    availabilityMemory: {
      ttlMs: integer(env, 'AVAILABILITY_MEMORY_MS', 30_000, 0, 300_000),
      watchMs: integer(env, 'AVAILABILITY_WATCH_MS', 200, 20, 10_000),
      maxMegabytes: integer(env, 'AVAILABILITY_MEMORY_MB', 96, 1, 4096),
    },
    webSessions: {
      idleMinutes: integer(env, 'WEB_SESSION_IDLE_MINUTES', 20, 2, 240),
      maxHours: integer(env, 'WEB_SESSION_MAX_HOURS', 12, 1, 72),
    },
    staffSessions: {
      idleMinutes: integer(env, 'STAFF_SESSION_IDLE_MINUTES', 15, 2, 120),
      maxHours: integer(env, 'STAFF_SESSION_MAX_HOURS', 10, 1, 24),
    },
    staffSignIn: staffSignInConfig(env),
    staffRateLimits: {
      requestsPerHour: integer(env, 'STAFF_RATE_REQUESTS_PER_HOUR', 1500, 0, 1_000_000),
      changesPerHour: integer(env, 'STAFF_RATE_CHANGES_PER_HOUR', 150, 0, 1_000_000),
    },
    overload: {
      maxInFlight: integer(env, 'OVERLOAD_MAX_IN_FLIGHT', 256, 0, 100_000),
      maxEventLoopDelayMs: integer(env, 'OVERLOAD_MAX_EVENT_LOOP_DELAY_MS', 500, 0, 60_000),
      retryAfterSeconds: integer(env, 'OVERLOAD_RETRY_AFTER_SECONDS', 5, 1, 3600),
    },
    sms: smsConfig(env),
    notices: { whatsapp: whatsAppConfig(env), email: emailConfig(env) },
    phone: phoneConfig(env),
    import: {
      affiliationCheckDigit: flag(env, 'IMPORT_AFFILIATION_CHECK_DIGIT', false),
      maxRejectedPercent: integer(env, 'IMPORT_MAX_REJECTED_PERCENT', 5, 0, 100),
    },
    secrets: {
      auditChainKey: secretKey(env, 'AUDIT_CHAIN_KEY'),
      signInCodeKey: secretKey(env, 'SIGN_IN_CODE_KEY'),
      linkKey: secretKey(env, 'LINK_SIGNING_KEY'),
    },
    accessLoop: accessLoopConfig(env),
    auditHeadFile: auditHeadFile(env),
    waitingRoom: waitingRoomConfig(env),
  };
}

const RELEASE_MODES: readonly ReleaseMode[] = ['race', 'queue', 'allocate'];

function waitingRoomConfig(env: NodeJS.ProcessEnv): WaitingRoomConfig {
  const mode = (env.RELEASE_DEFAULT_MODE?.trim() || 'queue') as ReleaseMode;
  if (!RELEASE_MODES.includes(mode))
    throw new ConfigError('RELEASE_DEFAULT_MODE must be "race", "queue" or "allocate"');
  return {
    defaults: {
      mode,
      preWindowMinutes: integer(env, 'RELEASE_PRE_WINDOW_MINUTES', 30, 0, 1440),
      passMinutes: integer(env, 'RELEASE_PASS_MINUTES', 10, 1, 120),
      admitPerMinute: integer(env, 'RELEASE_ADMIT_PER_MINUTE', 60, 1, 100_000),
      rushMinutes: integer(env, 'RELEASE_RUSH_MINUTES', 120, 1, 1440),
    },
    targetLatencyMs: integer(env, 'WAITING_ROOM_TARGET_LATENCY_MS', 250, 10, 60_000),
    refreshSeconds: integer(env, 'WAITING_ROOM_REFRESH_SECONDS', 20, 5, 300),
  };
}

/** DATABASE_READ_URL: streaming replicas, comma-separated; ignored on PGlite. */
function readUrls(env: NodeJS.ProcessEnv): string[] {
  const urls = (env.DATABASE_READ_URL ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  for (const url of urls)
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new ConfigError(
        'DATABASE_READ_URL must list postgres:// or postgresql:// URLs separated by commas',
      );
  return urls;
}

function poolMode(env: NodeJS.ProcessEnv): PoolMode {
  const mode = env.DATABASE_POOL_MODE?.trim() || 'session';
  if (mode !== 'session' && mode !== 'transaction')
    throw new ConfigError('DATABASE_POOL_MODE must be "session" or "transaction" (PgBouncer pool_mode)');
  return mode;
}

function accessLoopConfig(env: NodeJS.ProcessEnv): AccessLoopConfig {
  // Links in SMS (offers, reminders, a closure's rebooking) must reach the real portal, not a laptop.
  if (env.NODE_ENV === 'production' && !env.PUBLIC_URL?.trim())
    throw new ConfigError('NODE_ENV=production needs PUBLIC_URL: the portal origin links in SMS point at');
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '') || 'http://localhost:3000';
  if (!/^https?:\/\/[^/?#]+$/.test(publicUrl))
    throw new ConfigError('PUBLIC_URL must be an origin such as https://citas.example.mx (no path)');
  const priorityAge = integer(env, 'WAITLIST_PRIORITY_AGE', 60, 0, 200);
  return {
    publicUrl,
    waitlist: {
      offerMinutes: integer(env, 'WAITLIST_OFFER_MINUTES', 30, 5, 24 * 60),
      minLeadMinutes: integer(env, 'WAITLIST_MIN_LEAD_MINUTES', 120, 0, 7 * 24 * 60),
      priorityAge: priorityAge === 0 ? null : priorityAge,
    },
    rebooking: {
      holdHours: integer(env, 'REBOOKING_HOLD_HOURS', 24, 1, 7 * 24),
      minLeadMinutes: integer(env, 'REBOOKING_MIN_LEAD_MINUTES', 120, 0, 7 * 24 * 60),
    },
    reminders: {
      leadHours: leadHours(env.REMINDER_LEAD_HOURS),
      quietFrom: integer(env, 'REMINDER_QUIET_FROM', 21, 0, 23),
      quietUntil: integer(env, 'REMINDER_QUIET_UNTIL', 8, 0, 23),
      noShow: {
        threshold: integer(env, 'NO_SHOW_THRESHOLD', 2, 0, 100),
        windowDays: integer(env, 'NO_SHOW_WINDOW_DAYS', 180, 1, 3650),
        confirmHoursBefore: integer(env, 'NO_SHOW_CONFIRM_HOURS_BEFORE', 12, 1, 240),
        closeAfterMinutes: integer(env, 'NO_SHOW_CLOSE_AFTER_MINUTES', 60, 0, 7 * 24 * 60),
      },
    },
  };
}

function leadHours(raw: string | undefined): number[] {
  const text = raw?.trim() || '72,24';
  const hours = text.split(',').map((h) => Number(h.trim()));
  if (hours.length === 0 || hours.length > 5 || hours.some((h) => !Number.isInteger(h) || h < 1 || h > 720))
    throw new ConfigError('REMINDER_LEAD_HOURS must be up to 5 whole hours between 1 and 720, e.g. 72,24');
  return [...new Set(hours)];
}

function databaseTimeouts(env: NodeJS.ProcessEnv): DatabaseTimeouts {
  return {
    connectMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 3000, 100, 600_000),
    statementMs: integer(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5000, 0, 3_600_000),
    lockMs: integer(env, 'DATABASE_LOCK_TIMEOUT_MS', 2000, 0, 3_600_000),
    idleInTransactionMs: integer(env, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 10_000, 0, 3_600_000),
  };
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

/**
 * Development and tests only: a known key protects nothing. Production refuses to start without its
 * own keys (and refuses these).
 */
export const DEVELOPMENT_KEYS = {
  AUDIT_CHAIN_KEY: 'development-only-audit-chain-key-NOT-SECRET',
  SIGN_IN_CODE_KEY: 'development-only-sign-in-code-key-NOT-SECRET',
  LINK_SIGNING_KEY: 'development-only-link-signing-key-NOT-SECRET',
} as const;
const MIN_KEY_LENGTH = 32;

function secretKey(env: NodeJS.ProcessEnv, name: keyof typeof DEVELOPMENT_KEYS): string {
  const key = env[name]?.trim();
  if (!key) {
    if (env.NODE_ENV === 'production')
      throw new ConfigError(`NODE_ENV=production needs ${name} (${MIN_KEY_LENGTH}+ random characters)`);
    return DEVELOPMENT_KEYS[name];
  }
  if (key.length < MIN_KEY_LENGTH || key === DEVELOPMENT_KEYS[name])
    throw new ConfigError(`${name} must be at least ${MIN_KEY_LENGTH} random characters of your own`);
  return key;
}

function migrationDatabase(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): DatabaseTarget | null {
  const url = env.MIGRATION_DATABASE_URL?.trim();
  if (!url) return null;
  if (!databaseUrl) throw new ConfigError('MIGRATION_DATABASE_URL needs DATABASE_URL (the application role)');
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new ConfigError('MIGRATION_DATABASE_URL must start with postgres:// or postgresql://');
  // The owner migrates through the same pooler as the application, if any.
  return { kind: 'postgres', url, poolSize: 2, poolMode: poolMode(env) };
}

function auditHeadFile(env: NodeJS.ProcessEnv): string | null {
  const path = env.AUDIT_HEAD_FILE?.trim();
  if (path === 'off') return null;
  return resolve(path || `${env.DATA_DIR ?? 'data'}/audit-heads.log`);
}

function portalRateLimits(env: NodeJS.ProcessEnv): PortalRateLimits {
  const limit = (name: string, fallback: number) => integer(env, name, fallback, 0, 10_000_000);
  return {
    signInPerIpPerHour: limit('WEB_RATE_SIGN_IN_PER_IP_PER_HOUR', 2000),
    signInPerSessionPerHour: limit('WEB_RATE_SIGN_IN_PER_SESSION_PER_HOUR', 20),
    signInPerCurpPerHour: limit('WEB_RATE_SIGN_IN_PER_CURP_PER_HOUR', 10),
    distinctCurpsPerSessionPerHour: limit('WEB_RATE_CURPS_PER_SESSION_PER_HOUR', 5),
    distinctCurpsPerIpPerHour: limit('WEB_RATE_CURPS_PER_IP_PER_HOUR', 1000),
    codePerIpPerHour: limit('WEB_RATE_CODE_PER_IP_PER_HOUR', 5000),
    codePerSessionPerHour: limit('WEB_RATE_CODE_PER_SESSION_PER_HOUR', 30),
    codesPerPhonePerDay: limit('WEB_OTP_PER_PHONE_PER_DAY', 10),
    changesPerSessionPerHour: limit('WEB_RATE_CHANGES_PER_SESSION_PER_HOUR', 30),
    changesPerPersonPerDay: limit('WEB_RATE_CHANGES_PER_PERSON_PER_DAY', 40),
    readsPerSessionPerMinute: limit('WEB_READS_PER_SESSION_PER_MINUTE', 120),
    readsPerIpPerMinute: limit('WEB_READS_PER_IP_PER_MINUTE', 6000),
  };
}

// proxy-addr's (and so Fastify's) names for the private ranges, besides plain addresses and CIDRs.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustedProxies(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.TRUSTED_PROXIES ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (PROXY_RANGE_NAMES.has(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxPrefix = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixOk || rest.length > 0)
      throw new ConfigError(
        `TRUSTED_PROXIES must be addresses or CIDR ranges separated by commas, got "${entry}"`,
      );
  }
  return entries;
}

function staffSignInConfig(env: NodeJS.ProcessEnv): StaffSignInConfig {
  const roles = (env.STAFF_TOTP_REQUIRED_ROLES ?? 'national_admin,auditor')
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  for (const role of roles) {
    if (!(STAFF_ROLES as readonly string[]).includes(role))
      throw new ConfigError(
        `STAFF_TOTP_REQUIRED_ROLES must list roles among ${STAFF_ROLES.join(', ')}, got "${role}"`,
      );
  }
  const key = env.STAFF_TOTP_KEY?.trim();
  if (key && !/^[0-9a-fA-F]{64}$/.test(key))
    throw new ConfigError('STAFF_TOTP_KEY must be 64 hexadecimal digits (32 random bytes)');
  if (env.NODE_ENV === 'production' && !key)
    throw new ConfigError(
      'NODE_ENV=production needs STAFF_TOTP_KEY: second-factor secrets are encrypted at rest',
    );
  return {
    perIpPerHour: integer(env, 'STAFF_RATE_SIGN_IN_PER_IP_PER_HOUR', 100, 0, 1_000_000),
    globalPerMinute: integer(env, 'STAFF_RATE_SIGN_IN_PER_MINUTE', 600, 0, 1_000_000),
    answerMs: integer(env, 'STAFF_SIGN_IN_ANSWER_MS', 400, 0, 5000),
    totpRequiredRoles: roles as StaffRole[],
    totpKey: key ? Buffer.from(key, 'hex') : null,
  };
}

function redisConfig(env: NodeJS.ProcessEnv): Config['redis'] {
  const url = env.REDIS_URL?.trim();
  if (!url) return null;
  if (!/^rediss?:\/\//.test(url)) throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
  return { url, keyPrefix: env.REDIS_KEY_PREFIX?.trim() || 'citas:rl:' };
}

function phoneConfig(env: NodeJS.ProcessEnv): PhoneConfig {
  const publicUrl = env.PHONE_PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicUrl && !/^https?:\/\/[^/?#]+$/.test(publicUrl))
    throw new ConfigError('PHONE_PUBLIC_URL must be an origin such as https://citas.example.mx (no path)');
  const twilioAuthToken = env.TWILIO_AUTH_TOKEN?.trim() || null;
  if (env.NODE_ENV === 'production' && !twilioAuthToken)
    throw new ConfigError('NODE_ENV=production needs TWILIO_AUTH_TOKEN: phone webhooks must be signed');
  const vxmlSecret = env.PHONE_VXML_SECRET?.trim() || null;
  if (vxmlSecret && vxmlSecret.length < 16)
    throw new ConfigError('PHONE_VXML_SECRET must have at least 16 characters');
  const agentNumber = env.PHONE_AGENT_NUMBER?.trim() || null;
  if (agentNumber && !/^\+[1-9][0-9]{7,14}$/.test(agentNumber))
    throw new ConfigError('PHONE_AGENT_NUMBER must be an E.164 number such as +525540001000');
  const twimlVoice = env.PHONE_TWIML_VOICE?.trim() || null;
  if (twimlVoice && !/^[A-Za-z0-9._-]{1,60}$/.test(twimlVoice))
    throw new ConfigError('PHONE_TWIML_VOICE must be a voice name such as Polly.Mia');
  return {
    publicUrl,
    twilioAuthToken,
    vxmlSecret,
    agentNumber,
    callbackThreshold: integer(env, 'PHONE_CALLBACK_THRESHOLD', 5, 0, 10_000),
    twimlVoice,
  };
}

function smsConfig(env: NodeJS.ProcessEnv): Config['sms'] {
  const adapter = env.SMS_ADAPTER ?? 'log';
  if (adapter === 'log') return { adapter };
  if (adapter !== 'http') throw new ConfigError('SMS_ADAPTER must be "log" or "http"');
  const url = env.SMS_HTTP_URL;
  if (!url || !/^https?:\/\//.test(url))
    throw new ConfigError('SMS_ADAPTER=http needs SMS_HTTP_URL (http:// or https://)');
  if (!env.SMS_HTTP_FROM)
    throw new ConfigError('SMS_ADAPTER=http needs SMS_HTTP_FROM (the sender number or id)');
  const format = env.SMS_HTTP_FORMAT ?? 'form';
  if (format !== 'form' && format !== 'json')
    throw new ConfigError('SMS_HTTP_FORMAT must be "form" or "json"');
  return {
    adapter,
    url,
    from: env.SMS_HTTP_FROM,
    account: env.SMS_HTTP_ACCOUNT,
    token: env.SMS_HTTP_TOKEN,
    format,
    timeoutMs: integer(env, 'SMS_HTTP_TIMEOUT_MS', 10_000, 100, 120_000),
    referenceField: smsReferenceField(env.SMS_HTTP_REFERENCE_FIELD),
  };
}

/** The adapter of an optional channel, and its HTTP endpoint and token when it is `http`. */
function channelEndpoint(env: NodeJS.ProcessEnv, prefix: 'WHATSAPP' | 'EMAIL') {
  const adapter = env[`${prefix}_ADAPTER`] ?? 'off';
  if (adapter === 'off' || adapter === 'log') return { adapter } as const;
  if (adapter !== 'http') throw new ConfigError(`${prefix}_ADAPTER must be "off", "log" or "http"`);
  const url = env[`${prefix}_HTTP_URL`];
  if (!url || !/^https?:\/\//.test(url))
    throw new ConfigError(`${prefix}_ADAPTER=http needs ${prefix}_HTTP_URL (http:// or https://)`);
  const token = env[`${prefix}_HTTP_TOKEN`];
  if (!token) throw new ConfigError(`${prefix}_ADAPTER=http needs ${prefix}_HTTP_TOKEN`);
  return { adapter, url, token, timeoutMs: 10_000 } as const;
}

function whatsAppConfig(env: NodeJS.ProcessEnv): Config['notices']['whatsapp'] {
  return channelEndpoint(env, 'WHATSAPP');
}

function emailConfig(env: NodeJS.ProcessEnv): Config['notices']['email'] {
  const endpoint = channelEndpoint(env, 'EMAIL');
  if (endpoint.adapter !== 'http') return endpoint;
  if (!env.EMAIL_FROM?.includes('@'))
    throw new ConfigError('EMAIL_ADAPTER=http needs EMAIL_FROM (the sender address)');
  return { ...endpoint, from: env.EMAIL_FROM, subject: 'Citas ISSSTE' };
}

function smsReferenceField(raw: string | undefined): string | undefined {
  const field = raw?.trim();
  if (!field) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(field))
    throw new ConfigError('SMS_HTTP_REFERENCE_FIELD must be a field name such as client_ref');
  return field;
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

/** What a closure, an absence or a template change needs to tell people and hold their new time. */
export const rebookingSettingsOf = (config: Config): RebookingSettings => ({
  publicUrl: config.accessLoop.publicUrl,
  linkKey: config.secrets.linkKey,
  policy: config.accessLoop.rebooking,
});
