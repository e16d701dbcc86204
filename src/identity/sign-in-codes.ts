import { createHash, randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { phoneForNotices } from '../booking/confirmations.js';
import { enqueueSms } from '../notify/outbox.js';
import type { Db } from '../platform/db/connect.js';
import { SMS } from '../platform/i18n/sms-messages.js';
import { maskCurp, maskPhone } from '../platform/privacy/mask.js';
import { findBeneficiaryByCurp } from '../registry/beneficiaries.js';
import { recordAudit } from './audit.js';
import type { PhoneCodeCap } from './phone-code-cap.js';
import {
  CODE_DIGITS,
  CODE_LIFETIME_MS,
  codeState,
  MAX_ATTEMPTS,
  MAX_CODES_PER_PERSON_PER_HOUR,
  MAX_SENDS_PER_SIGN_IN,
  normalizeCode,
  RESEND_AFTER_MS,
  secondsUntilResend,
} from './sign-in-code-rules.js';

/** Where the request came from, for the audit trail. */
export interface SignInContext {
  /** The hash of the browser session the code is bound to. */
  sessionHash: string;
  sourceIp: string | null;
  now: Date;
  /** The daily cap of codes per phone on file; none when absent. */
  phoneCap?: PhoneCodeCap;
}

export type StartSignInResult =
  /** Unknown CURP, or a birth date that does not match: one answer, so neither is revealed. */
  | { kind: 'not_found' }
  | { kind: 'no_phone' }
  | { kind: 'too_many_codes'; retryAfterSeconds: number }
  | { kind: 'sent'; maskedPhone: string };

export type ResendResult =
  | { kind: 'sent'; maskedPhone: string }
  | { kind: 'wait'; seconds: number }
  | { kind: 'limit'; retryAfterSeconds: number }
  | { kind: 'none' };

export type VerifyResult =
  | { kind: 'signed_in'; beneficiaryId: number }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'expired' }
  | { kind: 'exhausted' }
  | { kind: 'none' };

export interface PendingSignIn {
  maskedPhone: string;
  expiresAt: Date;
  /** Seconds before another code may be asked for; null when no more may be sent. */
  resendInSeconds: number | null;
}

const hashCode = (salt: string, code: string) => createHash('sha256').update(salt).update(code).digest('hex');
const newCode = () => String(randomInt(10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
const HOUR_MS = 3_600_000;
const HOUR_SECONDS = 3600;

/**
 * Whether one more code may go to `phone` now: the person's hourly limit, then the phone's daily
 * cap. Null when it may; else the seconds to wait and which limit said no.
 */
async function sendRefusal(
  db: Db,
  beneficiaryId: number,
  phone: string,
  context: SignInContext,
): Promise<{ reason: 'too_many_codes' | 'phone_daily_cap'; retryAfterSeconds: number } | null> {
  const sentThisHour = await codesSentSince(db, beneficiaryId, new Date(context.now.getTime() - HOUR_MS));
  if (sentThisHour >= MAX_CODES_PER_PERSON_PER_HOUR)
    return { reason: 'too_many_codes', retryAfterSeconds: HOUR_SECONDS };
  const cap = await context.phoneCap?.(phone, context.now);
  if (cap && !cap.allowed) return { reason: 'phone_daily_cap', retryAfterSeconds: cap.retryAfterSeconds };
  return null;
}

/**
 * A person asks to sign in with their CURP and birth date: a fresh code goes by SMS to the phone
 * on file (their own, or their holder's), never to one typed in the form. Any earlier code of this
 * browser session dies, so a code only ever signs in the person it was sent for.
 */
export async function startSignIn(
  db: Db,
  input: { curp: string; birthDate: string },
  context: SignInContext,
): Promise<StartSignInResult> {
  const person = await findBeneficiaryByCurp(db, input.curp);
  const audit = (result: 'ok' | 'refused', detail: Record<string, unknown>, id?: number) =>
    recordAudit(db, {
      actor: { kind: 'beneficiary', id: id === undefined ? 'unknown' : String(id) },
      action: 'web.sign_in.code',
      subjectBeneficiaryId: id ?? null,
      channel: 'web',
      sourceIp: context.sourceIp,
      result,
      detail,
    });
  if (!person || person.birthDate !== input.birthDate) {
    await audit(
      'refused',
      { reason: person ? 'birth_date' : 'unknown_curp', curp: maskCurp(input.curp) },
      person?.id,
    );
    return { kind: 'not_found' };
  }
  const phone = await phoneForNotices(db, person);
  if (!phone) {
    await audit('refused', { reason: 'no_phone' }, person.id);
    return { kind: 'no_phone' };
  }
  const refusal = await sendRefusal(db, person.id, phone, context);
  if (refusal) {
    await audit('refused', { reason: refusal.reason, phone: maskPhone(phone) }, person.id);
    return { kind: 'too_many_codes', retryAfterSeconds: refusal.retryAfterSeconds };
  }
  const code = newCode();
  const salt = randomBytes(16).toString('hex');
  await db.transaction().execute(async (trx) => {
    // Retired, not deleted: their sends still count against the hourly limit of the phone.
    await trx
      .updateTable('sign_in_codes')
      .set({ consumed_at: context.now })
      .where('session_hash', '=', context.sessionHash)
      .where('consumed_at', 'is', null)
      .execute();
    await trx
      .insertInto('sign_in_codes')
      .values({
        session_hash: context.sessionHash,
        beneficiary_id: person.id,
        salt,
        code_hash: hashCode(salt, code),
        created_at: context.now,
        expires_at: new Date(context.now.getTime() + CODE_LIFETIME_MS),
        last_sent_at: context.now,
      })
      .execute();
    await enqueueSms(trx, {
      recipient: phone,
      beneficiaryId: person.id,
      kind: 'otp',
      body: SMS.otp(code),
      printable: code,
    });
  });
  await audit('ok', { sends: 1, phone: maskPhone(phone) }, person.id);
  return { kind: 'sent', maskedPhone: maskPhone(phone) };
}

/** Sends a new code for the session's sign-in (the old one stops working), if the wait is over. */
export async function resendSignInCode(db: Db, context: SignInContext): Promise<ResendResult> {
  const pending = await latestCode(db, context.sessionHash);
  if (!pending || pending.consumed_at) return { kind: 'none' };
  const wait = secondsUntilResend(pending.last_sent_at, context.now);
  if (wait > 0) return { kind: 'wait', seconds: wait };
  if (pending.sends >= MAX_SENDS_PER_SIGN_IN) return { kind: 'limit', retryAfterSeconds: HOUR_SECONDS };
  const person = { phone: pending.phone, holderId: pending.holder_id };
  const phone = await phoneForNotices(db, person);
  if (!phone) return { kind: 'none' };
  const refusal = await sendRefusal(db, pending.beneficiary_id, phone, context);
  if (refusal) {
    await recordAudit(db, {
      actor: { kind: 'beneficiary', id: String(pending.beneficiary_id) },
      action: 'web.sign_in.code',
      subjectBeneficiaryId: pending.beneficiary_id,
      channel: 'web',
      sourceIp: context.sourceIp,
      result: 'refused',
      detail: { reason: refusal.reason, phone: maskPhone(phone) },
    });
    return { kind: 'limit', retryAfterSeconds: refusal.retryAfterSeconds };
  }
  const code = newCode();
  const sent = await db.transaction().execute(async (trx) => {
    // Conditional on the row as read: two quick clicks send one code, not two.
    const updated = await trx
      .updateTable('sign_in_codes')
      .set({
        code_hash: hashCode(pending.salt, code),
        expires_at: new Date(context.now.getTime() + CODE_LIFETIME_MS),
        last_sent_at: context.now,
        sends: sql<number>`sends + 1`,
      })
      .where('id', '=', pending.id)
      .where('sends', '=', pending.sends)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await enqueueSms(trx, {
      recipient: phone,
      beneficiaryId: pending.beneficiary_id,
      kind: 'otp',
      body: SMS.otp(code),
      printable: code,
    });
    return true;
  });
  if (!sent) return { kind: 'wait', seconds: RESEND_AFTER_MS / 1000 };
  await recordAudit(db, {
    actor: { kind: 'beneficiary', id: String(pending.beneficiary_id) },
    action: 'web.sign_in.code',
    subjectBeneficiaryId: pending.beneficiary_id,
    channel: 'web',
    sourceIp: context.sourceIp,
    result: 'ok',
    detail: { sends: pending.sends + 1, phone: maskPhone(phone) },
  });
  return { kind: 'sent', maskedPhone: maskPhone(phone) };
}

/**
 * Checks a typed code against the session's pending sign-in. The attempt is counted first, by a
 * conditional UPDATE, so no amount of concurrency buys a sixth guess; a right code is consumed once.
 */
export async function verifySignInCode(db: Db, typed: string, context: SignInContext): Promise<VerifyResult> {
  const pending = await latestCode(db, context.sessionHash);
  if (!pending) return { kind: 'none' };
  const state = codeState(
    { expiresAt: pending.expires_at, attempts: pending.attempts, consumedAt: pending.consumed_at },
    context.now,
  );
  const audit = (result: 'ok' | 'refused', detail: Record<string, unknown>) =>
    recordAudit(db, {
      actor: { kind: 'beneficiary', id: String(pending.beneficiary_id) },
      action: 'web.sign_in',
      subjectBeneficiaryId: pending.beneficiary_id,
      channel: 'web',
      sourceIp: context.sourceIp,
      result,
      detail,
    });
  if (state === 'used') return { kind: 'none' };
  if (state !== 'live') {
    await audit('refused', { reason: state });
    return { kind: state };
  }
  const counted = await db
    .updateTable('sign_in_codes')
    .set({ attempts: sql<number>`attempts + 1` })
    .where('id', '=', pending.id)
    .where('attempts', '<', MAX_ATTEMPTS)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', context.now)
    .returning(['attempts', 'code_hash'])
    .executeTakeFirst();
  if (!counted) {
    await audit('refused', { reason: 'exhausted' });
    return { kind: 'exhausted' };
  }
  const code = normalizeCode(typed);
  if (code === null || hashCode(pending.salt, code) !== counted.code_hash) {
    await audit('refused', { reason: 'wrong_code', attempts: counted.attempts });
    const attemptsLeft = MAX_ATTEMPTS - counted.attempts;
    return attemptsLeft > 0 ? { kind: 'wrong', attemptsLeft } : { kind: 'exhausted' };
  }
  const consumed = await db
    .updateTable('sign_in_codes')
    .set({ consumed_at: context.now })
    .where('id', '=', pending.id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  if (Number(consumed.numUpdatedRows) !== 1) return { kind: 'none' };
  await audit('ok', {});
  return { kind: 'signed_in', beneficiaryId: pending.beneficiary_id };
}

/** What the code page shows: the masked phone the code went to and when another may be asked for. */
export async function pendingSignIn(db: Db, sessionHash: string, now: Date): Promise<PendingSignIn | null> {
  const pending = await latestCode(db, sessionHash);
  if (!pending || pending.consumed_at) return null;
  const phone = await phoneForNotices(db, { phone: pending.phone, holderId: pending.holder_id });
  if (!phone) return null;
  return {
    maskedPhone: maskPhone(phone),
    expiresAt: pending.expires_at,
    resendInSeconds:
      pending.sends >= MAX_SENDS_PER_SIGN_IN ? null : secondsUntilResend(pending.last_sent_at, now),
  };
}

async function latestCode(db: Db, sessionHash: string) {
  return db
    .selectFrom('sign_in_codes as c')
    .innerJoin('beneficiaries as b', 'b.id', 'c.beneficiary_id')
    .select([
      'c.id',
      'c.beneficiary_id',
      'c.salt',
      'c.expires_at',
      'c.last_sent_at',
      'c.sends',
      'c.attempts',
      'c.consumed_at',
      'b.phone',
      'b.holder_id',
    ])
    .where('c.session_hash', '=', sessionHash)
    .orderBy('c.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

async function codesSentSince(db: Db, beneficiaryId: number, since: Date): Promise<number> {
  const row = await db
    .selectFrom('sign_in_codes')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('sends'), sql<number>`0`).as('sent'))
    .where('beneficiary_id', '=', beneficiaryId)
    .where('last_sent_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.sent);
}
