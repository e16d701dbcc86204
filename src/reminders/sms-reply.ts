import { openHoldTo } from '../agenda/holds.js';
import { type Appointment, getAppointment } from '../booking/appointments.js';
import { declineProposal, keepProposal } from '../booking/replacement.js';
import type { Db } from '../platform/db/connect.js';
import { isDomainError } from '../platform/domain-error.js';
import { declineOpenOffer, openOfferById, takeOpenOffer } from '../waitlist/claim.js';
import { answerFor } from './answer.js';
import { parseReply } from './reply.js';

/** What a reply did; the phone channel words it from its catalog. */
export type SmsReplyOutcome =
  | { kind: 'unknown_keyword' }
  | { kind: 'nothing_pending' }
  | { kind: 'confirmed' | 'cancelled' | 'change' | 'offer_taken' | 'proposal_kept'; appointment: Appointment }
  | { kind: 'offer_declined' }
  | { kind: 'proposal_declined'; appointmentId: string }
  | { kind: 'refused'; code: string };

/**
 * Acts on an SMS reply from `from` (10 digits). Yes/no answer the waitlist offer out to that phone,
 * else the time a closure proposed and holds; 1/2/3 (and yes without either) answer the last
 * reminder sent to it whose appointment is still to come. A family sharing a phone answers the
 * latest message it received.
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
      const offerId = await openHoldTo(db, 'waitlist_offers', input.from, now);
      if (offerId !== null) {
        const offer = await openOfferById(db, offerId, now);
        if (keyword === 'no') {
          await declineOpenOffer(db, offer, now);
          return { kind: 'offer_declined' };
        }
        return { kind: 'offer_taken', appointment: await takeOpenOffer(db, offer, undefined, now) };
      }
      const proposalId = await openHoldTo(db, 'rebooking_proposals', input.from, now);
      if (proposalId !== null) {
        if (keyword === 'no') {
          const declined = await declineProposal(db, { proposalId }, { channel: 'sms' }, now);
          return { kind: 'proposal_declined', appointmentId: declined.appointmentId };
        }
        const who = { channel: 'web' as const, cutoffMinutes: input.cutoffMinutes };
        return { kind: 'proposal_kept', appointment: await keepProposal(db, { proposalId }, who, now) };
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

async function remindedTo(db: Db, phone: string, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('appointment_reminders as r')
    .innerJoin('appointments as a', 'a.id', 'r.appointment_id')
    .select('a.id')
    .where('r.recipient', '=', phone)
    .where('a.status', '=', 'booked')
    .where('a.needs_rebooking', '=', false)
    .where('a.starts_at', '>', now)
    .orderBy('r.queued_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
