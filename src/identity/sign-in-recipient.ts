import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import { maskCurp, maskPhone } from '../platform/privacy/mask.js';
import { findBeneficiaryByCurp } from '../registry/beneficiaries.js';
import { phoneForNotices } from '../registry/notice-phone.js';
import type { PhoneCodeCap } from './phone-code-cap.js';
import { MAX_CODES_PER_PERSON_PER_HOUR } from './sign-in-code-rules.js';

const HOUR_MS = 3_600_000;

/**
 * Who a sign-in code goes to. `send`: a person and the phone on file that may receive one now.
 * `decoy`: no code may be sent (no such person, another birth date, no phone, over a cap); the
 * sign-in goes on unsent so the answer does not tell, and the reason stays in the audit trail.
 */
export type Recipient =
  | { kind: 'send'; beneficiaryId: number; phone: string }
  | { kind: 'decoy'; beneficiaryId: number | null; reason: Record<string, unknown> };

/** The person a CURP and birth date name, if any, and whether a code may go to them now. */
export async function recipientOf(
  db: Db,
  input: { curp: string; birthDate: string },
  now: Date,
  phoneCap: PhoneCodeCap | undefined,
): Promise<Recipient> {
  const person = await findBeneficiaryByCurp(db, input.curp);
  if (!person || person.birthDate !== input.birthDate) {
    const reason = { reason: person ? 'birth_date' : 'unknown_curp', curp: maskCurp(input.curp) };
    return { kind: 'decoy', beneficiaryId: person?.id ?? null, reason };
  }
  return phoneRecipient(db, person.id, person, now, phoneCap);
}

/**
 * Whether one more code may go to the person's phone on file (their own, or their holder's) now:
 * the person's hourly limit, then the phone's daily cap.
 */
export async function phoneRecipient(
  db: Db,
  beneficiaryId: number,
  person: { phone: string | null; holderId: number | null },
  now: Date,
  phoneCap: PhoneCodeCap | undefined,
): Promise<Recipient> {
  const phone = await phoneForNotices(db, person);
  if (!phone) return { kind: 'decoy', beneficiaryId, reason: { reason: 'no_phone' } };
  const sentThisHour = await codesSentSince(db, beneficiaryId, new Date(now.getTime() - HOUR_MS));
  if (sentThisHour >= MAX_CODES_PER_PERSON_PER_HOUR) {
    return { kind: 'decoy', beneficiaryId, reason: { reason: 'too_many_codes', phone: maskPhone(phone) } };
  }
  const cap = await phoneCap?.(phone, now);
  if (cap && !cap.allowed) {
    return { kind: 'decoy', beneficiaryId, reason: { reason: 'phone_daily_cap', phone: maskPhone(phone) } };
  }
  return { kind: 'send', beneficiaryId, phone };
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
