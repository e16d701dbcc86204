import { unholdSlots } from '../agenda/holds.js';
import type { Appointment } from '../booking/appointments.js';
import { bookSlot } from '../booking/book.js';
import { BookingError } from '../booking/errors.js';
import type { Db } from '../platform/db/connect.js';
import { checkLink } from '../platform/signed-links.js';
import { WaitlistError } from './errors.js';

/** An offer as its one-tap page shows it. */
export interface Offer {
  id: number;
  beneficiaryId: number;
  curp: string;
  slotId: number;
  startsAt: Date;
  expiresAt: Date;
  timeZone: string;
  unitName: string;
  serviceName: string;
}

/** The open offer a one-tap link names; refuses a forged or expired link, or a closed offer. */
export async function openOffer(db: Db, linkKey: string, token: string, now: Date): Promise<Offer> {
  const link = checkLink(linkKey, 'offer', token, now);
  if (!link.ok) {
    if (link.reason === 'expired') throw new WaitlistError('OFFER_EXPIRED', 'the offer link expired');
    throw new WaitlistError('LINK_INVALID', 'not an offer link');
  }
  return openOfferById(db, Number(link.id), now);
}

/** The open offer with this id (an SMS reply names it through the person's phone). */
export async function openOfferById(db: Db, offerId: number, now: Date): Promise<Offer> {
  const row = await db
    .selectFrom('waitlist_offers as o')
    .innerJoin('beneficiaries as b', 'b.id', 'o.beneficiary_id')
    .innerJoin('slots as s', 's.id', 'o.slot_id')
    .innerJoin('units as u', 'u.clues', 'o.unit_clues')
    .innerJoin('services as sv', 'sv.code', 'o.service_code')
    .select([
      'o.id',
      'o.beneficiary_id',
      'b.curp',
      'o.slot_id',
      's.starts_at',
      'o.expires_at',
      'o.status',
      'u.time_zone',
      'u.name as unit_name',
      'sv.name as service_name',
    ])
    .where('o.id', '=', offerId)
    .executeTakeFirst();
  if (!row) throw new WaitlistError('LINK_INVALID', 'no such offer');
  if (row.status !== 'open')
    throw new WaitlistError('OFFER_CLOSED', 'the offer is closed', { status: row.status });
  if (row.expires_at <= now) throw new WaitlistError('OFFER_EXPIRED', 'the offer expired');
  return {
    id: row.id,
    beneficiaryId: row.beneficiary_id,
    curp: row.curp,
    slotId: row.slot_id,
    startsAt: row.starts_at,
    expiresAt: row.expires_at,
    timeZone: row.time_zone,
    unitName: row.unit_name,
    serviceName: row.service_name,
  };
}

/**
 * Takes the offer: books its held slot through the booking statement (which lets only this person
 * book a held slot, and only while the offer is open); a database trigger marks the offer taken and
 * ends the person's waiting for the service.
 */
export async function takeOffer(
  db: Db,
  input: { linkKey: string; token: string; sourceIp?: string },
  now: Date,
): Promise<Appointment> {
  return takeOpenOffer(db, await openOffer(db, input.linkKey, input.token, now), input.sourceIp, now);
}

export async function takeOpenOffer(db: Db, offer: Offer, sourceIp: string | undefined, now: Date) {
  try {
    const { appointment } = await bookSlot(
      db,
      {
        curp: offer.curp,
        slotId: offer.slotId,
        channel: 'web',
        actor: `beneficiary:${offer.beneficiaryId}`,
        sourceIp,
      },
      now,
    );
    return appointment;
  } catch (error) {
    if (error instanceof BookingError)
      throw new WaitlistError('OFFER_NOT_BOOKABLE', 'the booking refused the held slot', {
        bookingCode: error.code,
      });
    throw error;
  }
}

/** Turns the offer down: its slot goes to the next person; the person stays on the waitlist. */
export async function declineOffer(
  db: Db,
  input: { linkKey: string; token: string },
  now: Date,
): Promise<void> {
  await declineOpenOffer(db, await openOffer(db, input.linkKey, input.token, now), now);
}

export async function declineOpenOffer(db: Db, offer: Offer, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const declined = await trx
      .updateTable('waitlist_offers')
      .set({ status: 'declined', closed_at: now })
      .where('id', '=', offer.id)
      .where('status', '=', 'open')
      .returning('slot_id')
      .executeTakeFirst();
    if (!declined) throw new WaitlistError('OFFER_CLOSED', 'the offer closed meanwhile');
    await unholdSlots(trx, [declined.slot_id]);
  });
}
