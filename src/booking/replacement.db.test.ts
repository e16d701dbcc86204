import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, phoneSlotsOf, type TestClinic } from '../../test/support/factories.js';
import { UNIT_ADMIN } from '../../test/support/unit-admin.js';
import { rollHorizon } from '../agenda/generate-slots.js';
import { bookSlot } from './book.js';
import { cancelAppointment } from './cancel.js';
import { closeUnitDay, rebookingWorklist } from './rebooking.js';
import {
  declineProposal,
  expireProposals,
  keepProposal,
  openProposal,
  openProposalById,
} from './replacement.js';
import { rescheduleAppointment } from './reschedule.js';

let database: TestDatabase;
const now = new Date();
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
const PERSON = { channel: 'web' as const, cutoffMinutes: 120 };
const AGENT = { actor: 'staff:7', channel: 'agent' as const, cutoffMinutes: 120 };

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await database.drop();
});

/** The `n`-th weekday from a week ahead, on the clinic's walls ('YYYY-MM-DD'). */
function weekdayAhead(clinic: TestClinic, n: number): string {
  let day = DateTime.now().setZone(clinic.timeZone).plus({ days: 7 }).startOf('day');
  for (let seen = -1; ; day = day.plus({ days: 1 })) {
    if (day.weekday <= 5 && ++seen === n) return day.toISODate() as string;
  }
}

/** A clinic with its agenda rolled and `count` people booked by phone on the morning of `day`. */
async function aMorning(count: number, day = 0) {
  const clinic = await aClinic(database.db);
  await rollHorizon(database.db, { now, unitClues: clinic.clues });
  const date = weekdayAhead(clinic, day);
  const booked = [];
  for (const [i, slotId] of (await phoneSlotsOf(database.db, clinic, date, count)).entries()) {
    const person = await aBeneficiary(database.db, clinic, {
      phone: `55130000${String(i).padStart(2, '0')}`,
    });
    const { appointment } = await bookSlot(
      database.db,
      { curp: person.curp, slotId, channel: 'agent', actor: 'test' },
      now,
    );
    booked.push({ ...appointment, person });
  }
  return { clinic, date, booked };
}

const close = (clinic: TestClinic, day: string, at = now) =>
  closeUnitDay(database.db, { unitClues: clinic.clues, day, reason: 'Reparación', ...UNIT_ADMIN }, at);

async function proposalOf(appointmentId: string) {
  return database.db
    .selectFrom('rebooking_proposals as p')
    .innerJoin('slots as s', 's.id', 'p.slot_id')
    .select(['p.id', 'p.status', 'p.slot_id', 'p.expires_at', 's.status as slot_status', 's.starts_at'])
    .where('p.appointment_id', '=', appointmentId)
    .orderBy('p.id', 'desc')
    .executeTakeFirstOrThrow();
}

/** One person booked by phone a week ahead, whose day the unit then closes: their proposal. */
async function aClosedAppointment() {
  const { clinic, date, booked } = await aMorning(1);
  const [a] = booked;
  if (!a) throw new Error('nothing booked');
  await close(clinic, date);
  const held = await proposalOf(a.id);
  return { clinic, a, held, proposal: { proposalId: Number(held.id) } };
}

const slotStatus = async (id: number) =>
  (await database.db.selectFrom('slots').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;

const appointmentRow = (id: string) =>
  database.db
    .selectFrom('appointments')
    .select(['slot_id', 'folio', 'status', 'needs_rebooking'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** The token of the proposal link in the last SMS sent to this person. */
async function linkTokenSentTo(beneficiaryId: number) {
  const sms = await database.db
    .selectFrom('notifications')
    .select('body')
    .where('beneficiary_id', '=', beneficiaryId)
    .where('kind', '=', 'notice')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const token = /https:\/\/citas\.example\.mx\/p\/(\S+?)[,.]?(?:\s|$)/.exec(sms.body ?? '')?.[1];
  if (!token) throw new Error(`no proposal link in: ${sms.body}`);
  return { token, body: sms.body ?? '' };
}

const refusalOf = async (promise: Promise<unknown>) => {
  const outcome = await Promise.allSettled([promise]);
  const first = outcome[0];
  return first?.status === 'rejected' ? (first.reason as { code?: string }).code : 'ok';
};

describe('a closure proposes and holds the nearest free time', () => {
  it('holds the nearest equivalent slot from everyone else and texts the person the time and a one-tap link', async () => {
    const { clinic, date, booked } = await aMorning(1);
    const [a] = booked;
    if (!a) throw new Error('nothing booked');
    const result = await close(clinic, date);
    expect(result).toMatchObject({ flaggedAppointments: 1, notified: 1, proposed: 1 });
    const proposal = await proposalOf(a.id);
    expect(proposal).toMatchObject({ status: 'open', slot_status: 'held' });
    // The nearest day, same shift, nearest hour: the next weekday's first free phone slot at 08:00.
    const startsAt = DateTime.fromJSDate(proposal.starts_at, { zone: clinic.timeZone });
    expect(startsAt.toISODate()).toBe(weekdayAhead(clinic, 1));
    expect(proposal.expires_at).toEqual(hours(24));
    const { body } = await linkTokenSentTo(a.person.id);
    expect(body).toContain('Te apartamos el');
    expect(body).toContain('Responde SI para conservarlo');
    // Nobody else can book the held slot.
    const other = await aBeneficiary(database.db, clinic);
    expect(
      await refusalOf(
        bookSlot(
          database.db,
          { curp: other.curp, slotId: proposal.slot_id, channel: 'agent', actor: 't' },
          now,
        ),
      ),
    ).toBe('SLOT_TAKEN');
    const worklist = await rebookingWorklist(database.db, clinic.clues);
    expect(worklist[0]?.proposal).toMatchObject({ id: Number(proposal.id), status: 'open' });
  });

  it('keeps it with one tap: same appointment and folio, the closed slot stays closed, a second tap changes nothing', async () => {
    const { clinic, a } = await aClosedAppointment();
    const { token } = await linkTokenSentTo(a.person.id);
    const proposal = await openProposal(database.db, UNIT_ADMIN.rebooking.linkKey, token, hours(1));
    const moved = await keepProposal(database.db, { proposalId: proposal.id }, PERSON, hours(1));
    expect(moved).toMatchObject({ id: a.id, folio: a.folio, status: 'booked' });
    expect(await appointmentRow(a.id)).toMatchObject({ slot_id: proposal.slotId, needs_rebooking: false });
    expect(await slotStatus(proposal.slotId)).toBe('booked');
    expect(await slotStatus(a.slotId)).toBe('blocked');
    expect((await proposalOf(a.id)).status).toBe('kept');
    expect(await rebookingWorklist(database.db, clinic.clues)).toEqual([]);
    expect(await refusalOf(openProposal(database.db, UNIT_ADMIN.rebooking.linkKey, token, hours(2)))).toBe(
      'PROPOSAL_CLOSED',
    );
    expect(await refusalOf(keepProposal(database.db, { proposalId: proposal.id }, PERSON, hours(2)))).toBe(
      'PROPOSAL_CLOSED',
    );
  });

  it('refuses a forged link or another purpose’s', async () => {
    const { a } = await aClosedAppointment();
    const { token } = await linkTokenSentTo(a.person.id);
    const forged = `${token.slice(0, -2)}xx`;
    expect(await refusalOf(openProposal(database.db, UNIT_ADMIN.rebooking.linkKey, forged, now))).toBe(
      'LINK_INVALID',
    );
    const asOffer = token.replace(/^proposal\./, 'offer.');
    expect(await refusalOf(openProposal(database.db, UNIT_ADMIN.rebooking.linkKey, asOffer, now))).toBe(
      'LINK_INVALID',
    );
  });

  it('gives the slot back when the hold lapses; the appointment stays on the worklist', async () => {
    const { clinic, a, held } = await aClosedAppointment();
    expect(await expireProposals(database.db, hours(23))).toBe(0);
    expect(await expireProposals(database.db, hours(24))).toBeGreaterThanOrEqual(1);
    expect(await proposalOf(a.id)).toMatchObject({ status: 'expired', slot_status: 'free' });
    const vacancy = await database.db
      .selectFrom('slot_vacancies')
      .select('slot_id')
      .where('slot_id', '=', held.slot_id)
      .executeTakeFirst();
    expect(vacancy).toBeDefined();
    expect(await refusalOf(openProposalById(database.db, Number(held.id), hours(25)))).toBe(
      'PROPOSAL_EXPIRED',
    );
    const worklist = await rebookingWorklist(database.db, clinic.clues);
    expect(worklist.find((i) => i.appointmentId === a.id)?.proposal).toMatchObject({ status: 'expired' });
  });

  it('a refusal frees the slot at once and leaves the person to choose', async () => {
    const { a, proposal } = await aClosedAppointment();
    await declineProposal(database.db, proposal, { channel: 'web' }, now);
    expect(await proposalOf(a.id)).toMatchObject({ status: 'declined', slot_status: 'free' });
    expect(await appointmentRow(a.id)).toMatchObject({ status: 'booked', needs_rebooking: true });
    expect(await refusalOf(declineProposal(database.db, proposal, { channel: 'web' }, now))).toBe(
      'PROPOSAL_CLOSED',
    );
  });

  it('ends the proposal however else the appointment leaves: moved elsewhere or cancelled frees the held slot', async () => {
    const { clinic, date, booked } = await aMorning(2);
    const [moved, cancelled] = booked;
    if (!moved || !cancelled) throw new Error('nothing booked');
    await close(clinic, date);
    const [elsewhere] = (await phoneSlotsOf(database.db, clinic, weekdayAhead(clinic, 3))) as [number];
    const heldForMoved = await proposalOf(moved.id);
    await rescheduleAppointment(database.db, { ...AGENT, appointmentId: moved.id, slotId: elsewhere }, now);
    expect(await proposalOf(moved.id)).toMatchObject({ status: 'withdrawn', slot_status: 'free' });
    expect(await slotStatus(heldForMoved.slot_id)).toBe('free');

    const heldForCancelled = await proposalOf(cancelled.id);
    await cancelAppointment(database.db, { ...AGENT, appointmentId: cancelled.id }, now);
    expect(await proposalOf(cancelled.id)).toMatchObject({ status: 'withdrawn', slot_status: 'free' });
    expect(await slotStatus(heldForCancelled.slot_id)).toBe('free');
  });

  it('a closure of the day of a held time withdraws it and proposes the next one, with a new SMS', async () => {
    const { clinic, a, held: first } = await aClosedAppointment();
    const firstDay = DateTime.fromJSDate(first.starts_at, { zone: clinic.timeZone }).toISODate() as string;
    const { token: firstToken } = await linkTokenSentTo(a.person.id);
    const second = await close(clinic, firstDay);
    expect(second).toMatchObject({ proposed: 1, notified: 1 });
    const withdrawn = await database.db
      .selectFrom('rebooking_proposals')
      .select('status')
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(withdrawn.status).toBe('withdrawn');
    expect(await slotStatus(first.slot_id)).toBe('blocked');
    const next = await proposalOf(a.id);
    expect(next).toMatchObject({ status: 'open', slot_status: 'held' });
    expect(DateTime.fromJSDate(next.starts_at, { zone: clinic.timeZone }).toISODate()).not.toBe(firstDay);
    const { token: nextToken } = await linkTokenSentTo(a.person.id);
    expect(nextToken).not.toBe(firstToken);
    expect(await refusalOf(openProposal(database.db, UNIT_ADMIN.rebooking.linkKey, firstToken, now))).toBe(
      'PROPOSAL_CLOSED',
    );
  });
});

describe('proposals under concurrency', () => {
  it('two closures at once hold each free slot for one appointment at most', async () => {
    const clinic = await aClinic(database.db);
    await rollHorizon(database.db, { now, unitClues: clinic.clues });
    // Leave two free phone slots in the whole agenda, on one day between the two closed days.
    const [dayA, between, dayB] = [0, 1, 2].map((n) => weekdayAhead(clinic, n)) as [string, string, string];
    const keep = await phoneSlotsOf(database.db, clinic, between, 2);
    await database.db
      .updateTable('slots')
      .set({ status: 'blocked', blocked_reason: 'test' })
      .where('resource_id', '=', clinic.resourceId)
      .where('local_date', 'not in', [dayA, dayB])
      .where('id', 'not in', keep)
      .execute();
    const appointments = [];
    for (const day of [dayA, dayB]) {
      for (const slotId of await phoneSlotsOf(database.db, clinic, day, 2)) {
        const person = await aBeneficiary(database.db, clinic, { phone: '5513009999' });
        const { appointment } = await bookSlot(
          database.db,
          { curp: person.curp, slotId, channel: 'agent', actor: 'test' },
          now,
        );
        appointments.push(appointment.id);
      }
    }
    const results = await Promise.all([close(clinic, dayA), close(clinic, dayB)]);
    const proposals = await database.db
      .selectFrom('rebooking_proposals as p')
      .innerJoin('slots as s', 's.id', 'p.slot_id')
      .select(['p.slot_id', 's.status'])
      .where('p.appointment_id', 'in', appointments)
      .where('p.status', '=', 'open')
      .execute();
    expect(results.reduce((n, r) => n + r.proposed, 0)).toBe(proposals.length);
    // Both free slots held (the two closures were not allowed to miss them), each once.
    expect(proposals.length).toBe(2);
    expect(new Set(proposals.map((p) => p.slot_id)).size).toBe(2);
    expect(proposals.every((p) => p.status === 'held')).toBe(true);
  });

  it('ten taps at once keep the proposal once; the rest are refused and change nothing', async () => {
    const { a, held, proposal } = await aClosedAppointment();
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => refusalOf(keepProposal(database.db, proposal, PERSON, now))),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'PROPOSAL_CLOSED')).toBe(true);
    expect(await appointmentRow(a.id)).toMatchObject({ slot_id: held.slot_id, needs_rebooking: false });
    const events = await database.db
      .selectFrom('appointment_events')
      .select('action')
      .where('appointment_id', '=', a.id)
      .where('action', '=', 'rescheduled')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('a keep racing the hold’s lapse either keeps the time or finds it lapsed, never both', async () => {
    for (let round = 0; round < 4; round++) {
      const { a, held, proposal } = await aClosedAppointment();
      const justBefore = new Date(held.expires_at.getTime() - 1);
      const [kept] = await Promise.all([
        refusalOf(keepProposal(database.db, proposal, PERSON, justBefore)),
        expireProposals(database.db, held.expires_at),
      ]);
      const after = await proposalOf(a.id);
      const row = await appointmentRow(a.id);
      if (kept === 'ok') {
        expect(after).toMatchObject({ status: 'kept', slot_status: 'booked' });
        expect(row.slot_id).toBe(held.slot_id);
      } else {
        expect(kept).toBe('PROPOSAL_EXPIRED');
        expect(after).toMatchObject({ status: 'expired', slot_status: 'free' });
        expect(row).toMatchObject({ slot_id: a.slotId, needs_rebooking: true });
      }
    }
  });
});
