import { sql } from 'kysely';
import { type Appointment, getAppointment } from '../booking/appointments.js';
import type { Db } from '../platform/db/connect.js';
import { isDomainError } from '../platform/domain-error.js';
import { declineOpenOffer, openOfferById, takeOpenOffer } from '../waitlist/claim.js';
import { answerFor } from './answer.js';
import { parseReply } from './reply.js';

/** What a reply did; the phone channel words it from its catalog. */
export type SmsReplyOutcome =
  | { kind: 'unknown_keyword' }
  | { kind: 'nothing_pending' }
  | { kind: 'confirmed' | 'cancelled' | 'change' | 'offer_taken'; appointment: Appointment }
  | { kind: 'offer_declined' }
  | { kind: 'refused'; code: string };

/**
 * Acts on an SMS reply from `from` (10 digits). Yes/no answer the offer out to that phone, if any;
 * 1/2/3 (and yes without an offer) answer the last reminder sent to it whose appointment is still
 * to come. A family sharing a phone answers the latest message it received.
 */
export async function answerSms(
  db: Db,
  input: { from: string; body: string; cutoffMinutes: number },
  now: Date,
): Promise<SmsReplyOutcome> {
  const keyword = parseReply(input.body);
  if (!keyword) return { kind: 'unknown_keyword' };
  try {
    if (keyword === 'yes' || keyword === 'no') {
      const offerId = await openOfferTo(db, input.from, now);
      if (offerId !== null) {
        const offer = await openOfferById(db, offerId, now);
        if (keyword === 'no') {
          await declineOpenOffer(db, offer, now);
          return { kind: 'offer_declined' };
        }
        return { kind: 'offer_taken', appointment: await takeOpenOffer(db, offer, undefined, now) };
      }
      if (keyword === 'no') return { kind: 'nothing_pending' };
    }
    const appointmentId = await remindedTo(db, input.from, now);
    if (appointmentId === null) return { kind: 'nothing_pending' };
    const appointment = await getAppointment(db, appointmentId);
    if (keyword === 'change') return { kind: 'change', appointment };
    const answer = keyword === 'cancel' ? 'cancel' : 'confirm';
    const done = await answerFor(
      db,
      appointment,
      answer,
      { cutoffMinutes: input.cutoffMinutes, via: 'sms' },
      now,
    );
    return { kind: answer === 'cancel' ? 'cancelled' : 'confirmed', appointment: done };
  } catch (error) {
    if (isDomainError(error)) return { kind: 'refused', code: error.code };
    throw error;
  }
}

async function openOfferTo(db: Db, phone: string, now: Date): Promise<number | null> {
  const row = await sql<{ id: number }>`
    select o.id from waitlist_offers o
    join beneficiaries b on b.id = o.beneficiary_id
    left join beneficiaries h on h.id = b.holder_id
    where o.status = 'open' and o.expires_at > ${now} and coalesce(b.phone, h.phone) = ${phone}
    order by o.offered_at desc, o.id desc
    limit 1`.execute(db);
  return row.rows[0] ? Number(row.rows[0].id) : null;
}

async function remindedTo(db: Db, phone: string, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('appointment_reminders as r')
    .innerJoin('appointments as a', 'a.id', 'r.appointment_id')
    .select('a.id')
    .where('r.recipient', '=', phone)
    .where('a.status', '=', 'booked')
    .where('a.starts_at', '>', now)
    .orderBy('r.queued_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
