import { localToday } from '../agenda/slot-plan.js';
import type { Db } from '../platform/db/connect.js';
import { getBeneficiaryById } from '../registry/beneficiaries.js';
import { DEFAULT_RUSH, type RushDefaults, rushPassFor } from '../waiting-room/pass-rule.js';
import { type Appointment, getAppointment } from './appointments.js';
import { auditChange, auditingRefusals } from './audit-trail.js';
import { slotTaken } from './book.js';
import {
  assertStaffMayChange,
  type ChangeActor,
  changeableAppointment,
  releaseSlot,
  subjectOf,
} from './cancel.js';
import { enqueueAppointmentNotice } from './confirmations.js';
import { BookingError } from './errors.js';
import { closeProposalAsKept } from './proposal-closing.js';
import { firstBrokenBookingRule } from './rules.js';
import { loadSlotForBooking } from './slot-facts.js';

const NO_RUSH = { required: false, passId: null };

/**
 * Moves an appointment to another slot of the same service, keeping its id, folio and person. One
 * transaction: if the new slot cannot be had, the appointment and its old slot are untouched.
 */
export interface RescheduleInput extends ChangeActor {
  appointmentId: string;
  slotId: number;
  /** How releases without their own settings behave (the waiting room's rush); DEFAULT_RUSH when absent. */
  rushDefaults?: RushDefaults;
  /** Keeps the closure's proposed time held in `slotId` for this appointment (replacement.ts). */
  proposalId?: number;
}

export async function rescheduleAppointment(db: Db, input: RescheduleInput, now: Date): Promise<Appointment> {
  return auditingRefusals(db, 'appointment.reschedule', input, subjectOf(db, input.appointmentId), () =>
    reschedule(db, input, now),
  );
}

async function reschedule(db: Db, input: RescheduleInput, now: Date): Promise<Appointment> {
  const appointment = await changeableAppointment(db, input.appointmentId, input, now);
  const slot = await loadSlotForBooking(db, input.slotId);
  if (!slot) throw new BookingError('SLOT_NOT_FOUND', 'no slot with that id', { slotId: input.slotId });
  assertStaffMayChange(input, appointment, [appointment.unit.clues, slot.unitClues]);
  if (slot.serviceCode !== appointment.service.code) {
    throw new BookingError('SERVICE_MISMATCH', 'the new slot is for another service');
  }
  const beneficiary = await getBeneficiaryById(db, appointment.beneficiary.id);
  const broken = firstBrokenBookingRule({
    beneficiary,
    service: slot,
    slot,
    channel: input.channel,
    today: localToday(now, slot.timeZone),
    now,
    heldForThePerson: input.proposalId !== undefined,
  });
  if (broken === 'SLOT_TAKEN') throw await slotTaken(db, slot, input.channel, now);
  if (broken) throw new BookingError(broken, `booking rule ${broken} refused`);
  // Moving into a slot of a release in its rush takes a waiting-room pass, as booking it would; a
  // time held for the person is theirs already.
  const rush =
    input.proposalId === undefined
      ? await rushPassFor(
          db,
          { slotId: slot.id, beneficiaryId: beneficiary.id, channel: input.channel },
          input.rushDefaults ?? DEFAULT_RUSH,
          now,
        )
      : NO_RUSH;
  if (rush.required && rush.passId === null) {
    throw new BookingError('PASS_REQUIRED', 'the release is in its rush and the person holds no pass', {
      unitClues: slot.unitClues,
      serviceCode: slot.serviceCode,
    });
  }

  const moved = await db.transaction().execute(async (trx) => {
    // The proposal is closed first: its row serializes this with the hold's expiry, and while it is
    // open the held slot is this appointment's alone (one open proposal per slot).
    if (input.proposalId !== undefined)
      await closeProposalAsKept(trx, { ...input, proposalId: input.proposalId }, now);
    const claimed = await trx
      .updateTable('slots')
      .set({ status: 'booked' })
      .where('id', '=', slot.id)
      .where('status', 'in', input.proposalId === undefined ? ['free'] : ['free', 'held'])
      .returning('id')
      .executeTakeFirst();
    if (!claimed) return 'SLOT_TAKEN' as const;
    if (rush.passId !== null && rush.required) {
      const used = await trx
        .updateTable('waiting_room_places')
        .set({ status: 'used', used_at: now })
        .where('id', '=', rush.passId)
        .where('status', '=', 'admitted')
        .executeTakeFirst();
      // The pass was used or expired meanwhile: undo the claim by rolling back.
      if (Number(used.numUpdatedRows) !== 1)
        throw new BookingError('PASS_REQUIRED', 'the pass was used meanwhile', {
          unitClues: slot.unitClues,
          serviceCode: slot.serviceCode,
        });
    }
    const updated = await trx
      .updateTable('appointments')
      .set({
        slot_id: slot.id,
        unit_clues: slot.unitClues,
        starts_at: slot.startsAt,
        ends_at: slot.endsAt,
        needs_rebooking: false,
        slot_closed: false,
        rebooking_reason: null,
        updated_by: input.actor,
        updated_at: now,
      })
      .where('id', '=', appointment.id)
      .where('status', '=', 'booked')
      .where('slot_id', '=', appointment.slotId)
      .returning(['id'])
      .executeTakeFirst();
    // Changed or cancelled meanwhile: undo the claim by rolling back.
    if (!updated) throw new BookingError('APPOINTMENT_NOT_ACTIVE', 'the appointment changed meanwhile');
    await releaseSlot(trx, appointment.slotId, appointment.slotClosed ? appointment.rebookingReason : null);
    await trx
      .insertInto('appointment_events')
      .values({
        appointment_id: appointment.id,
        action: 'rescheduled',
        actor: input.actor,
        channel: input.channel,
        from_slot_id: appointment.slotId,
        to_slot_id: slot.id,
      })
      .execute();
    await auditChange(trx, 'appointment.reschedule', input, {
      beneficiaryId: beneficiary.id,
      unitClues: slot.unitClues,
      detail: { appointment: appointment.id, from: appointment.slotId, to: slot.id },
    });
    await enqueueAppointmentNotice(trx, 'rescheduled', appointment.id);
    return 'MOVED' as const;
  });
  if (moved === 'SLOT_TAKEN') throw await slotTaken(db, slot, input.channel, now);
  return getAppointment(db, appointment.id);
}
