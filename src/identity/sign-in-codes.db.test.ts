import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import {
  aBeneficiary,
  aClinic,
  anAnonymousWebSession,
  type TestClinic,
  type TestPerson,
} from '../../test/support/factories.js';
import { codeOfSignIn, lastSignInCode, TEST_SIGN_IN_CODE_KEY } from '../../test/support/sms-inbox.js';
import { databaseRateLimitStore } from '../platform/rate-limit/counter.js';
import { phoneCodeCap } from './phone-code-cap.js';
import { pendingSignIn, resendSignInCode, startSignIn, verifySignInCode } from './sign-in-codes.js';

let database: TestDatabase;
let clinic: TestClinic;
const start = new Date('2026-11-24T15:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

beforeAll(async () => {
  database = await createTestDatabase();
  clinic = await aClinic(database.db);
});
afterAll(() => database.drop());

const aSession = () => anAnonymousWebSession(database.db, start);

async function aPerson(
  overrides: Parameters<typeof aBeneficiary>[2] = {},
): Promise<TestPerson & { birthDate: string }> {
  return await aBeneficiary(database.db, clinic, overrides);
}

/** The code as the SMS carries it, composed like the delivery worker does for the person's phone. */
const lastCodeSentTo = (beneficiaryId: number) => lastSignInCode(database.db, beneficiaryId);

/** The session's pending sign-in, as stored. */
const codeRow = (session: string) =>
  database.db
    .selectFrom('sign_in_codes')
    .selectAll()
    .where('session_hash', '=', session)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();

/** Why the last code of a sign-in start was not sent, as the audit trail keeps it. */
const lastRefusal = async () =>
  (
    await database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'web.sign_in.code')
      .where('result', '=', 'refused')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
  ).detail;

const otpsTo = async (recipient: string) =>
  Number(
    (
      await database.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('recipient', '=', recipient)
        .where('kind', '=', 'otp')
        .executeTakeFirstOrThrow()
    ).n,
  );

const context = (sessionHash: string, now = start) => ({
  sessionHash,
  now,
  sourceIp: '127.0.0.1',
  codeKey: TEST_SIGN_IN_CODE_KEY,
});
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('signing in with a code', () => {
  it('sends a 6-digit code to the phone on file and keeps only its keyed hash', async () => {
    const person = await aPerson({ phone: '5512345678' });
    const session = await aSession();
    await startSignIn(database.db, person, context(session));
    expect(await otpsTo('5512345678')).toBe(1);
    const code = await lastCodeSentTo(person.id);
    expect(code).toMatch(/^[0-9]{6}$/);
    const row = await codeRow(session);
    expect(row.beneficiary_id).toBe(person.id);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(await verifySignInCode(database.db, code, context(session, at(10)))).toEqual({
      kind: 'signed_in',
      beneficiaryId: person.id,
    });
  });

  it('sends a family member’s code to their holder’s phone when they have none', async () => {
    const holder = await aPerson({ phone: '5500001234' });
    const child = await aPerson({ phone: null, holder_id: holder.id });
    await startSignIn(database.db, child, context(await aSession()));
    expect(await otpsTo('5500001234')).toBe(1);
  });

  it('gives an unknown CURP and a wrong birth date a decoy sign-in, sends nothing, audits why', async () => {
    const person = await aPerson();
    const unknownSession = await aSession();
    const mismatchSession = await aSession();
    await startSignIn(
      database.db,
      { curp: 'HEGG560427MVZRRL05', birthDate: '1956-04-27' },
      context(unknownSession),
    );
    expect(await lastRefusal()).toEqual({ reason: 'unknown_curp', curp: 'HEGG**************' });
    await startSignIn(database.db, { curp: person.curp, birthDate: '1901-01-01' }, context(mismatchSession));
    expect(await lastRefusal()).toMatchObject({ reason: 'birth_date' });
    for (const session of [unknownSession, mismatchSession]) {
      expect(await codeRow(session)).toMatchObject({ beneficiary_id: null, sends: 1, attempts: 0 });
      expect(await pendingSignIn(database.db, session, at(10))).toEqual({
        expiresAt: at(300),
        resendInSeconds: 50,
      });
    }
    const sent = await database.db
      .selectFrom('notifications')
      .select('id')
      .where('beneficiary_id', '=', person.id)
      .execute();
    expect(sent).toEqual([]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['result', 'detail'])
      .where('action', '=', 'web.sign_in.code')
      .where('result', '=', 'refused')
      .execute();
    expect(JSON.stringify(audit)).not.toContain('HEGG560427MVZRRL05');
  });

  it('never signs anyone in with a decoy, even with a code that matches its hash, and exhausts after 5', async () => {
    const session = await aSession();
    await startSignIn(database.db, { curp: 'HEGG560427MVZRRL05', birthDate: '1956-04-27' }, context(session));
    const decoy = await codeRow(session);
    // As if a guess hit the never-sent code: the guard, not the odds, keeps the door shut.
    const guess = await codeOfSignIn(database.db, decoy.id);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await verifySignInCode(database.db, guess, context(session)));
    expect(answers).toEqual([
      { kind: 'wrong', attemptsLeft: 4 },
      { kind: 'wrong', attemptsLeft: 3 },
      { kind: 'wrong', attemptsLeft: 2 },
      { kind: 'wrong', attemptsLeft: 1 },
      { kind: 'exhausted' },
    ]);
    expect(await verifySignInCode(database.db, guess, context(session))).toEqual({ kind: 'exhausted' });
    expect((await codeRow(session)).consumed_at).toBeNull();
    const trail = await database.db
      .selectFrom('audit_log')
      .select(['result', 'detail'])
      .where('action', '=', 'web.sign_in')
      .where('actor_id', '=', 'unknown')
      .execute();
    expect(trail.filter((t) => t.result === 'ok')).toEqual([]);
  });

  it('re-sends a decoy like a real sign-in: the same waits and limits, and no SMS', async () => {
    const session = await aSession();
    const before = await database.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await startSignIn(database.db, { curp: 'HEGG560427MVZRRL05', birthDate: '1956-04-27' }, context(session));
    expect(await resendSignInCode(database.db, context(session, at(20)))).toEqual({
      kind: 'wait',
      seconds: 40,
    });
    expect(await resendSignInCode(database.db, context(session, at(60)))).toEqual({ kind: 'sent' });
    expect(await resendSignInCode(database.db, context(session, at(120)))).toEqual({ kind: 'sent' });
    expect(await resendSignInCode(database.db, context(session, at(180)))).toEqual({
      kind: 'limit',
      retryAfterSeconds: 3600,
    });
    expect((await pendingSignIn(database.db, session, at(180)))?.resendInSeconds).toBeNull();
    const after = await database.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('records the code sent (phone masked), a failed code and the sign-in in the audit trail', async () => {
    const person = await aPerson({ phone: '5511119876' });
    const session = await aSession();
    await startSignIn(database.db, person, context(session));
    const code = await lastCodeSentTo(person.id);
    const wrong = code === '000000' ? '111111' : '000000';
    await verifySignInCode(database.db, wrong, context(session));
    await verifySignInCode(database.db, code, context(session));
    const trail = await database.db
      .selectFrom('audit_log')
      .select(['action', 'result', 'detail', 'channel', 'source_ip'])
      .where('subject_beneficiary_id', '=', person.id)
      .orderBy('id')
      .execute();
    expect(trail).toEqual([
      {
        action: 'web.sign_in.code',
        result: 'ok',
        detail: { sends: 1, phone: '••••76' },
        channel: 'web',
        source_ip: '127.0.0.1',
      },
      {
        action: 'web.sign_in',
        result: 'refused',
        detail: { reason: 'wrong_code', attempts: 1 },
        channel: 'web',
        source_ip: '127.0.0.1',
      },
      { action: 'web.sign_in', result: 'ok', detail: {}, channel: 'web', source_ip: '127.0.0.1' },
    ]);
    expect(JSON.stringify(trail)).not.toContain('5511119876');
    expect(JSON.stringify(trail)).not.toContain(code);
  });

  it('gives a person without any phone on file a decoy sign-in, without sending', async () => {
    const person = await aPerson({ phone: null });
    const session = await aSession();
    await startSignIn(database.db, person, context(session));
    expect(await lastRefusal()).toEqual({ reason: 'no_phone' });
    expect(await codeRow(session)).toMatchObject({ beneficiary_id: null });
    expect(await pendingSignIn(database.db, session, start)).not.toBeNull();
  });

  it('lets a code expire after 5 minutes', async () => {
    const person = await aPerson();
    const session = await aSession();
    await startSignIn(database.db, person, context(session));
    const code = await lastCodeSentTo(person.id);
    expect(await verifySignInCode(database.db, code, context(session, at(300)))).toEqual({ kind: 'expired' });
  });

  it('allows 5 attempts: after 5 wrong codes even the right one is refused', async () => {
    const person = await aPerson();
    const session = await aSession();
    await startSignIn(database.db, person, context(session));
    const code = await lastCodeSentTo(person.id);
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await verifySignInCode(database.db, wrong(code), context(session)));
    expect(answers).toEqual([
      { kind: 'wrong', attemptsLeft: 4 },
      { kind: 'wrong', attemptsLeft: 3 },
      { kind: 'wrong', attemptsLeft: 2 },
      { kind: 'wrong', attemptsLeft: 1 },
      { kind: 'exhausted' },
    ]);
    expect(await verifySignInCode(database.db, code, context(session))).toEqual({ kind: 'exhausted' });
  });

  it('sends no new code once the guesses are spent: it could never be accepted', async () => {
    const person = await aPerson({ phone: '5566778899' });
    const session = await aSession();
    await startSignIn(database.db, person, context(session));
    const code = await lastCodeSentTo(person.id);
    for (let i = 0; i < 5; i++) await verifySignInCode(database.db, wrong(code), context(session));
    expect(await pendingSignIn(database.db, session, at(120))).toMatchObject({ resendInSeconds: null });
    expect(await resendSignInCode(database.db, context(session, at(120)))).toEqual({ kind: 'exhausted' });
    expect(await otpsTo('5566778899')).toBe(1);
    expect(await codeRow(session)).toMatchObject({ sends: 1, attempts: 5 });
  });

  it('counts concurrent guesses in the database: 20 at once still buy only 5 attempts', async () => {
    const person = await aPerson();
    const session = await aSession();
    await startSignIn(database.db, person, context(session));
    const code = await lastCodeSentTo(person.id);
    await Promise.all(
      Array.from({ length: 20 }, () => verifySignInCode(database.db, wrong(code), context(session))),
    );
    const row = await database.db
      .selectFrom('sign_in_codes')
      .select('attempts')
      .where('session_hash', '=', session)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
    expect((await verifySignInCode(database.db, code, context(session))).kind).toBe('exhausted');
  });

  it('throttles re-sending: a minute apart, three sends at most, and only the newest code works', async () => {
    const person = await aPerson();
    const session = await aSession();
    await startSignIn(database.db, person, context(session));
    const first = await lastCodeSentTo(person.id);
    expect(await resendSignInCode(database.db, context(session, at(20)))).toEqual({
      kind: 'wait',
      seconds: 40,
    });
    expect((await resendSignInCode(database.db, context(session, at(60)))).kind).toBe('sent');
    const second = await lastCodeSentTo(person.id);
    expect((await resendSignInCode(database.db, context(session, at(120)))).kind).toBe('sent');
    expect(await resendSignInCode(database.db, context(session, at(180)))).toEqual({
      kind: 'limit',
      retryAfterSeconds: 3600,
    });
    expect((await pendingSignIn(database.db, session, at(180)))?.resendInSeconds).toBeNull();
    const third = await lastCodeSentTo(person.id);
    for (const old of new Set([first, second].filter((c) => c !== third))) {
      expect((await verifySignInCode(database.db, old, context(session, at(130)))).kind).toBe('wrong');
    }
    expect((await verifySignInCode(database.db, third, context(session, at(130)))).kind).toBe('signed_in');
  });

  it('never lets a code sent for one CURP sign in another, nor work in another session', async () => {
    const ana = await aPerson();
    const bea = await aPerson();
    const session = await aSession();
    await startSignIn(database.db, ana, context(session));
    const anasCode = await lastCodeSentTo(ana.id);
    await startSignIn(database.db, bea, context(session));
    expect((await verifySignInCode(database.db, anasCode, context(session))).kind).not.toBe('signed_in');

    const other = await aSession();
    await startSignIn(database.db, ana, context(other));
    const fresh = await lastCodeSentTo(ana.id);
    const stranger = await aSession();
    expect(await verifySignInCode(database.db, fresh, context(stranger))).toEqual({ kind: 'none' });
    expect(await verifySignInCode(database.db, fresh, context(other))).toEqual({
      kind: 'signed_in',
      beneficiaryId: ana.id,
    });
  });

  it('caps the codes a phone receives in an hour, however many sign-ins are started', async () => {
    const person = await aPerson({ phone: '5511223344' });
    const sessions = [];
    for (let i = 0; i < 7; i++) {
      sessions.push(await aSession());
      await startSignIn(database.db, person, context(sessions[i] as string, at(i * 60)));
    }
    expect(await otpsTo('5511223344')).toBe(6);
    expect(await lastRefusal()).toEqual({ reason: 'too_many_codes', phone: '••••44' });
    expect(await codeRow(sessions[6] as string)).toMatchObject({ beneficiary_id: null });
  });

  it('caps the codes one phone receives in a day, across the people who share it and the hours', async () => {
    const phoneCap = phoneCodeCap(databaseRateLimitStore(database.db), 4);
    const holder = await aPerson({ phone: '5587654321' });
    const child = await aPerson({ phone: null, holder_id: holder.id, category: 'hijo' });
    const day = new Date('2026-11-25T01:00:00Z');
    const hoursLater = (h: number) => new Date(day.getTime() + h * 3_600_000);
    for (let i = 0; i < 5; i++) {
      const who = i % 2 === 0 ? holder : child;
      const now = hoursLater(i * 2);
      await startSignIn(database.db, who, { ...context(await aSession(), now), phoneCap });
    }
    expect(await lastRefusal()).toEqual({ reason: 'phone_daily_cap', phone: '••••21' });
    const sent = await database.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('recipient', '=', '5587654321')
      .where('kind', '=', 'otp')
      .executeTakeFirstOrThrow();
    expect(Number(sent.n)).toBe(4);
  });
});
