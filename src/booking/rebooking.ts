// A closure or an absence, as the unit's administrator records it: the agenda blocks the slots and
// flags the appointments (agenda/closures.ts); here each flagged person is sent the SMS to choose a
// new time, and the unit's rebooking worklist keeps everyone not yet moved, so nobody is dropped.
import { DateTime } from 'luxon';
import { addAbsence, addClosure, type DisruptionResult } from '../agenda/closures.js';
import { parseActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import { enqueueSms } from '../notify/outbox.js';
import type { Db } from '../platform/db/connect.js';
import { DomainError } from '../platform/domain-error.js';
import { SMS } from '../platform/i18n/sms-messages.js';
import { getBeneficiaryById } from '../registry/beneficiaries.js';
import { phoneForNotices } from '../registry/notice-phone.js';
import { formatFolio } from './folio.js';

export interface AgendaActor {
  actor: string;
  channel: string;
  sourceIp?: string;
  /** The portal's public origin, for the SMS's link; the SMS names the portal without it. */
  portalUrl: string | null;
}

export interface Rebooking extends DisruptionResult {
  /** People sent the SMS to choose a new time (the others have no phone: the worklist says so). */
  notified: number;
}

/** Closes the unit for a local day, tells the people whose appointments it moved, audits the act. */
export async function closeUnitDay(
  db: Db,
  input: { unitClues: string; day: string; reason: string } & AgendaActor,
  now: Date,
): Promise<Rebooking> {
  return db.transaction().execute(async (trx) => {
    const result = await addClosure(trx, input);
    const notified = await notifyFlagged(trx, { unitClues: input.unitClues, day: input.day }, input, now);
    await auditAgendaChange(trx, 'agenda.closure', input, input.unitClues, {
      day: input.day,
      ...result,
      notified,
    });
    return { ...result, notified };
  });
}

/** A resource (a doctor, a desk) is away: same effect, limited to its slots in the interval. */
export async function recordAbsence(
  db: Db,
  input: { resourceId: number; startsAt: Date; endsAt: Date; reason: string } & AgendaActor,
  now: Date,
): Promise<Rebooking> {
  return db.transaction().execute(async (trx) => {
    const result = await addAbsence(trx, input);
    const covered = { resourceId: input.resourceId, startsAt: input.startsAt, endsAt: input.endsAt };
    const notified = await notifyFlagged(trx, covered, input, now);
    const unit = await trx
      .selectFrom('resources')
      .select('unit_clues')
      .where('id', '=', input.resourceId)
      .executeTakeFirstOrThrow();
    await auditAgendaChange(trx, 'agenda.absence', input, unit.unit_clues, {
      resource: input.resourceId,
      startsAt: input.startsAt.toISOString(),
      endsAt: input.endsAt.toISOString(),
      ...result,
      notified,
    });
    return { ...result, notified };
  });
}

/** A consultorio (its doctor) is away for a whole local day of its unit. */
export async function recordDayAbsence(
  db: Db,
  input: { resourceId: number; day: string; reason: string } & AgendaActor,
  now: Date,
): Promise<Rebooking> {
  const resource = await db
    .selectFrom('resources as r')
    .innerJoin('units as u', 'u.clues', 'r.unit_clues')
    .select('u.time_zone')
    .where('r.id', '=', input.resourceId)
    .executeTakeFirst();
  if (!resource) throw new DomainError('RESOURCE_NOT_FOUND', 'no such resource');
  const start = DateTime.fromISO(input.day, { zone: resource.time_zone }).startOf('day');
  return recordAbsence(
    db,
    { ...input, startsAt: start.toJSDate(), endsAt: start.plus({ days: 1 }).toJSDate() },
    now,
  );
}

/** The slots a disruption covered: a unit's day, one resource's interval, or slots by id. */
type Covered =
  | { unitClues: string; day: string }
  | { resourceId: number; startsAt: Date; endsAt: Date }
  | { slotIds: number[] };

/**
 * Sends each booked, flagged, not yet told appointment on those slots its SMS, once (the
 * notified-at column is claimed first), and records each in the person's history and the audit.
 */
export async function notifyFlagged(trx: Db, covered: Covered, who: AgendaActor, now: Date): Promise<number> {
  if ('slotIds' in covered && covered.slotIds.length === 0) return 0;
  const slots = trx.selectFrom('slots').select('id');
  const slotIds =
    'slotIds' in covered
      ? slots.where('id', 'in', covered.slotIds)
      : 'unitClues' in covered
        ? slots.where('unit_clues', '=', covered.unitClues).where('local_date', '=', covered.day)
        : slots
            .where('resource_id', '=', covered.resourceId)
            .where('starts_at', '<', covered.endsAt)
            .where('ends_at', '>', covered.startsAt);
  const claimed = await trx
    .updateTable('appointments')
    .set({ rebooking_notified_at: now })
    .where('status', '=', 'booked')
    .where('needs_rebooking', '=', true)
    .where('rebooking_notified_at', 'is', null)
    .where('slot_id', 'in', slotIds)
    .returning(['id', 'folio', 'beneficiary_id', 'starts_at', 'unit_clues'])
    .execute();
  let notified = 0;
  for (const a of claimed) {
    const unit = await trx
      .selectFrom('units')
      .select(['name', 'time_zone'])
      .where('clues', '=', a.unit_clues)
      .executeTakeFirstOrThrow();
    const phone = await phoneForNotices(trx, await getBeneficiaryById(trx, a.beneficiary_id));
    if (phone) {
      await enqueueSms(trx, {
        recipient: phone,
        beneficiaryId: a.beneficiary_id,
        kind: 'notice',
        body: SMS.rebooking({
          folio: formatFolio(a.folio),
          startsAt: a.starts_at,
          timeZone: unit.time_zone,
          unitName: unit.name,
          link: who.portalUrl ? `${who.portalUrl}/citas/${a.id}/cambiar` : null,
        }),
      });
      notified++;
    }
    await recordAudit(trx, {
      actor: parseActor(who.actor),
      action: 'appointment.rebooking_notice',
      subjectBeneficiaryId: a.beneficiary_id,
      unitClues: a.unit_clues,
      channel: who.channel,
      sourceIp: who.sourceIp,
      result: 'ok',
      detail: { appointment: a.id, sms: phone !== null },
    });
  }
  return notified;
}

export async function auditAgendaChange(
  trx: Db,
  action: string,
  who: AgendaActor,
  unitClues: string | null,
  detail: Record<string, unknown>,
) {
  await recordAudit(trx, {
    actor: parseActor(who.actor),
    action,
    unitClues,
    channel: who.channel,
    sourceIp: who.sourceIp,
    result: 'ok',
    detail,
  });
}

export interface RebookingItem {
  appointmentId: string;
  folio: string;
  startsAt: Date;
  timeZone: string;
  reason: string | null;
  serviceName: string;
  person: { id: number; givenNames: string; firstSurname: string };
  /** Whom to call: the person's phone or their holder's; null when there is none. */
  phone: string | null;
  notifiedAt: Date | null;
}

/**
 * The unit's appointments a closure or absence moved off the agenda and that nobody has rebooked
 * or cancelled yet: the list reception and agents work until it is empty. Shows people's data: the
 * caller audits the read.
 */
export async function rebookingWorklist(db: Db, unitClues: string): Promise<RebookingItem[]> {
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('beneficiaries as b', 'b.id', 'a.beneficiary_id')
    .leftJoin('beneficiaries as h', 'h.id', 'b.holder_id')
    .innerJoin('units as u', 'u.clues', 'a.unit_clues')
    .innerJoin('services as s', 's.code', 'a.service_code')
    .select([
      'a.id',
      'a.folio',
      'a.starts_at',
      'u.time_zone',
      'a.rebooking_reason',
      's.name as service_name',
      'b.id as beneficiary_id',
      'b.given_names',
      'b.first_surname',
      'b.phone',
      'h.phone as holder_phone',
      'a.rebooking_notified_at',
    ])
    .where('a.unit_clues', '=', unitClues)
    .where('a.needs_rebooking', '=', true)
    .where('a.status', '=', 'booked')
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    appointmentId: r.id,
    folio: r.folio,
    startsAt: r.starts_at,
    timeZone: r.time_zone,
    reason: r.rebooking_reason,
    serviceName: r.service_name,
    person: { id: r.beneficiary_id, givenNames: r.given_names, firstSurname: r.first_surname },
    phone: r.phone ?? r.holder_phone ?? null,
    notifiedAt: r.rebooking_notified_at,
  }));
}
