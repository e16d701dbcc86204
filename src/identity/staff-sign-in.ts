import argon2 from 'argon2';
import { sql } from 'kysely';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../platform/db/connect.js';
import type { StaffRole } from './roles.js';
import { HASH_OPTIONS, newStaffPassword, normalizeEmail, type StaffAccount } from './staff-accounts.js';
import { acceptedStep, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri } from './staff-totp.js';

/** Tries (passwords and codes together) one address gets at one account per window, and the window. */
export const MAX_SIGN_IN_TRIES = 5;
export const TRY_WINDOW_MINUTES = 15;
/** How long a right password waits for its code. */
const CHALLENGE_MINUTES = 5;

export interface StaffSignInPolicy {
  /** Roles that must pass a TOTP code (enrolling at their first sign-in). */
  totpRequiredRoles: ReadonlySet<StaffRole>;
  /** STAFF_TOTP_KEY: secrets are encrypted with it at rest. */
  totpKey: Buffer | null;
}

/** Where the attempt comes from: the client address and the browser session (for the code step). */
export interface SignInSource {
  address: string;
  sessionHash: string;
}

/** Why a sign-in was refused; only the audit trail knows: the person is told the same in every case. */
export type RefusalReason = 'unknown' | 'wrong' | 'locked' | 'replayed' | 'no_challenge';

export type StaffSignInStep =
  | { kind: 'refused'; reason: RefusalReason; accountId: number | null }
  | { kind: 'signed_in'; account: StaffAccount; lockoutsUnseen: number }
  | { kind: 'code'; account: StaffAccount }
  | { kind: 'enrol'; account: StaffAccount; secret: string; uri: string };

// Verified against when no real hash is: unknown e-mails and spent tries cost as much as a wrong password.
let decoyHash: Promise<string> | undefined;
async function decoyVerify(password: string) {
  decoyHash ??= argon2.hash(newStaffPassword(), HASH_OPTIONS);
  await argon2.verify(await decoyHash, password);
}

/**
 * Reserves one try of `address` at the account before anything is checked, in one conditional
 * statement: N concurrent guesses get at most the tries left, never more. Null when none is left.
 */
async function reserveTry(db: Db, staffId: number, address: string, now: Date): Promise<number | null> {
  const windowOver = new Date(now.getTime() - TRY_WINDOW_MINUTES * 60_000);
  const result = await sql<{ tries: number }>`
    insert into staff_sign_in_throttles as t (staff_id, source, window_start, tries)
    values (${staffId}, ${address}, ${now}, 1)
    on conflict (staff_id, source) do update set
      tries = case when t.window_start <= ${windowOver} then 1 else t.tries + 1 end,
      window_start = case when t.window_start <= ${windowOver} then ${now} else t.window_start end
    where t.window_start <= ${windowOver} or t.tries < ${MAX_SIGN_IN_TRIES}
    returning tries`.execute(db);
  return result.rows[0]?.tries ?? null;
}

/** The try that spent the last one locks the address out: the owner is told, and it is audited. */
async function failedTry(db: Db, staffId: number, address: string, tries: number) {
  if (tries < MAX_SIGN_IN_TRIES) return;
  await db
    .updateTable('staff_accounts')
    .set({ lockouts_unseen: sql<number>`lockouts_unseen + 1` })
    .where('id', '=', staffId)
    .execute();
  await recordAudit(db, {
    actor: { kind: 'staff', id: String(staffId) },
    action: 'staff.sign_in.locked',
    channel: 'console',
    sourceIp: address,
    result: 'refused',
    detail: { tries, minutes: TRY_WINDOW_MINUTES },
  });
}

const accountOf = (row: {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  unit_clues: string | null;
}) => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  unitClues: row.unit_clues,
});

/**
 * The password step. Unknown e-mails, wrong passwords and addresses out of tries are refused alike
 * (and cost one argon2 check each). A right password signs in, or, for an account with TOTP or a
 * role that needs it, leaves a challenge on the browser session for the code step.
 */
export async function checkStaffPassword(
  db: Db,
  input: { email: string; password: string },
  source: SignInSource,
  policy: StaffSignInPolicy,
  now: Date,
): Promise<StaffSignInStep> {
  const row = await db
    .selectFrom('staff_accounts')
    .select(['id', 'email', 'name', 'role', 'unit_clues', 'password_hash', 'totp_enrolled_at'])
    .where('email', '=', normalizeEmail(input.email))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) {
    await decoyVerify(input.password);
    return { kind: 'refused', reason: 'unknown', accountId: null };
  }
  const tries = await reserveTry(db, row.id, source.address, now);
  if (tries === null) {
    await decoyVerify(input.password);
    return { kind: 'refused', reason: 'locked', accountId: row.id };
  }
  if (!(await argon2.verify(row.password_hash, input.password))) {
    await failedTry(db, row.id, source.address, tries);
    return { kind: 'refused', reason: 'wrong', accountId: row.id };
  }
  const account = accountOf(row);
  const enrolled = row.totp_enrolled_at !== null;
  if (!enrolled && !policy.totpRequiredRoles.has(account.role)) {
    return { kind: 'signed_in', account, lockoutsUnseen: await completeSignIn(db, account.id, source, now) };
  }
  const secret = enrolled ? null : newTotpSecret();
  const challenge = {
    staff_id: account.id,
    expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
    pending_secret: secret && sealTotpSecret(secret, policy.totpKey),
  };
  await db
    .insertInto('staff_totp_challenges')
    .values({ session_hash: source.sessionHash, ...challenge })
    .onConflict((oc) => oc.column('session_hash').doUpdateSet(challenge))
    .execute();
  if (!secret) return { kind: 'code', account };
  return { kind: 'enrol', account, secret, uri: totpUri(account.email, secret) };
}

async function liveChallenge(db: Db, sessionHash: string, now: Date) {
  return db
    .selectFrom('staff_totp_challenges as c')
    .innerJoin('staff_accounts as s', 's.id', 'c.staff_id')
    .select(['s.id', 's.email', 's.name', 's.role', 's.unit_clues', 's.totp_secret', 'c.pending_secret'])
    .where('c.session_hash', '=', sessionHash)
    .where('c.expires_at', '>', now)
    .where('s.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** What the code page shows: for a first enrolment, the secret to add to the authenticator app. */
export async function pendingStaffChallenge(
  db: Db,
  sessionHash: string,
  policy: StaffSignInPolicy,
  now: Date,
): Promise<{ enrol: { secret: string; uri: string } | null } | null> {
  const challenge = await liveChallenge(db, sessionHash, now);
  if (!challenge) return null;
  if (!challenge.pending_secret) return { enrol: null };
  const secret = openTotpSecret(challenge.pending_secret, policy.totpKey);
  return { enrol: { secret, uri: totpUri(challenge.email, secret) } };
}

/**
 * The code step: counts a try as the password step does, accepts a code of the account's secret
 * (or, enrolling, of the secret being confirmed) within one step of now, and never a step
 * accepted before, decided by a conditional update so two requests cannot both use one code.
 */
export async function verifyStaffCode(
  db: Db,
  code: string,
  source: SignInSource,
  policy: StaffSignInPolicy,
  now: Date,
): Promise<StaffSignInStep> {
  const challenge = await liveChallenge(db, source.sessionHash, now);
  if (!challenge) return { kind: 'refused', reason: 'no_challenge', accountId: null };
  const tries = await reserveTry(db, challenge.id, source.address, now);
  if (tries === null) return { kind: 'refused', reason: 'locked', accountId: challenge.id };
  const sealed = challenge.pending_secret ?? challenge.totp_secret;
  const step = sealed ? acceptedStep(openTotpSecret(sealed, policy.totpKey), code.trim(), now) : null;
  if (step === null) {
    await failedTry(db, challenge.id, source.address, tries);
    return { kind: 'refused', reason: 'wrong', accountId: challenge.id };
  }
  const enrolling = challenge.pending_secret !== null;
  const used = await db
    .updateTable('staff_accounts')
    .set({
      totp_last_step: step,
      ...(enrolling ? { totp_secret: challenge.pending_secret, totp_enrolled_at: now } : {}),
    })
    .where('id', '=', challenge.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .where('totp_secret', enrolling ? 'is' : 'is not', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1)
    return { kind: 'refused', reason: 'replayed', accountId: challenge.id };
  await db.deleteFrom('staff_totp_challenges').where('session_hash', '=', source.sessionHash).execute();
  if (enrolling) {
    await recordAudit(db, {
      actor: { kind: 'staff', id: String(challenge.id) },
      action: 'staff.totp.enrol',
      channel: 'console',
      sourceIp: source.address,
      result: 'ok',
    });
  }
  const account = accountOf(challenge);
  return { kind: 'signed_in', account, lockoutsUnseen: await completeSignIn(db, account.id, source, now) };
}

/** A whole sign-in: the address's tries start over; returns the lock-outs the owner has not yet seen. */
async function completeSignIn(db: Db, staffId: number, source: SignInSource, now: Date): Promise<number> {
  await db
    .deleteFrom('staff_sign_in_throttles')
    .where('staff_id', '=', staffId)
    .where('source', '=', source.address)
    .execute();
  const row = await db
    .updateTable('staff_accounts')
    .set({ last_sign_in_at: now })
    .where('id', '=', staffId)
    .returning('lockouts_unseen')
    .executeTakeFirstOrThrow();
  return row.lockouts_unseen;
}

/** The lock-outs the owner is being told about now; they are not told twice. */
export async function takeLockoutNotice(db: Db, staffId: number): Promise<number> {
  const result = await sql<{ seen: number }>`
    with before as (select lockouts_unseen as seen from staff_accounts where id = ${staffId} for update)
    update staff_accounts set lockouts_unseen = 0 from before where id = ${staffId}
    returning before.seen`.execute(db);
  return result.rows[0]?.seen ?? 0;
}

/** `citas staff totp-reset`: the account enrols again at its next sign-in (a lost phone). */
export async function resetStaffTotp(db: Db, email: string): Promise<number | null> {
  const row = await db
    .updateTable('staff_accounts')
    .set({ totp_secret: null, totp_enrolled_at: null, totp_last_step: null })
    .where('email', '=', normalizeEmail(email))
    .returning('id')
    .executeTakeFirst();
  if (row) await db.deleteFrom('staff_totp_challenges').where('staff_id', '=', row.id).execute();
  return row?.id ?? null;
}
