import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import type { StaffRole } from './roles.js';
import { createStaffAccount, newStaffPassword } from './staff-accounts.js';
import {
  checkStaffPassword,
  MAX_SIGN_IN_TRIES,
  resetStaffTotp,
  type StaffSignInPolicy,
  type StaffSignInStep,
  TRY_WINDOW_MINUTES,
  takeLockoutNotice,
  verifyStaffCode,
} from './staff-sign-in.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const NOW = new Date('2026-11-23T15:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const KEY = Buffer.alloc(32, 7);
const policy: StaffSignInPolicy = { totpRequiredRoles: new Set(['national_admin']), totpKey: KEY };
let serial = 0;

async function anAccount(role: StaffRole = 'agent') {
  const password = newStaffPassword();
  const email = `firma-${++serial}@citas.test`;
  const account = await createStaffAccount(database.db, { email, name: `Firma ${serial}`, role, password });
  return { id: account.id, email, password };
}

const from = (address: string, sessionHash = `sesion-${address}`) => ({ address, sessionHash });
const attempt = (email: string, password: string, address = '198.51.100.1', at = NOW) =>
  checkStaffPassword(database.db, { email, password }, from(address), policy, at);
const kinds = (steps: StaffSignInStep[]) => steps.map((s) => (s.kind === 'refused' ? s.reason : s.kind));
const codeAt = (secret: string, at: Date) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

describe('the password step', () => {
  it('stores only an argon2id hash and signs in with the e-mail in any case', async () => {
    const { id, email, password } = await anAccount();
    const row = await database.db
      .selectFrom('staff_accounts')
      .select('password_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await attempt(email.toUpperCase(), password)).toMatchObject({
      kind: 'signed_in',
      account: { id },
    });
  });

  it(`lets 16 concurrent wrong guesses check exactly ${MAX_SIGN_IN_TRIES} passwords`, async () => {
    const { id, email } = await anAccount();
    const steps = await Promise.all(Array.from({ length: 16 }, () => attempt(email, 'adivinanza-123')));
    const tally = kinds(steps).sort();
    expect(tally.filter((k) => k === 'wrong')).toHaveLength(MAX_SIGN_IN_TRIES);
    expect(tally.filter((k) => k === 'locked')).toHaveLength(16 - MAX_SIGN_IN_TRIES);
    const throttle = await database.db
      .selectFrom('staff_sign_in_throttles')
      .select('tries')
      .where('staff_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(throttle.tries).toBe(MAX_SIGN_IN_TRIES);
  });

  it('does not sign in the right password hidden in a burst of 20 wrong ones once the tries are spent', async () => {
    const { email, password } = await anAccount();
    for (let i = 0; i < MAX_SIGN_IN_TRIES; i++) await attempt(email, `equivocada-${i}`);
    const burst = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => attempt(email, `rafaga-${i}`)),
      attempt(email, password),
    ]);
    expect(kinds(burst).every((k) => k === 'locked')).toBe(true);
    // The window ends and the owner is in again.
    expect(await attempt(email, password, undefined, later(TRY_WINDOW_MINUTES + 1))).toMatchObject({
      kind: 'signed_in',
    });
  });

  it('never locks the owner out from another address, and tells them of the lock-out once', async () => {
    const { id, email, password } = await anAccount();
    for (let i = 0; i < MAX_SIGN_IN_TRIES + 3; i++) await attempt(email, `ajena-${i}`, '203.0.113.66');
    expect(await attempt(email, password, '203.0.113.66')).toMatchObject({
      kind: 'refused',
      reason: 'locked',
    });
    const owner = await attempt(email, password, '198.51.100.20');
    expect(owner).toMatchObject({ kind: 'signed_in', lockoutsUnseen: 1 });
    const locks = await database.db
      .selectFrom('audit_log')
      .select(['source_ip', 'result'])
      .where('action', '=', 'staff.sign_in.locked')
      .where('actor_id', '=', String(id))
      .execute();
    expect(locks).toEqual([{ source_ip: '203.0.113.66', result: 'refused' }]);
    expect(await takeLockoutNotice(database.db, id)).toBe(1);
    expect(await takeLockoutNotice(database.db, id)).toBe(0);
  });

  it('refuses an unknown e-mail, a wrong password and a spent address with the same kind of answer', async () => {
    const { email } = await anAccount();
    for (let i = 0; i < MAX_SIGN_IN_TRIES; i++) await attempt(email, `x-${i}`, '192.0.2.200');
    const answers = [
      await attempt('nadie@citas.test', 'x'),
      await attempt(email, 'x'),
      await attempt(email, 'x', '192.0.2.200'),
    ];
    expect(answers.map((a) => a.kind)).toEqual(['refused', 'refused', 'refused']);
    expect(kinds(answers)).toEqual(['unknown', 'wrong', 'locked']);
  });
});

describe('the TOTP step', () => {
  it('makes a national administrator enrol, accepts each code once, and keeps the secret encrypted', async () => {
    const { id, email, password } = await anAccount('national_admin');
    const first = await attempt(email, password, '198.51.100.30');
    if (first.kind !== 'enrol') throw new Error(`expected enrolment, got ${first.kind}`);
    expect(first.uri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
    const source = from('198.51.100.30');
    const wrong = await verifyStaffCode(database.db, '000000', source, policy, NOW);
    expect(wrong).toMatchObject({ kind: 'refused', reason: 'wrong' });
    const code = codeAt(first.secret, NOW);
    expect(await verifyStaffCode(database.db, code, source, policy, NOW)).toMatchObject({
      kind: 'signed_in',
    });
    const row = await database.db
      .selectFrom('staff_accounts')
      .select(['totp_secret', 'totp_enrolled_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.totp_secret).toMatch(/^v1:/);
    expect(row.totp_secret).not.toContain(first.secret);

    // Signing in again: the code step, where the code just used is refused and the next one works.
    expect(await attempt(email, password, '198.51.100.30', later(0.1))).toMatchObject({ kind: 'code' });
    expect(await verifyStaffCode(database.db, code, source, policy, later(0.1))).toMatchObject({
      reason: 'replayed',
    });
    const next = codeAt(first.secret, later(0.5));
    expect(await verifyStaffCode(database.db, next, source, policy, later(0.5))).toMatchObject({
      kind: 'signed_in',
    });
  });

  it('takes one use of a code from two concurrent requests', async () => {
    const { email, password } = await anAccount('national_admin');
    const first = await attempt(email, password, '198.51.100.40');
    if (first.kind !== 'enrol') throw new Error('expected enrolment');
    const source = from('198.51.100.40');
    await verifyStaffCode(database.db, codeAt(first.secret, NOW), source, policy, NOW);
    const at = later(1);
    await attempt(email, password, '198.51.100.40', at);
    const sessionB = from('198.51.100.40', 'otra-sesion');
    await checkStaffPassword(database.db, { email, password }, sessionB, policy, at);
    const code = codeAt(first.secret, at);
    const both = await Promise.all([
      verifyStaffCode(database.db, code, source, policy, at),
      verifyStaffCode(database.db, code, sessionB, policy, at),
    ]);
    expect(kinds(both).sort()).toEqual(['replayed', 'signed_in']);
  });

  it('counts code guesses against the same tries as passwords', async () => {
    const { email, password } = await anAccount('national_admin');
    const first = await attempt(email, password, '198.51.100.50');
    if (first.kind !== 'enrol') throw new Error('expected enrolment');
    const source = from('198.51.100.50');
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        verifyStaffCode(database.db, String(100000 + i), source, policy, NOW),
      ),
    );
    // The password took one try; four were left for codes.
    expect(kinds(guesses).filter((k) => k === 'wrong')).toHaveLength(MAX_SIGN_IN_TRIES - 1);
    const right = await verifyStaffCode(database.db, codeAt(first.secret, NOW), source, policy, NOW);
    expect(right).toMatchObject({ kind: 'refused', reason: 'locked' });
  });

  it('enrols again after an operator resets the second factor', async () => {
    const { email, password } = await anAccount('agent');
    // Not required for agents: no code step until one is enrolled.
    expect(await attempt(email, password, '198.51.100.60')).toMatchObject({ kind: 'signed_in' });
    const admin = await anAccount('national_admin');
    const enrol = await attempt(admin.email, admin.password, '198.51.100.61');
    if (enrol.kind !== 'enrol') throw new Error('expected enrolment');
    await verifyStaffCode(database.db, codeAt(enrol.secret, NOW), from('198.51.100.61'), policy, NOW);
    expect(await resetStaffTotp(database.db, admin.email)).toBe(admin.id);
    expect(await attempt(admin.email, admin.password, '198.51.100.61', later(1))).toMatchObject({
      kind: 'enrol',
    });
    expect(await resetStaffTotp(database.db, 'nadie@citas.test')).toBeNull();
  });
});
