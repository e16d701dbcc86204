// A closure or an absence, as the unit's administrator records it: the agenda blocks the slots and
// flags the appointments (agenda/closures.ts); here each flagged appointment is proposed the nearest
// free time, held for it (replacement.ts), and the person is sent the SMS to keep it or choose
// another; the unit's rebooking worklist keeps everyone not yet moved, so nobody is dropped.
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
import { changeLink } from './change-link.js';
import { formatFolio } from './folio.js';
import {
  lastProposals,
  type ProposalLinks,
  type ProposalState,
  proposalLink,
  proposeReplacement,
  type ReplacementPolicy,
} from './replacement.js';

export interface AgendaActor {
  actor: string;
  channel: string;
  sourceIp?: string;
  rebooking: RebookingSettings;
}

/** Where the SMS's links point, how they are signed, and how long a proposed time is held. */
export interface RebookingSettings extends ProposalLinks {
  policy: ReplacementPolicy;
}

export interface Rebooking {
  /** Free slots that can no longer be booked. */
  blockedSlots: number;
  /** Booked appointments moved to the rebooking worklist. */
  flaggedAppointments: number;
  /** People sent the SMS (the others have no phone: the worklist says so). */
  notified: number;
  /** Appointments given a replacement time held for them. */
  proposed: number;
}

const rebookingOf = (d: DisruptionResult, told: Told): Rebooking => ({
  blockedSlots: d.blockedSlots,
  flaggedAppointments: d.flaggedAppointments,
  ...told,
});

/** Closes the unit for a local day, tells the people whose appointments it moved, audits the act. */
export async function closeUnitDay(
  db: Db,
  input: { unitClues: string; day: string; reason: string } & AgendaActor,
  now: Date,
): Promise<Rebooking> {
  return db.transaction().execute(async (trx) => {
    const disrupted = await addClosure(trx, input);
    const covered = { unitClues: input.unitClues, day: input.day };
    const result = rebookingOf(disrupted, await notifyFlagged(trx, covered, input, now, disrupted));
    await auditAgendaChange(trx, 'agenda.closure', input, input.unitClues, { day: input.day, ...result });
    return result;
  });
}

/** A resource (a doctor, a desk) is away: same effect, limited to its slots in the interval. */
export async function recordAbsence(
  db: Db,
  input: { resourceId: number; startsAt: Date; endsAt: Date; reason: string } & AgendaActor,
  now: Date,
): Promise<Rebooking> {
  return db.transaction().execute(async (trx) => {
    const disrupted = await addAbsence(trx, input);
    const covered = { resourceId: input.resourceId, startsAt: input.startsAt, endsAt: input.endsAt };
    const result = rebookingOf(disrupted, await notifyFlagged(trx, covered, input, now, disrupted));
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
    });
    return result;
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

const coveredSlots = (trx: Db, covered: Covered) => {
  const slots = trx.selectFrom('slots').select('id');
  if ('slotIds' in covered) return slots.where('id', 'in', covered.slotIds);
  if ('unitClues' in covered)
    return slots.where('unit_clues', '=', covered.unitClues).where('local_date', '=', covered.day);
  return slots
    .where('resource_id', '=', covered.resourceId)
    .where('starts_at', '<', covered.endsAt)
    .where('ends_at', '>', covered.startsAt);
};

/** What the people of a disruption were told. */
export interface Told {
  notified: number;
  proposed: number;
}

/**
 * For each booked, flagged, not yet told appointment on those slots, and each one whose proposed
 * time a disruption just withdrew: holds the nearest free time for it (replacement.ts) and sends the
 * person the SMS to keep it or choose another, once (the notified-at column is claimed first); each
 * is recorded in the audit. Earlier appointments choose first.
 */
export async function notifyFlagged(
  trx: Db,
  covered: Covered,
  who: AgendaActor,
  now: Date,
  disrupted: Pick<DisruptionResult, 'proposalsWithdrawn'>,
): Promise<Told> {
  const again = disrupted.proposalsWithdrawn;
  const newly = 'slotIds' in covered && covered.slotIds.length === 0 ? null : coveredSlots(trx, covered);
  if (!newly && again.length === 0) return { notified: 0, proposed: 0 };
  const claimed = await trx
    .updateTable('appointments')
    .set({ rebooking_notified_at: now })
    .where('status', '=', 'booked')
    .where('needs_rebooking', '=', true)
    .where((eb) =>
      eb.or([
        ...(newly ? [eb.and([eb('rebooking_notified_at', 'is', null), eb('slot_id', 'in', newly)])] : []),
        ...(again.length > 0 ? [eb('id', 'in', again)] : []),
      ]),
    )
    .returning(['id', 'folio', 'beneficiary_id', 'starts_at', 'unit_clues'])
    .execute();
  claimed.sort((x, y) => x.starts_at.getTime() - y.starts_at.getTime() || x.id.localeCompare(y.id));
  const told: Told = { notified: 0, proposed: 0 };
  // A disruption is one unit's (a template change, one consultorio's): read each unit once.
  const units = new Map<string, { name: string; time_zone: string }>();
  for (const a of claimed) {
    const unit =
      units.get(a.unit_clues) ??
      (await trx
        .selectFrom('units')
        .select(['name', 'time_zone'])
        .where('clues', '=', a.unit_clues)
        .executeTakeFirstOrThrow());
    units.set(a.unit_clues, unit);
    // Held even for a person without a phone: staff who reach them keep it from the worklist.
    const held = await proposeReplacement(trx, a.id, who.rebooking.policy, now);
    if (held) told.proposed++;
    const phone = await phoneForNotices(trx, await getBeneficiaryById(trx, a.beneficiary_id));
    if (phone) {
      const lost = {
        folio: formatFolio(a.folio),
        startsAt: a.starts_at,
        timeZone: unit.time_zone,
        unitName: unit.name,
      };
      await enqueueSms(trx, {
        recipient: phone,
        beneficiaryId: a.beneficiary_id,
        kind: 'notice',
        body: held
          ? SMS.rebookingProposal({
              ...lost,
              proposedAt: held.startsAt,
              expiresAt: held.expiresAt,
              link: proposalLink(who.rebooking, held),
            })
          : SMS.rebooking({ ...lost, link: changeLink(who.rebooking.publicUrl, a.id) }),
      });
      told.notified++;
    }
    await recordAudit(trx, {
      actor: parseActor(who.actor),
      action: 'appointment.rebooking_notice',
      subjectBeneficiaryId: a.beneficiary_id,
      unitClues: a.unit_clues,
      channel: who.channel,
      sourceIp: who.sourceIp,
      result: 'ok',
      detail: { appointment: a.id, sms: phone !== null, proposal: held?.proposalId ?? null },
    });
  }
  return told;
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
  /** The last time proposed and held for it, and what became of it; null when none was free. */
  proposal: ProposalState | null;
}

/**
 * The unit's appointments a closure or absence moved off the agenda and that nobody has rebooked
 * or cancelled yet, with the time held for each and whether it is still held, expired unanswered or
 * was turned down: the list reception and agents work until it is empty. Shows people's data: the
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
  const proposals = await lastProposals(
    db,
    rows.map((r) => r.id),
  );
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
    proposal: proposals.get(r.id) ?? null,
  }));
}
