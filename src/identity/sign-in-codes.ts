import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../audit/record.js';
import { enqueueSms } from '../notify/outbox.js';
import { ringOutbox } from '../notify/outbox-bell.js';
import type { Db } from '../platform/db/connect.js';
import { SMS } from '../platform/i18n/sms-messages.js';
import { maskPhone } from '../platform/privacy/mask.js';
import type { PhoneCodeCap } from './phone-code-cap.js';
import {
  CODE_DIGITS,
  CODE_LIFETIME_MS,
  codeState,
  MAX_ATTEMPTS,
  MAX_SENDS_PER_SIGN_IN,
  normalizeCode,
  RESEND_AFTER_MS,
  secondsUntilResend,
} from './sign-in-code-rules.js';
import { phoneRecipient, type Recipient, recipientOf } from './sign-in-recipient.js';

/** Where the request came from, for the audit trail. */
export interface SignInContext {
  /** The hash of the browser session the code is bound to. */
  sessionHash: string;
  sourceIp: string | null;
  now: Date;
  /** The daily cap of codes per phone on file; none when absent. */
  phoneCap?: PhoneCodeCap;
  /** SIGN_IN_CODE_KEY: codes are derived and hashed with it, so the database alone reveals none. */
  codeKey: string;
}

/** Re-sending says "sent" whether or not an SMS left: only the resend limits show. */
export type ResendResult =
  | { kind: 'sent' }
  | { kind: 'wait'; seconds: number }
  | { kind: 'limit'; retryAfterSeconds: number }
  /** The code's guesses are spent: a new code would be refused too, so none is sent. */
  | { kind: 'exhausted' }
  | { kind: 'none' };

export type VerifyResult =
  | { kind: 'signed_in'; beneficiaryId: number }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'expired' }
  | { kind: 'exhausted' }
  | { kind: 'none' };

/** What the code page may show: nothing about the person or their phone, which may not exist. */
export interface PendingSignIn {
  expiresAt: Date;
  /** Seconds before another code may be asked for; null when no more may be sent. */
  resendInSeconds: number | null;
}

/**
 * The code of a sign-in's n-th send: derived from its random salt with a key outside the database,
 * so it needs storing nowhere — the delivery worker derives it again when it hands the SMS over.
 */
const codeOf = (key: string, salt: string, send: number) =>
  String(
    createHmac('sha256', key).update(`code:${salt}:${send}`).digest().readUIntBE(0, 6) % 10 ** CODE_DIGITS,
  ).padStart(CODE_DIGITS, '0');
/** Keyed: a salted hash of 6 digits stored beside its salt would give the code back in a million tries. */
const hashCode = (key: string, salt: string, code: string) =>
  createHmac('sha256', key).update(`hash:${salt}:${code}`).digest('hex');
const sameHash = (a: string, b: string) => timingSafeEqual(Buffer.from(a), Buffer.from(b));
const HOUR_SECONDS = 3600;

const auditCode = (
  db: Db,
  context: SignInContext,
  beneficiaryId: number | null,
  result: 'ok' | 'refused',
  detail: Record<string, unknown>,
) =>
  recordAudit(db, {
    actor: { kind: 'beneficiary', id: beneficiaryId === null ? 'unknown' : String(beneficiaryId) },
    action: 'web.sign_in.code',
    subjectBeneficiaryId: beneficiaryId,
    channel: 'web',
    sourceIp: context.sourceIp,
    result,
    detail,
  });

const otpSms = (recipient: Recipient & { kind: 'send' }, signInCodeId: number, send: number) => ({
  recipient: recipient.phone,
  beneficiaryId: recipient.beneficiaryId,
  kind: 'otp' as const,
  signInCode: { id: signInCodeId, send },
});

/**
 * A person asks to sign in with their CURP and birth date. The session gets a pending sign-in and
 * the caller one answer, whatever the registry holds: a CURP carries its birth date, so any other
 * answer would tell who is a beneficiary. When the data name a person with a phone on file (their
 * own, or their holder's) under the caps, a fresh code goes there by SMS; otherwise the pending
 * sign-in is a decoy, with no person and a code nobody receives. Any earlier code of this browser
 * session dies, so a code only ever signs in the person it was sent for.
 */
export async function startSignIn(
  db: Db,
  input: { curp: string; birthDate: string },
  context: SignInContext,
): Promise<void> {
  const recipient = await recipientOf(db, input, context.now, context.phoneCap);
  const salt = randomBytes(16).toString('hex');
  const code = codeOf(context.codeKey, salt, 1);
  await db.transaction().execute(async (trx) => {
    // Retired, not deleted: their sends still count against the hourly limit of the phone.
    await trx
      .updateTable('sign_in_codes')
      .set({ consumed_at: context.now })
      .where('session_hash', '=', context.sessionHash)
      .where('consumed_at', 'is', null)
      .execute();
    const { id } = await trx
      .insertInto('sign_in_codes')
      .values({
        session_hash: context.sessionHash,
        beneficiary_id: recipient.kind === 'send' ? recipient.beneficiaryId : null,
        salt,
        code_hash: hashCode(context.codeKey, salt, code),
        created_at: context.now,
        expires_at: new Date(context.now.getTime() + CODE_LIFETIME_MS),
        last_sent_at: context.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (recipient.kind === 'send') await enqueueSms(trx, otpSms(recipient, id, 1));
  });
  if (recipient.kind === 'send') {
    ringOutbox();
    await auditCode(db, context, recipient.beneficiaryId, 'ok', {
      sends: 1,
      phone: maskPhone(recipient.phone),
    });
  } else {
    await auditCode(db, context, recipient.beneficiaryId, 'refused', recipient.reason);
  }
}

/**
 * A new code for the session's sign-in, if the wait is over: the old one stops working. It is sent
 * only when the sign-in has a person whose phone may receive it now; otherwise (a decoy, or a
 * person who reached a cap meanwhile) the answer is the same and no SMS leaves. Once the guesses
 * are spent no new code is sent — it could never be accepted: the person starts again, counted by
 * the limits of every start.
 */
export async function resendSignInCode(db: Db, context: SignInContext): Promise<ResendResult> {
  const pending = await latestCode(db, context.sessionHash);
  if (!pending || pending.consumed_at) return { kind: 'none' };
  if (pending.attempts >= MAX_ATTEMPTS) return { kind: 'exhausted' };
  const wait = secondsUntilResend(pending.last_sent_at, context.now);
  if (wait > 0) return { kind: 'wait', seconds: wait };
  if (pending.sends >= MAX_SENDS_PER_SIGN_IN) return { kind: 'limit', retryAfterSeconds: HOUR_SECONDS };
  const recipient: Recipient =
    pending.beneficiary_id === null
      ? { kind: 'decoy', beneficiaryId: null, reason: { reason: 'decoy' } }
      : await phoneRecipient(
          db,
          pending.beneficiary_id,
          { phone: pending.phone, holderId: pending.holder_id },
          context.now,
          context.phoneCap,
        );
  const send = pending.sends + 1;
  const code = codeOf(context.codeKey, pending.salt, send);
  const updated = await db.transaction().execute(async (trx) => {
    // Conditional on the row as read: two quick clicks send one code, not two; spent guesses, none.
    const result = await trx
      .updateTable('sign_in_codes')
      .set({
        code_hash: hashCode(context.codeKey, pending.salt, code),
        expires_at: new Date(context.now.getTime() + CODE_LIFETIME_MS),
        last_sent_at: context.now,
        sends: sql<number>`sends + 1`,
      })
      .where('id', '=', pending.id)
      .where('sends', '=', pending.sends)
      .where('attempts', '<', MAX_ATTEMPTS)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    if (recipient.kind === 'send') await enqueueSms(trx, otpSms(recipient, pending.id, send));
    return true;
  });
  if (!updated) return { kind: 'wait', seconds: RESEND_AFTER_MS / 1000 };
  if (recipient.kind === 'send') {
    ringOutbox();
    const phone = maskPhone(recipient.phone);
    await auditCode(db, context, recipient.beneficiaryId, 'ok', { sends: pending.sends + 1, phone });
  } else {
    await auditCode(db, context, recipient.beneficiaryId, 'refused', recipient.reason);
  }
  return { kind: 'sent' };
}

/**
 * Checks a typed code against the session's pending sign-in. The attempt is counted first, by a
 * conditional UPDATE, so no amount of concurrency buys a sixth guess; a right code is consumed once.
 * A decoy counts its attempts, expires and is exhausted like any sign-in, but signs no one in.
 */
export async function verifySignInCode(db: Db, typed: string, context: SignInContext): Promise<VerifyResult> {
  const pending = await latestCode(db, context.sessionHash);
  if (!pending) return { kind: 'none' };
  const beneficiaryId = pending.beneficiary_id;
  const state = codeState(
    { expiresAt: pending.expires_at, attempts: pending.attempts, consumedAt: pending.consumed_at },
    context.now,
  );
  const audit = (result: 'ok' | 'refused', detail: Record<string, unknown>) =>
    recordAudit(db, {
      actor: { kind: 'beneficiary', id: beneficiaryId === null ? 'unknown' : String(beneficiaryId) },
      action: 'web.sign_in',
      subjectBeneficiaryId: beneficiaryId,
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
  const matches = code !== null && sameHash(hashCode(context.codeKey, pending.salt, code), counted.code_hash);
  // A decoy's code was never sent; one guessed right still names nobody to sign in.
  if (beneficiaryId === null || !matches) {
    const reason = beneficiaryId === null ? 'decoy' : 'wrong_code';
    await audit('refused', { reason, attempts: counted.attempts });
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
  return { kind: 'signed_in', beneficiaryId };
}

/** What the code page shows: when another code may be asked for. */
export async function pendingSignIn(db: Db, sessionHash: string, now: Date): Promise<PendingSignIn | null> {
  const pending = await latestCode(db, sessionHash);
  if (!pending || pending.consumed_at) return null;
  return {
    expiresAt: pending.expires_at,
    resendInSeconds:
      pending.sends >= MAX_SENDS_PER_SIGN_IN || pending.attempts >= MAX_ATTEMPTS
        ? null
        : secondsUntilResend(pending.last_sent_at, now),
  };
}

/**
 * The words of a sign-in code's SMS, composed as it is handed to the gateway: null when that send's
 * code can no longer sign in (a newer one was sent, or it was used, expired or exhausted).
 */
export async function composeSignInCodeSms(
  db: Db,
  codeKey: string,
  signInCode: { id: number; send: number },
  now: Date,
): Promise<{ body: string; printable: string; secret: true } | null> {
  const row = await db
    .selectFrom('sign_in_codes')
    .select(['salt', 'sends', 'expires_at', 'attempts', 'consumed_at'])
    .where('id', '=', signInCode.id)
    .executeTakeFirst();
  if (!row || row.sends !== signInCode.send) return null;
  const state = codeState(
    { expiresAt: row.expires_at, attempts: row.attempts, consumedAt: row.consumed_at },
    now,
  );
  if (state !== 'live') return null;
  const code = codeOf(codeKey, row.salt, signInCode.send);
  return { body: SMS.otp(code), printable: code, secret: true };
}

async function latestCode(db: Db, sessionHash: string) {
  return db
    .selectFrom('sign_in_codes as c')
    .leftJoin('beneficiaries as b', 'b.id', 'c.beneficiary_id')
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
