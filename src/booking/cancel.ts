import { sql } from 'kysely';
import { mayActOnPerson, type StaffScope, staffRefusal } from '../identity/roles.js';
import type { Db } from '../platform/db/connect.js';
import type { AppointmentChannel } from '../platform/db/schema.js';
import { type Appointment, findAppointment, getAppointment } from './appointments.js';
import { auditChange, auditingRefusals } from './audit-trail.js';
import { enqueueAppointmentNotice } from './confirmations.js';
import { BookingError } from './errors.js';
import { isTooLateToChange } from './rules.js';

export interface ChangeActor {
  actor: string;
  channel: AppointmentChannel;
  cutoffMinutes: number;
  /** For the audit trail. */
  sourceIp?: string;
  /** The member of staff changing a person's appointment, judged by roles.ts; absent for self-service. */
  staff?: StaffScope;
}

/** Refuses unless `who` (when staff) may act on this person's appointment at these places. */
export function assertStaffMayChange(who: ChangeActor, appointment: Appointment, places: string[]) {
  const staff = who.staff;
  if (!staff) return;
  const units = { person: appointment.beneficiary.unitClues, places };
  if (mayActOnPerson(staff, 'appointment.change', units)) return;
  // auditingRefusals records the refusal.
  throw staffRefusal(staff, 'appointment.change', {
    unitClues: places.find((unit) => unit !== staff.unitClues) ?? appointment.beneficiary.unitClues,
    subjectBeneficiaryId: appointment.beneficiary.id,
    audited: true,
  });
}

/** The appointment, if it can still be changed by `who` at `now`. */
export async function changeableAppointment(
  db: Db,
  id: string,
  who: ChangeActor,
  now: Date,
): Promise<Appointment> {
  const appointment = await getAppointment(db, id);
  // Before anything about the appointment is told: another unit's appointment is refused as such.
  assertStaffMayChange(who, appointment, [appointment.unit.clues]);
  if (appointment.status !== 'booked') {
    throw new BookingError('APPOINTMENT_NOT_ACTIVE', 'the appointment is not booked any more');
  }
  if (isTooLateToChange(appointment, now, who.cutoffMinutes)) {
    throw new BookingError('TOO_LATE_TO_CHANGE', 'too close to the start to change', {
      cutoffMinutes: who.cutoffMinutes,
    });
  }
  return appointment;
}

/**
 * Cancels a booked appointment and gives its slot back, in one transaction. A slot on a day that
 * was closed meanwhile stays blocked instead of going back on offer.
 */
export async function cancelAppointment(
  db: Db,
  input: { appointmentId: string; reason?: string } & ChangeActor,
  now: Date,
): Promise<Appointment> {
  return auditingRefusals(db, 'appointment.cancel', input, subjectOf(db, input.appointmentId), () =>
    cancel(db, input, now),
  );
}

/** Whose appointment a refused change was about, for the audit trail. */
export const subjectOf = (db: Db, appointmentId: string) => async () => ({
  beneficiaryId: (await findAppointment(db, appointmentId))?.beneficiary.id ?? null,
  detail: { appointment: appointmentId },
});

async function cancel(
  db: Db,
  input: { appointmentId: string; reason?: string } & ChangeActor,
  now: Date,
): Promise<Appointment> {
  const appointment = await changeableAppointment(db, input.appointmentId, input, now);
  await db.transaction().execute(async (trx) => {
    const cancelled = await trx
      .updateTable('appointments')
      .set({
        status: 'cancelled',
        is_open: false,
        cancel_reason: input.reason ?? null,
        updated_by: input.actor,
        updated_at: now,
      })
      .where('id', '=', appointment.id)
      .where('status', '=', 'booked')
      .returning(['slot_id', 'slot_closed', 'rebooking_reason'])
      .executeTakeFirst();
    if (!cancelled) throw new BookingError('APPOINTMENT_NOT_ACTIVE', 'cancelled or changed meanwhile');
    await releaseSlot(trx, cancelled.slot_id, cancelled.slot_closed ? cancelled.rebooking_reason : null);
    await trx
      .insertInto('appointment_events')
      .values({
        appointment_id: appointment.id,
        action: 'cancelled',
        actor: input.actor,
        channel: input.channel,
        from_slot_id: cancelled.slot_id,
        detail: input.reason ?? null,
      })
      .execute();
    await auditChange(trx, 'appointment.cancel', input, {
      beneficiaryId: appointment.beneficiary.id,
      unitClues: appointment.unit.clues,
      detail: { appointment: appointment.id, slot: cancelled.slot_id },
    });
    await enqueueAppointmentNotice(trx, 'cancelled', appointment.id);
  });
  return getAppointment(db, appointment.id);
}

/** Puts a slot back on offer, or keeps it blocked when its day or resource became unavailable. */
export async function releaseSlot(trx: Db, slotId: number, blockedReason: string | null) {
  await trx
    .updateTable('slots')
    .set({
      status: blockedReason ? 'blocked' : 'free',
      blocked_reason: blockedReason,
    })
    .where('id', '=', slotId)
    .where('status', '=', 'booked')
    .where(
      sql<boolean>`not exists (select 1 from appointments a where a.slot_id = slots.id and a.status = 'booked')`,
    )
    .execute();
}
