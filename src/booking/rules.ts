import { channelMayUsePool } from '../agenda/channel-pools.js';
import type { AppointmentChannel, SlotPool, SlotStatus } from '../platform/db/schema.js';
import type { BookingErrorCode } from './errors.js';

export interface SlotFacts {
  unitClues: string;
  serviceCode: string;
  localDate: string;
  startsAt: Date;
  opensAt: Date;
  status: SlotStatus;
  pool: SlotPool;
}

/** What the pure booking rules judge; loaded by the booking statement as BookingFacts (slot-facts.ts). */
export interface BookingRuleFacts {
  beneficiary: { eligibleUntil: string; unitClues: string };
  service: { requiresAdscription: boolean; requiresReferral: boolean };
  slot: SlotFacts;
  channel: AppointmentChannel;
  /** Today on the unit's walls. */
  today: string;
  now: Date;
  /** The slot is held for this person (a closure's proposed time): theirs from any channel and pool. */
  heldForThePerson?: boolean;
}

/** Channels where the person books alone; a referral must be checked by staff. */
export const SELF_SERVICE: ReadonlySet<AppointmentChannel> = new Set(['web', 'ivr']);

/** Whether `channel` may book `service` at all: on self-service channels a referral cannot be checked. */
export const channelMayBookService = (
  channel: AppointmentChannel,
  service: { requiresReferral: boolean },
): boolean => !(service.requiresReferral && SELF_SERVICE.has(channel));

/**
 * The first booking rule that `facts` break, or null. Pure: the database still has the last word on
 * the rules that race (slot taken, one open appointment per service). The booking statement in
 * book.ts repeats these conditions in SQL so that a booking is one round trip: change both together
 * (the API tests drive every rule through it).
 */
export function firstBrokenBookingRule(facts: BookingRuleFacts): BookingErrorCode | null {
  const { beneficiary, service, slot, channel, now } = facts;
  if (beneficiary.eligibleUntil < slot.localDate) return 'NOT_ELIGIBLE';
  if (service.requiresAdscription && beneficiary.unitClues !== slot.unitClues) return 'WRONG_UNIT';
  if (!channelMayBookService(channel, service)) return 'REFERRAL_REQUIRED';
  if (slot.startsAt <= now || slot.opensAt > now) return 'OUTSIDE_BOOKING_WINDOW';
  // Blocked by a closure, a holiday or an absence: nobody took it, and waiting will not free it.
  if (slot.status === 'blocked') return 'SLOT_CLOSED';
  // The proposal, checked in the move's transaction, decides whether a time held for them is still theirs.
  if (facts.heldForThePerson && slot.status !== 'booked') return null;
  if (slot.status !== 'free') return 'SLOT_TAKEN';
  if (!channelMayUsePool(channel, slot.pool, slot.localDate, facts.today)) return 'QUOTA_EXHAUSTED';
  return null;
}

/**
 * Cancelling or rescheduling closes `cutoffMinutes` before the appointment starts; never for one
 * flagged for rebooking (its slot closed, or the person's rights end before it): it must move.
 */
export function isTooLateToChange(
  appointment: { startsAt: Date; needsRebooking: boolean },
  now: Date,
  cutoffMinutes: number,
): boolean {
  if (appointment.needsRebooking) return false;
  return appointment.startsAt.getTime() - cutoffMinutes * 60_000 <= now.getTime();
}
