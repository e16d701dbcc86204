// A closure's proposed replacement time. When a closure, an absence or a template change takes an
// appointment off the agenda, the nearest free equivalent slot is held for it (status 'held': no
// availability query or other booking sees it) and the person keeps it with one tap, by an SMS
// reply or through staff; turned down or lapsed, the slot goes back to everyone (and to the
// waitlist's backfill). The database keeps it exact: a hold is a conditional UPDATE of a row taken
// with SKIP LOCKED, unique indexes allow one open proposal per slot and per appointment, and a
// trigger (migration 0170) ends the proposal however the appointment leaves its closed slot.
import { sql } from 'kysely';
import { POOL_OF_CHANNEL } from '../agenda/channel-pools.js';
import { expireHolds, unholdSlots } from '../agenda/holds.js';
import { parseActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../platform/db/connect.js';
import type { RebookingProposalStatus } from '../platform/db/schema.js';
import { DomainError } from '../platform/domain-error.js';
import { checkLink, signLink } from '../platform/signed-links.js';
import type { Appointment } from './appointments.js';
import type { ChangeActor } from './cancel.js';
import { BookingError, isBookingRefusal } from './errors.js';
import { refuseClosed } from './proposal-closing.js';
import { rescheduleAppointment } from './reschedule.js';

/** How long a proposed time is held, and how close to its start it may still be proposed. */
export interface ReplacementPolicy {
  holdHours: number;
  /** A time starting sooner than this is not proposed, and a hold ends this long before its start. */
  minLeadMinutes: number;
}

/** Where the SMS's one-tap link points and the key that signs it. */
export interface ProposalLinks {
  publicUrl: string;
  linkKey: string;
}

/** A time held for an appointment. */
export interface HeldTime {
  proposalId: number;
  slotId: number;
  startsAt: Date;
  expiresAt: Date;
}

export const proposalLink = (links: ProposalLinks, held: Pick<HeldTime, 'proposalId' | 'expiresAt'>) =>
  `${links.publicUrl}/p/${signLink(links.linkKey, 'proposal', held.proposalId, held.expiresAt)}`;

/**
 * Holds the free slot nearest the appointment's lost time for it: same unit, service and channel
 * share, open for booking, within the person's rights, at least the lead time ahead; the nearest
 * day first, on that day the same shift first, then the nearest hour. Null when none is free.
 * Call it in the transaction that flagged the appointment.
 */
export async function proposeReplacement(
  trx: Db,
  appointmentId: string,
  policy: ReplacementPolicy,
  now: Date,
): Promise<HeldTime | null> {
  const appointment = await trx
    .selectFrom('appointments as a')
    .innerJoin('slots as s', 's.id', 'a.slot_id')
    .innerJoin('beneficiaries as b', 'b.id', 'a.beneficiary_id')
    .select([
      'a.id',
      'a.beneficiary_id',
      'a.unit_clues',
      'a.service_code',
      'a.channel',
      's.local_date',
      's.shift',
      's.starts_at',
      'b.eligible_until',
    ])
    .where('a.id', '=', appointmentId)
    .where('a.status', '=', 'booked')
    .where('a.needs_rebooking', '=', true)
    .executeTakeFirst();
  if (!appointment) return null;
  const earliest = new Date(now.getTime() + policy.minLeadMinutes * 60_000);
  const candidate = await sql<{ id: number; starts_at: Date }>`
    select s.id, s.starts_at from slots s
    where s.unit_clues = ${appointment.unit_clues} and s.service_code = ${appointment.service_code}
      and s.status = 'free' and s.pool = ${POOL_OF_CHANNEL[appointment.channel]}
      and s.opens_at <= ${now} and s.starts_at > ${earliest}
      and s.local_date <= ${appointment.eligible_until}::date
    order by abs(s.local_date - ${appointment.local_date}::date),
             (s.shift <> ${appointment.shift}),
             abs(extract(epoch from s.starts_at - ${appointment.starts_at}::timestamptz)),
             s.id
    limit 1
    for update of s skip locked`.execute(trx);
  const slot = candidate.rows[0];
  if (!slot) return null;
  const slotId = Number(slot.id);
  const startsAt = new Date(slot.starts_at);
  // The row is locked: nobody booked it since it was read free.
  await trx.updateTable('slots').set({ status: 'held' }).where('id', '=', slotId).execute();
  const expiresAt = new Date(
    Math.min(
      now.getTime() + policy.holdHours * 3_600_000,
      startsAt.getTime() - policy.minLeadMinutes * 60_000,
    ),
  );
  const proposal = await trx
    .insertInto('rebooking_proposals')
    .values({
      appointment_id: appointment.id,
      beneficiary_id: appointment.beneficiary_id,
      slot_id: slotId,
      proposed_at: now,
      expires_at: expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { proposalId: Number(proposal.id), slotId, startsAt, expiresAt };
}

/** Proposals past their hold give their slot back (a vacancy for the waitlist); returns how many. */
export const expireProposals = (db: Db, now: Date) => expireHolds(db, 'rebooking_proposals', now);

/** An open proposal as its one-tap page shows it. */
export interface Proposal {
  id: number;
  appointmentId: string;
  beneficiaryId: number;
  /** The person's given names, as the phone line says them. */
  person: string;
  slotId: number;
  folio: string;
  /** The appointment's time that the closure took away. */
  lostStartsAt: Date;
  startsAt: Date;
  expiresAt: Date;
  timeZone: string;
  unitName: string;
  serviceName: string;
}

/** The open proposal a one-tap link names; refuses a forged or expired link, or a closed proposal. */
export async function openProposal(db: Db, linkKey: string, token: string, now: Date): Promise<Proposal> {
  const link = checkLink(linkKey, 'proposal', token, now);
  if (!link.ok) {
    if (link.reason === 'expired') throw new BookingError('PROPOSAL_EXPIRED', 'the proposal link expired');
    throw new DomainError('LINK_INVALID', 'not a proposal link');
  }
  return openProposalById(db, Number(link.id), now);
}

/** The open proposal with this id (staff name it on the worklist; an SMS reply through the phone). */
export async function openProposalById(db: Db, proposalId: number, now: Date): Promise<Proposal> {
  const row = await db
    .selectFrom('rebooking_proposals as p')
    .innerJoin('appointments as a', 'a.id', 'p.appointment_id')
    .innerJoin('slots as s', 's.id', 'p.slot_id')
    .innerJoin('units as u', 'u.clues', 'a.unit_clues')
    .innerJoin('services as sv', 'sv.code', 'a.service_code')
    .innerJoin('beneficiaries as b', 'b.id', 'p.beneficiary_id')
    .select([
      'p.id',
      'b.given_names',
      'p.appointment_id',
      'p.beneficiary_id',
      'p.slot_id',
      'p.status',
      'p.expires_at',
      'a.folio',
      'a.starts_at as lost_starts_at',
      's.starts_at',
      'u.time_zone',
      'u.name as unit_name',
      'sv.name as service_name',
    ])
    .where('p.id', '=', proposalId)
    .executeTakeFirst();
  if (!row) throw new DomainError('LINK_INVALID', 'no such proposal');
  refuseClosed(row, now);
  return {
    id: Number(row.id),
    appointmentId: row.appointment_id,
    beneficiaryId: Number(row.beneficiary_id),
    person: row.given_names,
    slotId: Number(row.slot_id),
    folio: row.folio,
    lostStartsAt: row.lost_starts_at,
    startsAt: row.starts_at,
    expiresAt: row.expires_at,
    timeZone: row.time_zone,
    unitName: row.unit_name,
    serviceName: row.service_name,
  };
}

/** How a channel names a proposal: the SMS's signed link, or its id (staff: with its appointment). */
export type ProposalKey = { linkKey: string; token: string } | { proposalId: number; appointmentId?: string };

async function proposalOf(db: Db, key: ProposalKey, now: Date): Promise<Proposal> {
  if ('token' in key) return openProposal(db, key.linkKey, key.token, now);
  const proposal = await openProposalById(db, key.proposalId, now);
  if (key.appointmentId !== undefined && proposal.appointmentId !== key.appointmentId)
    throw new DomainError('NOT_FOUND', 'that proposal is for another appointment');
  return proposal;
}

/**
 * Keeps the proposed time: the appointment moves into the held slot (same id and folio, the closed
 * slot stays closed). The reschedule closes the proposal first, so a second tap, a lapse or a
 * closure of the held slot meanwhile is refused and changes nothing.
 */
export async function keepProposal(
  db: Db,
  key: ProposalKey,
  who: Omit<ChangeActor, 'actor'> & { actor?: string },
  now: Date,
): Promise<Appointment> {
  const proposal = await proposalOf(db, key, now);
  try {
    return await rescheduleAppointment(
      db,
      {
        ...who,
        actor: who.actor ?? `beneficiary:${proposal.beneficiaryId}`,
        appointmentId: proposal.appointmentId,
        slotId: proposal.slotId,
        proposalId: proposal.id,
      },
      now,
    );
  } catch (error) {
    // A slot taken or closed, an appointment moved: say what became of the proposal, if it ended.
    if (isBookingRefusal(error) && !error.code.startsWith('PROPOSAL_'))
      await openProposalById(db, proposal.id, now);
    throw error;
  }
}

/**
 * Turns the proposed time down: its slot goes back to everyone; the appointment stays on the unit's
 * rebooking worklist, and the person chooses another time (or staff call them).
 */
export async function declineProposal(
  db: Db,
  key: ProposalKey,
  who: { channel: string; sourceIp?: string; actor?: string },
  now: Date,
): Promise<Proposal> {
  const proposal = await proposalOf(db, key, now);
  await db.transaction().execute(async (trx) => {
    const declined = await trx
      .updateTable('rebooking_proposals')
      .set({ status: 'declined', closed_at: now })
      .where('id', '=', proposal.id)
      .where('status', '=', 'open')
      .returning('slot_id')
      .executeTakeFirst();
    if (!declined) throw new BookingError('PROPOSAL_CLOSED', 'the proposal closed meanwhile');
    await unholdSlots(trx, [declined.slot_id]);
    await recordAudit(trx, {
      actor: parseActor(who.actor ?? `beneficiary:${proposal.beneficiaryId}`),
      action: 'appointment.proposal_decline',
      subjectBeneficiaryId: proposal.beneficiaryId,
      channel: who.channel,
      sourceIp: who.sourceIp,
      result: 'ok',
      detail: { appointment: proposal.appointmentId, proposal: proposal.id, slot: proposal.slotId },
    });
  });
  return proposal;
}

/**
 * The open proposal of these people (a caller's household) that lapses first, if any: the phone
 * line reads it before anything else.
 */
export async function openProposalOf(db: Db, beneficiaryIds: number[], now: Date): Promise<Proposal | null> {
  if (beneficiaryIds.length === 0) return null;
  const first = await db
    .selectFrom('rebooking_proposals')
    .select('id')
    .where('beneficiary_id', 'in', beneficiaryIds)
    .where('status', '=', 'open')
    .where('expires_at', '>', now)
    .orderBy('expires_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return first ? openProposalById(db, Number(first.id), now) : null;
}

/** A proposal as the rebooking worklist shows it. */
export interface ProposalState {
  id: number;
  status: RebookingProposalStatus;
  startsAt: Date;
  expiresAt: Date;
}

/** The times held now for these appointments (Mis citas shows them with a way to keep them). */
export async function heldTimes(
  db: Db,
  appointmentIds: string[],
  now: Date,
): Promise<Map<string, ProposalState>> {
  const last = await lastProposals(db, appointmentIds);
  return new Map([...last].filter(([, p]) => p.status === 'open' && p.expiresAt > now));
}

/** The latest proposal of each of these appointments. */
export async function lastProposals(db: Db, appointmentIds: string[]): Promise<Map<string, ProposalState>> {
  if (appointmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('rebooking_proposals as p')
    .innerJoin('slots as s', 's.id', 'p.slot_id')
    .select(['p.id', 'p.appointment_id', 'p.status', 'p.expires_at', 's.starts_at'])
    .distinctOn('p.appointment_id')
    .where('p.appointment_id', 'in', appointmentIds)
    .orderBy('p.appointment_id')
    .orderBy('p.id', 'desc')
    .execute();
  return new Map(
    rows.map((r) => [
      r.appointment_id,
      { id: Number(r.id), status: r.status, startsAt: r.starts_at, expiresAt: r.expires_at },
    ]),
  );
}
