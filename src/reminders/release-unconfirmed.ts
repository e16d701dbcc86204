import { cancelAppointment } from '../booking/cancel.js';
import type { Db } from '../platform/db/connect.js';
import { isDomainError } from '../platform/domain-error.js';

/** Who cancels an unconfirmed appointment: the policy, not the person (no-show/attendance.ts tells them apart). */
export const RELEASED_BY = 'system:no-show-policy';

/**
 * The no-show policy's consequence: an appointment whose reminder asked for a confirmation by a
 * time now past, and got none, is cancelled (the reminder said so, and the cancellation SMS
 * follows); its slot frees, and the backfill offers it to the waitlist.
 */
export async function releaseUnconfirmed(db: Db, now: Date, limit = 200): Promise<number> {
  const due = await db
    .selectFrom('appointment_reminders as r')
    .innerJoin('appointments as a', 'a.id', 'r.appointment_id')
    .select('a.id')
    .distinct()
    .where('r.confirm_by', '<=', now)
    .where('a.status', '=', 'booked')
    .where('a.confirmed_at', 'is', null)
    // A closure's appointment waits on the rebooking worklist: nobody releases it unasked.
    .where('a.needs_rebooking', '=', false)
    .where('a.starts_at', '>', now)
    .limit(limit)
    .execute();
  let released = 0;
  for (const { id } of due) {
    try {
      await cancelAppointment(
        db,
        {
          appointmentId: id,
          actor: RELEASED_BY,
          channel: 'agent',
          cutoffMinutes: 0,
          reason: 'Sin confirmación (política de inasistencias)',
        },
        now,
      );
      released++;
    } catch (error) {
      // Cancelled or changed meanwhile: nothing to release.
      if (!isDomainError(error)) throw error;
    }
  }
  return released;
}
