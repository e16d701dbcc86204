import { createHash, randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { findAvailability } from '../agenda/availability.js';
import { POOL_OF_CHANNEL } from '../agenda/channel-pools.js';
import { localToday } from '../agenda/slot-plan.js';
import { parseActor } from '../audit/actor.js';
import { mayActOnPerson, mayEver, type StaffScope, staffRefusal } from '../identity/roles.js';
import type { Db } from '../platform/db/connect.js';
import { violatedCheckConstraint, violatedUniqueConstraint } from '../platform/db/errors.js';
import type { AppointmentChannel, AppointmentsTable } from '../platform/db/schema.js';
import type { Beneficiary } from '../registry/beneficiaries.js';
import {
  DEFAULT_RUSH,
  passOfFacts,
  type RushDefaults,
  rushOfFacts,
  usePass,
} from '../waiting-room/pass-rule.js';
import { type Appointment, appointmentOf, getAppointment } from './appointments.js';
import { auditingRefusals } from './audit-trail.js';
import { assertWithinChurnLimit, type ChurnLimit, DEFAULT_CHURN_LIMIT } from './churn.js';
import { queueAppointmentNotice } from './confirmations.js';
import { BookingError } from './errors.js';
import { newFolio } from './folio.js';
import { openAppointmentCapReached } from './open-appointment-cap.js';
import { firstBrokenBookingRule, SELF_SERVICE } from './rules.js';
import {
  type BookingFacts,
  bookingFactsColumns,
  bookingFactsSource,
  loadBookingFacts,
  type SlotForBooking,
  toBookingFacts,
} from './slot-facts.js';

export interface BookSlotInput {
  curp: string;
  slotId: number;
  channel: AppointmentChannel;
  /** Who acted: 'token:7', 'beneficiary:123', 'ivr:CA…'. */
  actor: string;
  /**
   * A retried request with the same key gets the first appointment back; the same key with another
   * person, slot or channel is refused (IDEMPOTENCY_KEY_REUSED).
   */
  idempotencyKey?: string;
  /** For the audit trail. */
  sourceIp?: string;
  /** The configured cancel-and-rebook limit; DEFAULT_CHURN_LIMIT when absent. */
  churnLimit?: ChurnLimit;
  /** The member of staff booking on the person's behalf, judged by roles.ts; absent for self-service. */
  staff?: StaffScope;
  /** How releases without their own settings behave (the waiting room's rush); DEFAULT_RUSH when absent. */
  rushDefaults?: RushDefaults;
  /** The portal's browser session: its booking must come through the review page (booking_reviews). */
  review?: { sessionHash: string };
}

export interface BookSlotResult {
  appointment: Appointment;
  /** True when this answered a retry of an earlier request. */
  replayed: boolean;
}

const FOLIO_ATTEMPTS = 3;

/**
 * Books `slotId` for the person in one round trip: a single SQL statement reads the facts (person,
 * slot, unit, service), claims the slot only if the booking rules hold, and inserts the
 * appointment, so the database decides every race: a slot taken meanwhile claims nothing, and a
 * second open appointment for the service breaks a unique index. When nothing was claimed, the pure
 * rules (rules.ts) judge the facts the statement returned and name the reason. The same statement
 * queues the confirmation SMS and writes the audit entry; a refusal is audited too.
 */
export async function bookSlot(db: Db, input: BookSlotInput, now: Date): Promise<BookSlotResult> {
  // The person as the booking statement found them: a refusal after it is audited without reading again.
  let person: { id: number | null } | undefined;
  const subject = async () => {
    if (!person)
      person = { id: (await loadBookingFacts(db, input.curp, input.slotId)).beneficiary?.id ?? null };
    return { beneficiaryId: person.id, detail: { slot: input.slotId } };
  };
  const found = (id: number | null) => {
    person = { id };
  };
  return auditingRefusals(db, 'appointment.book', input, subject, () => book(db, input, now, found));
}

async function book(
  db: Db,
  input: BookSlotInput,
  now: Date,
  found: (beneficiaryId: number | null) => void,
): Promise<BookSlotResult> {
  const staff = input.staff;
  // Refusals here are audited by auditingRefusals (bookSlot), hence `audited`.
  if (staff && !mayEver(staff.role, 'appointment.book'))
    throw staffRefusal(staff, 'appointment.book', {
      unitClues: null,
      subjectBeneficiaryId: null,
      audited: true,
    });
  const churn = input.churnLimit ?? DEFAULT_CHURN_LIMIT;
  // A retried portal confirm is answered before its review is judged again (the review may have
  // expired meanwhile); elsewhere the booking statement itself finds an earlier answer.
  if (input.review) {
    const earlier = await replayOf(db, input);
    if (earlier) return earlier;
    await assertReviewed(db, input, input.review.sessionHash, now);
  }
  let closedPast = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const { facts, appointment, passMissing, earlier } = await claimIfAllowed(db, input, churn, now);
      if (earlier) return await replayed(db, input, earlier);
      const { beneficiary, slot } = facts;
      found(beneficiary?.id ?? null);
      if (!beneficiary) throw new BookingError('BENEFICIARY_NOT_FOUND', 'no beneficiary with that CURP');
      if (!slot) throw new BookingError('SLOT_NOT_FOUND', 'no slot with that id', { slotId: input.slotId });
      if (appointment) return { appointment, replayed: false };
      if (
        staff &&
        !mayActOnPerson(staff, 'appointment.book', {
          person: beneficiary.unitClues,
          places: [slot.unitClues],
        })
      )
        throw staffRefusal(staff, 'appointment.book', {
          unitClues: slot.unitClues,
          subjectBeneficiaryId: beneficiary.id,
          audited: true,
        });
      const broken = firstBrokenBookingRule({
        beneficiary,
        service: slot,
        slot,
        channel: input.channel,
        today: localToday(now, slot.timeZone),
        now,
      });
      if (broken && broken !== 'SLOT_TAKEN') throw new BookingError(broken, `booking rule ${broken} refused`);
      if (passMissing) {
        throw new BookingError('PASS_REQUIRED', 'the release is in its rush and the person holds no pass', {
          unitClues: slot.unitClues,
          serviceCode: slot.serviceCode,
        });
      }
      if (!broken) {
        await assertWithinChurnLimit(
          db,
          { beneficiaryId: beneficiary.id, serviceCode: slot.serviceCode },
          churn,
          now,
        );
      }
      return await retriedOrTaken(db, input, slot, beneficiary.id, now);
    } catch (error) {
      if (violatedCheckConstraint(error) === 'appointments_open_cap')
        throw await openAppointmentCapReached(db);
      const constraint = violatedUniqueConstraint(error);
      if (constraint === 'appointments_one_open_per_service') {
        const { beneficiary, slot } = await loadBookingFacts(db, input.curp, input.slotId);
        if (!beneficiary || !slot) throw error;
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

type AppointmentsRow = Selectable<AppointmentsTable>;

/**
 * The booking statement. The claim's conditions are the rules of rules.ts written in SQL, so that a
 * booking that breaks one claims nothing; rules.ts stays the judge of which rule it was. It returns
 * the facts it read (with how the place is shown) and, when it booked, the appointment row.
 */
async function claimIfAllowed(
  db: Db,
  input: BookSlotInput,
  churn: ChurnLimit,
  now: Date,
): Promise<{
  facts: BookingFacts;
  appointment?: Appointment;
  passMissing: boolean;
  earlier?: EarlierAnswer;
}> {
  const key = input.idempotencyKey;
  const actor = parseActor(input.actor);
  const churnSince = new Date(now.getTime() - churn.windowDays * 86_400_000);
  // Unit staff book only their unit's people at their unit (roles.ts), decided in the same statement.
  const staffUnit = input.staff?.unitClues ?? null;
  const result = await sql<Record<string, unknown> & Partial<AppointmentsRow>>`
    with facts as (
      select ${bookingFactsColumns()} from ${bookingFactsSource(input.curp, input.slotId)}
    ), earlier as (
      select request_hash, appointment_id from idempotency_keys
      where ${key !== undefined} and actor = ${input.actor} and key = ${key ?? ''}
    ), rush as (${rushOfFacts(input.channel, input.rushDefaults ?? DEFAULT_RUSH, now)}
    ), pass as (${passOfFacts(now)}
    ), claimed as (
      update slots set status = 'booked'
      from facts f
      where slots.id = f.s_id
        and (slots.status = 'free' or (slots.status = 'held' and ${heldForThePerson(now)}))
        and f.b_eligible_until >= f.s_local_date
        and (not f.s_requires_adscription or f.b_unit_clues = f.s_unit_clues)
        and not (f.s_requires_referral and ${SELF_SERVICE.has(input.channel)})
        and (${staffUnit}::text is null or (f.b_unit_clues = ${staffUnit} and f.s_unit_clues = ${staffUnit}))
        and slots.starts_at > ${now} and slots.opens_at <= ${now}
        and (slots.status = 'held' or slots.pool = ${POOL_OF_CHANNEL[input.channel]}
             or (${input.channel === 'counter'}
                 and slots.local_date = (${now}::timestamptz at time zone f.s_time_zone)::date))
        and (select count(*) from appointments x
             where x.beneficiary_id = f.b_id and x.service_code = f.s_service_code
               and x.status = 'cancelled' and x.updated_at > ${churnSince}) < ${churn.maxCancellations}
        and (slots.status = 'held' or not exists (select 1 from rush) or exists (select 1 from pass))
        and not exists (select 1 from earlier)
      returning slots.id, slots.unit_clues, slots.service_code, slots.starts_at, slots.ends_at
    ), appointment as (
      insert into appointments
        (folio, beneficiary_id, slot_id, service_code, unit_clues, starts_at, ends_at, channel, created_by, updated_by)
      select ${newFolio()}, f.b_id, c.id, c.service_code, c.unit_clues, c.starts_at, c.ends_at,
             ${input.channel}, ${input.actor}, ${input.actor}
      from claimed c, facts f
      returning *
    ), event as (
      insert into appointment_events (appointment_id, action, actor, channel, to_slot_id)
      select id, 'booked', ${input.actor}, ${input.channel}, slot_id from appointment
    ), idempotency as (
      insert into idempotency_keys (actor, key, request_hash, appointment_id)
      select ${input.actor}, ${key ?? ''}, ${key ? requestHashOf(input) : ''}, id from appointment
      where ${key !== undefined}
    ), notice as (${queueAppointmentNotice('booked', sql`appointment`)}
    ), used_pass as (${usePass(now)}
    ), audit as (
      insert into audit_log (actor_kind, actor_id, action, subject_beneficiary_id, unit_clues, channel, source_ip, result, detail)
      select ${actor.kind}, ${actor.id}, 'appointment.book', a.beneficiary_id, a.unit_clues, ${input.channel},
             ${input.sourceIp ?? null}, 'ok', jsonb_build_object('appointment', a.id, 'slot', a.slot_id)
      from appointment a
    )
    select *, (exists (select 1 from rush) and not exists (select 1 from pass)) as w_pass_missing,
           (select request_hash from earlier) as e_request_hash,
           (select appointment_id from earlier) as e_appointment_id
    from facts left join appointment on true`.execute(db);
  const row = result.rows[0] ?? {};
  const facts = toBookingFacts(row);
  const booked = row.id ? (row as AppointmentsRow) : undefined;
  return {
    facts,
    passMissing: row.w_pass_missing === true,
    earlier:
      typeof row.e_appointment_id === 'string'
        ? { requestHash: String(row.e_request_hash), appointmentId: row.e_appointment_id }
        : undefined,
    appointment:
      booked &&
      facts.beneficiary &&
      facts.place &&
      appointmentOf(booked, { ...facts.place, timeZone: facts.slot?.timeZone ?? '' }, facts.beneficiary),
  };
}

/**
 * A slot held by the waitlist (waitlist/offers.ts) is bookable only by the person it is offered to,
 * from any channel and whatever its pool or release rush, until the offer expires.
 */
const heldForThePerson = (now: Date) => sql<boolean>`exists (select 1 from waitlist_offers o
  where o.slot_id = slots.id and o.beneficiary_id = f.b_id and o.status = 'open' and o.expires_at > ${now})`;

/** How long a review page's key stays good for its confirm form. */
const REVIEW_MINUTES = 30;

/**
 * A portal booking comes through the review page of that slot for that person in that session: the
 * review issued the key the confirm form carries. Anything else (a slot picked straight from a
 * list of alternatives, a key from another session) is refused before any claim.
 */
async function assertReviewed(db: Db, input: BookSlotInput, sessionHash: string, now: Date) {
  const reviewed = input.idempotencyKey
    ? await db
        .selectFrom('booking_reviews as v')
        .innerJoin('beneficiaries as b', 'b.id', 'v.beneficiary_id')
        .select('v.key')
        .where('v.key', '=', input.idempotencyKey)
        .where('v.session_hash', '=', sessionHash)
        .where('v.slot_id', '=', input.slotId)
        .where('b.curp', '=', input.curp)
        .where('v.created_at', '>', new Date(now.getTime() - REVIEW_MINUTES * 60_000))
        .executeTakeFirst()
    : undefined;
  if (!reviewed)
    throw new BookingError('REVIEW_REQUIRED', 'the booking did not come through its review page');
}

/** The review page of a slot for a person: the key its confirm form carries. */
export async function issueBookingReview(
  db: Db,
  input: { sessionHash: string; beneficiaryId: number; slotId: number },
  now: Date,
): Promise<string> {
  const key = randomUUID();
  await db
    .insertInto('booking_reviews')
    .values({
      key,
      session_hash: input.sessionHash,
      beneficiary_id: input.beneficiaryId,
      slot_id: input.slotId,
      created_at: now,
    })
    .execute();
  return key;
}

/**
 * The slot was not free. A retry with the same key gets its first answer; a person who already
 * holds this very slot (she went Back and confirmed again with a fresh page, or a client retried
 * without a key) gets her appointment, not "someone else took it"; anyone else gets SLOT_TAKEN.
 */
async function retriedOrTaken(
  db: Db,
  input: BookSlotInput,
  slot: SlotForBooking,
  beneficiaryId: number,
  now: Date,
): Promise<BookSlotResult> {
  const replay = await replayOf(db, input);
  if (replay) return replay;
  // Read after the statement, not in it: a double submit that committed meanwhile must be seen.
  const held = await db
    .selectFrom('appointments')
    .select('id')
    .where('slot_id', '=', slot.id)
    .where('beneficiary_id', '=', beneficiaryId)
    .where('status', '=', 'booked')
    .executeTakeFirst();
  if (held) return { appointment: await getAppointment(db, held.id), replayed: true };
  throw await slotTaken(db, slot, input.channel, now);
}

/** The answer an idempotency key was first given: the appointment it booked, and the request's hash. */
interface EarlierAnswer {
  requestHash: string;
  appointmentId: string;
}

/** What a booking asked for, as its idempotency key remembers it: the same key must ask the same. */
export const requestHashOf = (input: Pick<BookSlotInput, 'curp' | 'slotId' | 'channel'>) =>
  createHash('sha256')
    .update(JSON.stringify([input.curp, input.slotId, input.channel]))
    .digest('hex');

async function replayOf(db: Db, input: BookSlotInput): Promise<BookSlotResult | undefined> {
  if (!input.idempotencyKey) return undefined;
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'appointment_id'])
    .where('actor', '=', input.actor)
    .where('key', '=', input.idempotencyKey)
    .executeTakeFirst();
  return row && replayed(db, input, { requestHash: row.request_hash, appointmentId: row.appointment_id });
}

async function replayed(db: Db, input: BookSlotInput, earlier: EarlierAnswer): Promise<BookSlotResult> {
  if (earlier.requestHash !== requestHashOf(input)) {
    throw new BookingError('IDEMPOTENCY_KEY_REUSED', 'the idempotency key was used for a different request');
  }
  return { appointment: await getAppointment(db, earlier.appointmentId), replayed: true };
}

/** An appointment whose time has passed no longer counts against the one-per-service limit. */
export async function closePastAppointments(db: Db, beneficiaryId: number, serviceCode: string, now: Date) {
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
    {
      unitClues: slot.unitClues,
      serviceCode: slot.serviceCode,
      days: 30,
      channel,
      limit: 5,
      timeZone: slot.timeZone,
      // Read afresh (a remembered answer may still list the slot just lost) and never the slot itself.
      excludeSlotIds: [slot.id],
    },
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
