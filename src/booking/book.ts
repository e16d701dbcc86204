import { sql } from 'kysely';
import { findAvailability } from '../agenda/availability.js';
import { localToday } from '../agenda/slot-plan.js';
import { parseActor } from '../identity/actor.js';
import type { Db } from '../platform/db/connect.js';
import { violatedUniqueConstraint } from '../platform/db/errors.js';
import type { AppointmentChannel } from '../platform/db/schema.js';
import { type Beneficiary, findBeneficiaryByCurp, getBeneficiaryByCurp } from '../registry/beneficiaries.js';
import { type Appointment, getAppointment } from './appointments.js';
import { auditingRefusals } from './audit-trail.js';
import { assertWithinChurnLimit, type ChurnLimit, DEFAULT_CHURN_LIMIT } from './churn.js';
import { noticeText, phoneForNotices } from './confirmations.js';
import { BookingError } from './errors.js';
import { newFolio } from './folio.js';
import { firstBrokenBookingRule } from './rules.js';
import { loadSlotForBooking, type SlotForBooking } from './slot-facts.js';

export interface BookSlotInput {
  curp: string;
  slotId: number;
  channel: AppointmentChannel;
  /** Who acted: 'token:7', 'beneficiary:123', 'ivr:CA…'. */
  actor: string;
  /** A retried request with the same key gets the first appointment back. */
  idempotency?: { key: string; requestHash: string };
  /** For the audit trail. */
  sourceIp?: string;
  /** The configured cancel-and-rebook limit; DEFAULT_CHURN_LIMIT when absent. */
  churnLimit?: ChurnLimit;
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
  const subject = async () => ({
    beneficiaryId: (await findBeneficiaryByCurp(db, input.curp))?.id ?? null,
    detail: { slot: input.slotId },
  });
  return auditingRefusals(db, 'appointment.book', input, subject, () => book(db, input, now));
}

async function book(db: Db, input: BookSlotInput, now: Date): Promise<BookSlotResult> {
  const beneficiary = await getBeneficiaryByCurp(db, input.curp);
  const earlier = await replayOf(db, input);
  if (earlier) return earlier;

  const slot = await loadSlotForBooking(db, input.slotId);
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
  await assertWithinChurnLimit(
    db,
    { beneficiaryId: beneficiary.id, serviceCode: slot.serviceCode },
    input.churnLimit ?? DEFAULT_CHURN_LIMIT,
    now,
  );
  await closePastAppointments(db, beneficiary.id, slot.serviceCode, now);
  const phone = await phoneForNotices(db, beneficiary);

  for (let attempt = 1; ; attempt++) {
    try {
      const id = await claimAndInsert(db, input, beneficiary, slot, phone);
      if (id) return { appointment: await getAppointment(db, id), replayed: false };
      return await retriedOrTaken(db, input, slot, now);
    } catch (error) {
      const constraint = violatedUniqueConstraint(error);
      if (constraint === 'appointments_one_open_per_service') {
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

async function claimAndInsert(
  db: Db,
  input: BookSlotInput,
  beneficiary: Beneficiary,
  slot: SlotForBooking,
  phone: string | null,
): Promise<string | undefined> {
  const key = input.idempotency;
  const actor = parseActor(input.actor);
  const folio = newFolio();
  const notice = noticeText('booked', {
    folio,
    startsAt: slot.startsAt,
    timeZone: slot.timeZone,
    unitName: slot.unitName,
  });
  // The SMS is queued by the same statement, so a confirmed booking is always announced.
  const result = await sql<{ id: string }>`
    with claimed as (
      update slots set status = 'booked'
      where id = ${slot.id} and status = 'free'
      returning id, unit_clues, service_code, starts_at, ends_at
    ), appointment as (
      insert into appointments
        (folio, beneficiary_id, slot_id, service_code, unit_clues, starts_at, ends_at, channel, created_by, updated_by)
      select ${folio}, ${beneficiary.id}, id, service_code, unit_clues, starts_at, ends_at,
             ${input.channel}, ${input.actor}, ${input.actor}
      from claimed
      returning id
    ), event as (
      insert into appointment_events (appointment_id, action, actor, channel, to_slot_id)
      select id, 'booked', ${input.actor}, ${input.channel}, ${slot.id} from appointment
    ), idempotency as (
      insert into idempotency_keys (actor, key, request_hash, appointment_id)
      select ${input.actor}, ${key?.key ?? ''}, ${key?.requestHash ?? ''}, id from appointment
      where ${key !== undefined}
    ), notice as (
      insert into notifications (channel, recipient, beneficiary_id, kind, body)
      select 'sms', ${phone ?? ''}, ${beneficiary.id}, 'booked', ${notice} from appointment
      where ${phone !== null}
    ), audit as (
      insert into audit_log (actor_kind, actor_id, action, subject_beneficiary_id, unit_clues, channel, source_ip, result, detail)
      select ${actor.kind}, ${actor.id}, 'appointment.book', ${beneficiary.id}, ${slot.unitClues}, ${input.channel},
             ${input.sourceIp ?? null}, 'ok', jsonb_build_object('appointment', id, 'slot', ${slot.id}::bigint)
      from appointment
    )
    select id from appointment`.execute(db);
  return result.rows[0]?.id;
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
  await db
    .updateTable('appointments')
    .set({ is_open: false })
    .where('beneficiary_id', '=', beneficiaryId)
    .where('service_code', '=', serviceCode)
    .where('is_open', '=', true)
    .where('ends_at', '<=', now)
    .execute();
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
