import { sql } from 'kysely';
import { unholdSlots } from '../agenda/holds.js';
import { parseActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../platform/db/connect.js';
import { violatedUniqueConstraint } from '../platform/db/errors.js';
import type { AppointmentChannel } from '../platform/db/schema.js';
import { WaitlistError } from './errors.js';

/** The days and shift a person can come; null: any. */
export interface WaitWindow {
  /** ISO weekdays, 1 = Monday. */
  weekdays: number[] | null;
  shift: 'M' | 'V' | null;
}

export interface WaitlistEntry extends WaitWindow {
  id: number;
  beneficiaryId: number;
  unitClues: string;
  unitName: string;
  timeZone: string;
  serviceCode: string;
  serviceName: string;
  joinedAt: Date;
  /** The slot held for the person right now, if an offer is out. */
  openOffer: { id: number; slotId: number; startsAt: Date; expiresAt: Date } | null;
}

export interface JoinInput extends WaitWindow {
  beneficiaryId: number;
  unitClues: string;
  serviceCode: string;
  channel: AppointmentChannel;
  /** Who acted: 'beneficiary:12', 'ivr:CA…', 'staff:3'. */
  actor: string;
  sourceIp?: string;
}

/** The ISO weekdays (1 = Monday) of the calendar days a person asked for; none: any day. */
export const weekdaysOf = (days: readonly string[]): number[] | null =>
  days.length === 0
    ? null
    : [...new Set(days.map((day) => new Date(`${day}T12:00:00Z`).getUTCDay() || 7))].sort();

/**
 * Keeps a person who asked for a slot and got none (an allocation draw's miss) waiting for the
 * unit's next freed slot of the service, in the days and shift they asked for: they asked already,
 * so they need not ask again. An entry they already have for the service stays as it is. Runs in
 * the caller's transaction; they leave the list in Mis citas, by phone or at the counter.
 */
export async function keepWaiting(trx: Db, input: Omit<JoinInput, 'sourceIp'>, now: Date): Promise<void> {
  const row = await trx
    .insertInto('waitlist_entries')
    .values(entryRow(input, now))
    .onConflict((conflict) => conflict.columns(['beneficiary_id', 'service_code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) await auditJoin(trx, input, row.id, { after: 'allocation miss' });
}

/** The entry's row; weekdays once each, in order, none meaning any day. */
const entryRow = (input: Omit<JoinInput, 'sourceIp'>, now: Date) => ({
  beneficiary_id: input.beneficiaryId,
  unit_clues: input.unitClues,
  service_code: input.serviceCode,
  weekdays: input.weekdays && input.weekdays.length > 0 ? [...new Set(input.weekdays)].sort() : null,
  shift: input.shift,
  channel: input.channel,
  created_by: input.actor,
  joined_at: now,
});

const auditJoin = (trx: Db, input: JoinInput, entryId: number, detail: Record<string, unknown> = {}) =>
  recordAudit(trx, {
    actor: parseActor(input.actor),
    action: 'waitlist.join',
    subjectBeneficiaryId: input.beneficiaryId,
    unitClues: input.unitClues,
    channel: input.channel,
    sourceIp: input.sourceIp,
    result: 'ok',
    detail: { entry: entryId, service: input.serviceCode, ...detail },
  });

/**
 * Puts the person on the unit's waitlist for the service. One entry per person and service (a
 * unique constraint decides a race); a person holding an appointment of the service has nothing to
 * wait for. The backfill pass (backfill.ts) offers them the next slot that frees within the window.
 */
export async function joinWaitlist(db: Db, input: JoinInput, now: Date): Promise<WaitlistEntry> {
  const values = entryRow(input, now);
  const { weekdays } = values;
  try {
    return await db.transaction().execute(async (trx) => {
      const offered = await trx
        .selectFrom('unit_services')
        .select('service_code')
        .where('unit_clues', '=', input.unitClues)
        .where('service_code', '=', input.serviceCode)
        .executeTakeFirst();
      if (!offered) throw new WaitlistError('SERVICE_NOT_OFFERED', 'the unit does not give that service');
      const holding = await trx
        .selectFrom('appointments')
        .select('id')
        .where('beneficiary_id', '=', input.beneficiaryId)
        .where('service_code', '=', input.serviceCode)
        .where('status', '=', 'booked')
        .where('starts_at', '>', now)
        .executeTakeFirst();
      if (holding)
        throw new WaitlistError('HAS_APPOINTMENT', 'the person holds an appointment of that service');
      const row = await trx
        .insertInto('waitlist_entries')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      // A slot that is free already (a staff member adding someone while some are left) is
      // offered by the next backfill pass, as if it had just freed.
      await sql`insert into slot_vacancies (slot_id)
        select s.id from slots s
        where s.unit_clues = ${input.unitClues} and s.service_code = ${input.serviceCode}
          and s.status = 'free' and s.pool <> 'counter' and s.opens_at <= ${now} and s.starts_at > ${now}
          and (${weekdays}::smallint[] is null or extract(isodow from s.local_date)::smallint = any (${weekdays}::smallint[]))
          and (${input.shift}::text is null or s.shift = ${input.shift})
        order by s.starts_at
        limit 1
        on conflict do nothing`.execute(trx);
      await auditJoin(trx, input, row.id);
      const [entry] = await entriesWhere(trx, sql`e.id = ${row.id}`);
      return entry as WaitlistEntry;
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'waitlist_entries_beneficiary_id_service_code_key')
      throw new WaitlistError('ALREADY_WAITING', 'the person already waits for that service');
    throw error;
  }
}

/**
 * Takes the person off the waitlist for the service; an offer they hold is withdrawn and its slot
 * freed (and so offered to the next person).
 */
export async function leaveWaitlist(
  db: Db,
  input: { beneficiaryId: number; serviceCode: string; channel: string; actor: string; sourceIp?: string },
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const left = await trx
      .deleteFrom('waitlist_entries')
      .where('beneficiary_id', '=', input.beneficiaryId)
      .where('service_code', '=', input.serviceCode)
      .returning(['id', 'unit_clues'])
      .executeTakeFirst();
    if (!left) throw new WaitlistError('NOT_WAITING', 'the person is not on that waitlist');
    const withdrawn = await trx
      .updateTable('waitlist_offers')
      .set({ status: 'void', closed_at: now })
      .where('beneficiary_id', '=', input.beneficiaryId)
      .where('service_code', '=', input.serviceCode)
      .where('status', '=', 'open')
      .returning('slot_id')
      .execute();
    await unholdSlots(
      trx,
      withdrawn.map((o) => o.slot_id),
    );
    await recordAudit(trx, {
      actor: parseActor(input.actor),
      action: 'waitlist.leave',
      subjectBeneficiaryId: input.beneficiaryId,
      unitClues: left.unit_clues,
      channel: input.channel,
      sourceIp: input.sourceIp,
      result: 'ok',
      detail: { entry: left.id, service: input.serviceCode },
    });
  });
}

/** The waitlist entries of these people (a family's, in Mis citas). */
export async function waitlistOf(db: Db, beneficiaryIds: number[]): Promise<WaitlistEntry[]> {
  if (beneficiaryIds.length === 0) return [];
  return entriesWhere(db, sql`e.beneficiary_id in (${sql.join(beneficiaryIds)})`);
}

async function entriesWhere(db: Db, condition: ReturnType<typeof sql>): Promise<WaitlistEntry[]> {
  const rows = await sql<{
    id: number;
    beneficiary_id: number;
    unit_clues: string;
    unit_name: string;
    time_zone: string;
    service_code: string;
    service_name: string;
    weekdays: number[] | null;
    shift: 'M' | 'V' | null;
    joined_at: Date;
    offer_id: number | null;
    offer_slot_id: number | null;
    offer_starts_at: Date | null;
    offer_expires_at: Date | null;
  }>`
    select e.id, e.beneficiary_id, e.unit_clues, u.name as unit_name, u.time_zone, e.service_code,
           s.name as service_name, e.weekdays, e.shift, e.joined_at,
           o.id as offer_id, o.slot_id as offer_slot_id, sl.starts_at as offer_starts_at,
           o.expires_at as offer_expires_at
    from waitlist_entries e
    join units u on u.clues = e.unit_clues
    join services s on s.code = e.service_code
    left join waitlist_offers o on o.beneficiary_id = e.beneficiary_id
      and o.service_code = e.service_code and o.status = 'open'
    left join slots sl on sl.id = o.slot_id
    where ${condition}
    order by e.joined_at, e.id`.execute(db);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    beneficiaryId: Number(r.beneficiary_id),
    unitClues: r.unit_clues,
    unitName: r.unit_name,
    timeZone: r.time_zone,
    serviceCode: r.service_code,
    serviceName: r.service_name,
    weekdays: r.weekdays ? r.weekdays.map(Number) : null,
    shift: r.shift,
    joinedAt: new Date(r.joined_at),
    openOffer:
      r.offer_id !== null && r.offer_slot_id !== null && r.offer_starts_at && r.offer_expires_at
        ? {
            id: Number(r.offer_id),
            slotId: Number(r.offer_slot_id),
            startsAt: new Date(r.offer_starts_at),
            expiresAt: new Date(r.offer_expires_at),
          }
        : null,
  }));
}
