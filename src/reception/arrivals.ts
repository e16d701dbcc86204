// Check-in at the counter: find today's appointments for a folio or a CURP (a holder's CURP finds
// their family members' appointments too, each checked in as the person it belongs to) and record
// the arrival once, whichever receptionist clicks first.
import { localToday } from '../agenda/slot-plan.js';
import { parseActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import { type Appointment, checkInOf, findAppointment } from '../booking/appointments.js';
import type { CheckInRequirement } from '../booking/check-in.js';
import { normalizeFolio } from '../booking/folio.js';
import { isAllowed, type StaffScope, staffRefusal } from '../identity/roles.js';
import type { Db } from '../platform/db/connect.js';
import { validateCurp } from '../registry/curp.js';
import { ReceptionError } from './errors.js';
import { isLate } from './queue.js';

export interface ReceptionActor {
  actor: string;
  staff: StaffScope;
  sourceIp?: string;
}

export interface Arrival {
  appointment: Appointment;
  /** What the receptionist checks before recording the arrival (photo ID, the companion's for a minor). */
  requirement: CheckInRequirement;
  checkedInAt: Date | null;
  /** Whether arriving now is past the tolerance (the person queues from their arrival). */
  lateNow: boolean;
}

export type ArrivalQuery = { folio: string } | { curp: string };

/** A folio (with or without its dash) or a CURP; anything else is refused before any look-up. */
export function parseArrivalQuery(input: string): ArrivalQuery {
  const folio = normalizeFolio(input);
  if (folio) return { folio };
  const curp = validateCurp(input);
  if (curp.ok) return { curp: curp.curp };
  throw new ReceptionError('ARRIVAL_QUERY_INVALID', 'neither a folio nor a CURP');
}

/**
 * Today's booked appointments at the unit for the folio or CURP, as the counter shows them. Reading
 * them shows whose they are: the caller audits the read.
 */
export async function findArrivals(
  db: Db,
  input: { unitClues: string; query: ArrivalQuery; toleranceMinutes: number },
  now: Date,
): Promise<Arrival[]> {
  let ids = db
    .selectFrom('appointments as a')
    .innerJoin('beneficiaries as b', 'b.id', 'a.beneficiary_id')
    .leftJoin('beneficiaries as h', 'h.id', 'b.holder_id')
    .select('a.id')
    .where('a.unit_clues', '=', input.unitClues)
    .where('a.status', '=', 'booked');
  const query = input.query;
  ids =
    'folio' in query
      ? ids.where('a.folio', '=', query.folio)
      : ids.where((eb) => eb.or([eb('b.curp', '=', query.curp), eb('h.curp', '=', query.curp)]));
  const rows = await ids.orderBy('a.starts_at').execute();
  const found = (await Promise.all(rows.map((r) => findAppointment(db, r.id)))).filter(
    (a): a is Appointment => a !== undefined,
  );
  const today = found.filter((a) => localToday(a.startsAt, a.timeZone) === localToday(now, a.timeZone));
  if (today.length === 0) {
    const booked = found[0];
    if (booked && 'folio' in query)
      throw new ReceptionError('ARRIVAL_NOT_TODAY', 'that appointment is another day', {
        startsAt: booked.startsAt,
        timeZone: booked.timeZone,
      });
    throw new ReceptionError('ARRIVAL_NOT_FOUND', 'no appointment today at this unit');
  }
  const checkedIn = new Map(
    (
      await db
        .selectFrom('appointments')
        .select(['id', 'checked_in_at'])
        .where(
          'id',
          'in',
          today.map((a) => a.id),
        )
        .execute()
    ).map((r) => [r.id, r.checked_in_at]),
  );
  return today.map((appointment) => ({
    appointment,
    requirement: checkInOf(appointment),
    checkedInAt: checkedIn.get(appointment.id) ?? null,
    lateNow: isLate(appointment.startsAt, now, input.toleranceMinutes),
  }));
}

export interface CheckedIn {
  appointment: Appointment;
  late: boolean;
}

/**
 * Records that the person arrived. One conditional UPDATE: of two receptionists who click at once,
 * exactly one records it; the other is told it was already done.
 */
export async function checkIn(
  db: Db,
  input: { appointmentId: string; toleranceMinutes: number } & ReceptionActor,
  now: Date,
): Promise<CheckedIn> {
  const appointment = await findAppointment(db, input.appointmentId);
  if (!appointment) throw new ReceptionError('ARRIVAL_NOT_FOUND', 'no such appointment');
  // Reception serves whoever arrives at its unit, adscribed there or not: the place decides.
  if (!isAllowed(input.staff, 'arrival.record', appointment.unit.clues))
    throw staffRefusal(input.staff, 'arrival.record', {
      unitClues: appointment.unit.clues,
      subjectBeneficiaryId: appointment.beneficiary.id,
      audited: false,
    });
  if (localToday(appointment.startsAt, appointment.timeZone) !== localToday(now, appointment.timeZone))
    throw new ReceptionError('ARRIVAL_NOT_TODAY', 'that appointment is another day', {
      startsAt: appointment.startsAt,
      timeZone: appointment.timeZone,
    });
  if (appointment.needsRebooking)
    throw new ReceptionError('ARRIVAL_NEEDS_REBOOKING', 'a closure or absence took its time away');
  const late = isLate(appointment.startsAt, now, input.toleranceMinutes);
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('appointments')
      .set({ checked_in_at: now, checked_in_by: input.actor, updated_at: now, updated_by: input.actor })
      .where('id', '=', appointment.id)
      .where('status', '=', 'booked')
      .where('needs_rebooking', '=', false)
      .where('checked_in_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!updated) {
      const current = await trx
        .selectFrom('appointments')
        .select(['status', 'checked_in_at', 'needs_rebooking'])
        .where('id', '=', appointment.id)
        .executeTakeFirstOrThrow();
      if (current.checked_in_at) throw new ReceptionError('ALREADY_CHECKED_IN', 'arrival already recorded');
      if (current.needs_rebooking)
        throw new ReceptionError('ARRIVAL_NEEDS_REBOOKING', 'a closure or absence took its time away');
      throw new ReceptionError('ARRIVAL_NOT_ACTIVE', 'the appointment is not booked any more');
    }
    await trx
      .insertInto('appointment_events')
      .values({
        appointment_id: appointment.id,
        at: now,
        action: 'checked_in',
        actor: input.actor,
        channel: 'counter',
        detail: late ? 'late' : null,
      })
      .execute();
    await recordAudit(trx, {
      actor: parseActor(input.actor),
      action: 'appointment.check_in',
      subjectBeneficiaryId: appointment.beneficiary.id,
      unitClues: appointment.unit.clues,
      channel: 'console',
      sourceIp: input.sourceIp,
      result: 'ok',
      detail: { appointment: appointment.id, late },
    });
  });
  return { appointment, late };
}
