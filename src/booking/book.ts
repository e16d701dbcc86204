import { sql } from 'kysely';
import { findAvailability } from '../agenda/availability.js';
import { localToday } from '../agenda/slot-plan.js';
import type { Db } from '../platform/db/connect.js';
import { violatedUniqueConstraint } from '../platform/db/errors.js';
import type { AppointmentChannel } from '../platform/db/schema.js';
import type { Beneficiary } from '../registry/beneficiaries.js';
import { type Appointment, type AppointmentRow, getAppointment, toAppointment } from './appointments.js';
import { BookingError } from './errors.js';
import { newFolio } from './folio.js';
import { firstBrokenBookingRule } from './rules.js';
import { loadBookingFacts, type SlotForBooking } from './slot-facts.js';

export interface BookSlotInput {
  curp: string;
  slotId: number;
  channel: AppointmentChannel;
  /** Who acted: 'token:7', 'beneficiary:123', 'ivr:CA…'. */
  actor: string;
  /** A retried request with the same key gets the first appointment back. */
  idempotency?: { key: string; requestHash: string };
}

export interface BookSlotResult {
  appointment: Appointment;
  /** True when this answered a retry of an earlier request. */
  replayed: boolean;
}

const FOLIO_ATTEMPTS = 3;

/**
 * Books `slotId` for the person. The rules are checked first for a clear answer; then one SQL
 * statement claims the slot and inserts the appointment, so the database decides every race: a
 * slot taken meanwhile claims nothing, and a second open appointment for the service breaks a
 * unique index.
 */
export async function bookSlot(db: Db, input: BookSlotInput, now: Date): Promise<BookSlotResult> {
  const { beneficiary, slot } = await loadBookingFacts(db, input.curp, input.slotId);
  if (!beneficiary) throw new BookingError('BENEFICIARY_NOT_FOUND', 'no beneficiary with that CURP');
  const earlier = await replayOf(db, input);
  if (earlier) return earlier;

  if (!slot) throw new BookingError('SLOT_NOT_FOUND', 'no slot with that id', { slotId: input.slotId });
  const broken = firstBrokenBookingRule({
    beneficiary,
    service: slot,
    slot,
    channel: input.channel,
    today: localToday(now, slot.timeZone),
    now,
  });
  if (broken === 'SLOT_TAKEN') return retriedOrTaken(db, input, slot, now);
  if (broken) throw new BookingError(broken, `booking rule ${broken} refused`);

  let closedPast = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const appointment = await claimAndInsert(db, input, beneficiary, slot);
      if (appointment) return { appointment, replayed: false };
      return await retriedOrTaken(db, input, slot, now);
    } catch (error) {
      const constraint = violatedUniqueConstraint(error);
      if (constraint === 'appointments_one_open_per_service') {
        // An appointment whose time has passed no longer counts: close it and try once more. Done
        // only here, so the usual booking costs no extra round trip.
        if (!closedPast && (await closePastAppointments(db, beneficiary.id, slot.serviceCode, now)) > 0) {
          closedPast = true;
          continue;
        }
        throw await activeAppointmentExists(db, beneficiary, slot.serviceCode);
      }
      if (constraint === 'idempotency_keys_pkey') {
        const replay = await replayOf(db, input);
        if (replay) return replay;
      }
      if (constraint === 'appointments_folio_key' && attempt < FOLIO_ATTEMPTS) continue;
      throw error;
    }
  }
}

/**
 * Claims the slot and inserts the appointment, its history event and the idempotency key in one
 * statement, which also returns the appointment as presented (unit, service, room): the usual
 * booking writes and reads back in one round trip.
 */
async function claimAndInsert(
  db: Db,
  input: BookSlotInput,
  beneficiary: Beneficiary,
  slot: SlotForBooking,
): Promise<Appointment | undefined> {
  const key = input.idempotency;
  const result = await sql<AppointmentRow>`
    with claimed as (
      update slots set status = 'booked'
      where id = ${slot.id} and status = 'free'
      returning id, unit_clues, service_code, starts_at, ends_at
    ), appointment as (
      insert into appointments
        (folio, beneficiary_id, slot_id, service_code, unit_clues, starts_at, ends_at, channel, created_by, updated_by)
      select ${newFolio()}, ${beneficiary.id}, id, service_code, unit_clues, starts_at, ends_at,
             ${input.channel}, ${input.actor}, ${input.actor}
      from claimed
      returning *
    ), event as (
      insert into appointment_events (appointment_id, action, actor, channel, to_slot_id)
      select id, 'booked', ${input.actor}, ${input.channel}, ${slot.id} from appointment
    ), idempotency as (
      insert into idempotency_keys (actor, key, request_hash, appointment_id)
      select ${input.actor}, ${key?.key ?? ''}, ${key?.requestHash ?? ''}, id from appointment
      where ${key !== undefined}
    )
    select a.id, a.folio, a.status, a.starts_at, a.ends_at, u.time_zone, a.channel, a.slot_id,
           u.clues as unit_clues, u.name as unit_name, u.address as unit_address,
           sv.code as service_code, sv.name as service_name, r.id as resource_id, r.name as resource_name,
           b.id as beneficiary_id, b.curp, b.given_names, b.first_surname, b.holder_id,
           a.needs_rebooking, a.rebooking_reason, a.cancel_reason, a.created_by, a.updated_by,
           a.created_at, a.updated_at
      from appointment a
      join units u on u.clues = a.unit_clues
      join services sv on sv.code = a.service_code
      join slots s on s.id = a.slot_id
      join resources r on r.id = s.resource_id
      join beneficiaries b on b.id = a.beneficiary_id`.execute(db);
  const row = result.rows[0];
  return row && toAppointment(row);
}

/** The slot is gone: to our own concurrent retry (answer as it did), or to someone else. */
async function retriedOrTaken(
  db: Db,
  input: BookSlotInput,
  slot: SlotForBooking,
  now: Date,
): Promise<BookSlotResult> {
  const replay = await replayOf(db, input);
  if (replay) return replay;
  throw await slotTaken(db, slot, input.channel, now);
}

async function replayOf(db: Db, input: BookSlotInput): Promise<BookSlotResult | undefined> {
  if (!input.idempotency) return undefined;
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'appointment_id'])
    .where('actor', '=', input.actor)
    .where('key', '=', input.idempotency.key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== input.idempotency.requestHash) {
    throw new BookingError('IDEMPOTENCY_KEY_REUSED', 'the idempotency key was used for a different request');
  }
  return { appointment: await getAppointment(db, row.appointment_id), replayed: true };
}

/** An appointment whose time has passed no longer counts against the one-per-service limit. */
async function closePastAppointments(db: Db, beneficiaryId: number, serviceCode: string, now: Date) {
  const closed = await db
    .updateTable('appointments')
    .set({ is_open: false })
    .where('beneficiary_id', '=', beneficiaryId)
    .where('service_code', '=', serviceCode)
    .where('is_open', '=', true)
    .where('ends_at', '<=', now)
    .executeTakeFirst();
  return Number(closed.numUpdatedRows);
}

export async function slotTaken(db: Db, slot: SlotForBooking, channel: AppointmentChannel, now: Date) {
  const alternatives = await findAvailability(
    db,
    { unitClues: slot.unitClues, serviceCode: slot.serviceCode, days: 30, channel, limit: 5 },
    now,
  );
  return new BookingError('SLOT_TAKEN', 'the slot is no longer free', { alternatives });
}

async function activeAppointmentExists(db: Db, beneficiary: Beneficiary, serviceCode: string) {
  const open = await db
    .selectFrom('appointments')
    .select('id')
    .where('beneficiary_id', '=', beneficiary.id)
    .where('service_code', '=', serviceCode)
    .where('is_open', '=', true)
    .executeTakeFirst();
  const existing = open ? await getAppointment(db, open.id) : undefined;
  return new BookingError('ACTIVE_APPOINTMENT_EXISTS', 'the person already has an open appointment', {
    existing,
  });
}
