// Ending a closure's proposed time (replacement.ts) from inside the reschedule that keeps it.
import type { Db } from '../platform/db/connect.js';
import type { RebookingProposalStatus } from '../platform/db/schema.js';
import { DomainError } from '../platform/domain-error.js';
import { BookingError } from './errors.js';

/** Refuses a proposal that can no longer be kept or turned down: lapsed, or closed another way. */
export function refuseClosed(p: { status: RebookingProposalStatus; expires_at: Date }, now: Date) {
  if (p.status === 'expired' || (p.status === 'open' && p.expires_at <= now))
    throw new BookingError('PROPOSAL_EXPIRED', 'the proposed time is no longer held');
  if (p.status !== 'open') throw new BookingError('PROPOSAL_CLOSED', `the proposal was ${p.status}`);
}

/**
 * Closes the proposal as kept, inside the reschedule that moves the appointment into its slot: the
 * row serializes the keep with the hold's expiry, a decline and a closure of the held slot. Refuses
 * when it changed meanwhile, saying how.
 */
export async function closeProposalAsKept(
  trx: Db,
  keep: { proposalId: number; appointmentId: string; slotId: number },
  now: Date,
): Promise<void> {
  const kept = await trx
    .updateTable('rebooking_proposals')
    .set({ status: 'kept', closed_at: now })
    .where('id', '=', keep.proposalId)
    .where('appointment_id', '=', keep.appointmentId)
    .where('slot_id', '=', keep.slotId)
    .where('status', '=', 'open')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(kept.numUpdatedRows) === 1) return;
  const found = await trx
    .selectFrom('rebooking_proposals')
    .select(['status', 'expires_at'])
    .where('id', '=', keep.proposalId)
    .where('appointment_id', '=', keep.appointmentId)
    .executeTakeFirst();
  if (!found) throw new DomainError('LINK_INVALID', 'no such proposal for that appointment');
  refuseClosed(found, now);
  throw new BookingError('PROPOSAL_CLOSED', 'the proposal is for another slot');
}
