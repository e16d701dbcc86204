import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_KEYS, loadConfig } from './config.js';

const PRODUCTION_KEYS = {
  AUDIT_CHAIN_KEY: 'a'.repeat(40),
  SIGN_IN_CODE_KEY: 'c'.repeat(40),
  LINK_SIGNING_KEY: 'l'.repeat(40),
  STAFF_TOTP_KEY: 'a'.repeat(64),
  PUBLIC_URL: 'https://citas.example.mx',
};

describe('the telephone settings', () => {
  it('default to no agent line, a call-back offered from five waiting callers, and unsigned webhooks in development', () => {
    expect(loadConfig({}).phone).toEqual({
      publicUrl: null,
      twilioAuthToken: null,
      vxmlSecret: null,
      agentNumber: null,
      callbackThreshold: 5,
      twimlVoice: null,
    });
  });

  it('refuse to start in production without the token that proves webhooks come from the platform', () => {
    expect(() => loadConfig({ ...PRODUCTION_KEYS, NODE_ENV: 'production' })).toThrow(/TWILIO_AUTH_TOKEN/);
    expect(
      loadConfig({ ...PRODUCTION_KEYS, NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 'x'.repeat(32) }).phone
        .twilioAuthToken,
    ).toBe('x'.repeat(32));
  });

  it('reject an agent line that is not E.164 and a public URL with a path', () => {
    expect(() => loadConfig({ PHONE_AGENT_NUMBER: '55 4000 1000' })).toThrow(/E\.164/);
    expect(() => loadConfig({ PHONE_PUBLIC_URL: 'https://citas.example.mx/ivr' })).toThrow(/origin/);
    expect(loadConfig({ PHONE_PUBLIC_URL: 'https://citas.example.mx/' }).phone.publicUrl).toBe(
      'https://citas.example.mx',
    );
  });
});

describe('the staff console sessions', () => {
  it('default to 15 idle minutes and 10 hours, shorter than the portal’s', () => {
    const config = loadConfig({});
    expect(config.staffSessions).toEqual({ idleMinutes: 15, maxHours: 10 });
    expect(config.staffSessions.idleMinutes).toBeLessThan(config.webSessions.idleMinutes);
    expect(config.staffSessions.maxHours).toBeLessThan(config.webSessions.maxHours);
  });

  it('are set apart from the portal’s and refuse values out of range', () => {
    const config = loadConfig({ STAFF_SESSION_IDLE_MINUTES: '5', STAFF_SESSION_MAX_HOURS: '8' });
    expect(config.staffSessions).toEqual({ idleMinutes: 5, maxHours: 8 });
    expect(config.webSessions).toEqual({ idleMinutes: 20, maxHours: 12 });
    expect(() => loadConfig({ STAFF_SESSION_IDLE_MINUTES: '1' })).toThrow(/STAFF_SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ STAFF_SESSION_MAX_HOURS: '25' })).toThrow(/STAFF_SESSION_MAX_HOURS/);
  });
});

describe('the trust settings', () => {
  it('keep counters in the database unless REDIS_URL names a Redis', () => {
    expect(loadConfig({}).redis).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      keyPrefix: 'citas:rl:',
    });
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
  });

  it('default the portal limits generously per address and tightly per session, CURP and phone', () => {
    const limits = loadConfig({}).portalRateLimits;
    expect(limits.signInPerIpPerHour).toBeGreaterThan(limits.signInPerSessionPerHour * 50);
    expect(limits).toMatchObject({ distinctCurpsPerSessionPerHour: 5, codesPerPhonePerDay: 10 });
    expect(loadConfig({ WEB_OTP_PER_PHONE_PER_DAY: '0' }).portalRateLimits.codesPerPhonePerDay).toBe(0);
    expect(() => loadConfig({ WEB_RATE_SIGN_IN_PER_CURP_PER_HOUR: '-1' })).toThrow(ConfigError);
  });
});

describe('the keys the database never sees', () => {
  // The second factor's key is required too (checked on its own); given here so each line proves its key.
  const production = {
    NODE_ENV: 'production',
    TWILIO_AUTH_TOKEN: 'x'.repeat(32),
    STAFF_TOTP_KEY: PRODUCTION_KEYS.STAFF_TOTP_KEY,
  };

  it('are required in production, each of its own, 32 characters or more', () => {
    expect(() => loadConfig(production)).toThrow(/AUDIT_CHAIN_KEY/);
    expect(() => loadConfig({ ...production, AUDIT_CHAIN_KEY: 'a'.repeat(40) })).toThrow(/SIGN_IN_CODE_KEY/);
    const { LINK_SIGNING_KEY: _, ...withoutLinkKey } = PRODUCTION_KEYS;
    expect(() => loadConfig({ ...production, ...withoutLinkKey })).toThrow(/LINK_SIGNING_KEY/);
    expect(() => loadConfig({ ...production, ...PRODUCTION_KEYS, AUDIT_CHAIN_KEY: 'short' })).toThrow(
      /at least 32/,
    );
    expect(() =>
      loadConfig({ ...production, ...PRODUCTION_KEYS, SIGN_IN_CODE_KEY: DEVELOPMENT_KEYS.SIGN_IN_CODE_KEY }),
    ).toThrow(ConfigError);
    expect(loadConfig({ ...production, ...PRODUCTION_KEYS }).secrets).toEqual({
      auditChainKey: 'a'.repeat(40),
      signInCodeKey: 'c'.repeat(40),
      linkKey: 'l'.repeat(40),
    });
  });

  it('default to marked development keys outside production, so npm start just works', () => {
    expect(loadConfig({}).secrets).toEqual({
      auditChainKey: DEVELOPMENT_KEYS.AUDIT_CHAIN_KEY,
      signInCodeKey: DEVELOPMENT_KEYS.SIGN_IN_CODE_KEY,
      linkKey: DEVELOPMENT_KEYS.LINK_SIGNING_KEY,
    });
  });

  it('publish the audit chain head beside the data unless told where, or off', () => {
    expect(loadConfig({ DATA_DIR: '/srv/citas' }).auditHeadFile).toBe('/srv/citas/audit-heads.log');
    expect(loadConfig({ AUDIT_HEAD_FILE: '/var/log/citas/heads' }).auditHeadFile).toBe(
      '/var/log/citas/heads',
    );
    expect(loadConfig({ AUDIT_HEAD_FILE: 'off' }).auditHeadFile).toBeNull();
  });
});

describe('the database roles', () => {
  it('migrate as MIGRATION_DATABASE_URL’s owner when set, and only beside DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/citas' }).migrationDatabase).toBeNull();
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://app@db/citas',
        MIGRATION_DATABASE_URL: 'postgres://owner@db/citas',
      }).migrationDatabase,
    ).toMatchObject({ kind: 'postgres', url: 'postgres://owner@db/citas' });
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://owner@db/citas' })).toThrow(/DATABASE_URL/);
  });
});

describe('read replicas and poolers', () => {
  it('read from every DATABASE_READ_URL listed, and from the primary when none is', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app@primary/citas',
      DATABASE_READ_URL: 'postgres://app@replica-1/citas, postgresql://app@replica-2/citas',
    });
    expect(config.database).toMatchObject({
      readUrls: ['postgres://app@replica-1/citas', 'postgresql://app@replica-2/citas'],
      readMaxLagSeconds: 30,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://app@primary/citas' }).database).toMatchObject({
      readUrls: [],
    });
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://app@primary/citas', DATABASE_READ_URL: 'replica:5432' }),
    ).toThrow(/DATABASE_READ_URL/);
  });

  it('ignore replicas on PGlite, which has none', () => {
    expect(loadConfig({ DATABASE_READ_URL: 'postgres://app@replica/citas' }).database.kind).toBe('pglite');
  });

  it('keep nothing in a server session beyond a transaction only when told the pooler works so', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/citas' }).database).toMatchObject({
      poolMode: 'session',
    });
    const pooled = loadConfig({
      DATABASE_URL: 'postgres://app@bouncer/citas',
      MIGRATION_DATABASE_URL: 'postgres://owner@bouncer/citas',
      DATABASE_POOL_MODE: 'transaction',
    });
    expect(pooled.database).toMatchObject({ poolMode: 'transaction' });
    expect(pooled.migrationDatabase).toMatchObject({ poolMode: 'transaction' });
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/c', DATABASE_POOL_MODE: 'statement' })).toThrow(
      /DATABASE_POOL_MODE/,
    );
  });
});
