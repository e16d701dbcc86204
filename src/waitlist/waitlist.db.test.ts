import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../test/support/factories.js';
import { bookSlot } from '../booking/book.js';
import { cancelAppointment } from '../booking/cancel.js';
import { isDomainError } from '../platform/domain-error.js';
import { type BackfillSettings, backfillPass } from './backfill.js';
import { declineOffer, takeOffer } from './claim.js';
import { joinWaitlist, leaveWaitlist, waitlistOf } from './entries.js';
import { openWeekdays } from './window.js';

let database: TestDatabase;
let clinic: TestClinic;
const settings: BackfillSettings = {
  policy: { offerMinutes: 30, minLeadMinutes: 120, priorityAge: 60 },
  linkKey: 'test-link-key-of-at-least-thirty-two-chars',
  publicUrl: 'https://citas.example.mx',
};
const now = new Date();
const minutesLater = (m: number) => new Date(now.getTime() + m * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const db = () => database.db;

/** A clinic of its own per test, so the waitlists of tests never meet. */
async function aWaitingClinic() {
  clinic = await aClinic(db());
  return clinic;
}

const wait = (
  person: { id: number },
  c: TestClinic,
  window: { weekdays?: number[]; shift?: 'M' | 'V' } = {},
) =>
  joinWaitlist(
    db(),
    {
      beneficiaryId: person.id,
      unitClues: c.clues,
      serviceCode: c.serviceCode,
      weekdays: window.weekdays ?? null,
      shift: window.shift ?? null,
      channel: 'web',
      actor: `beneficiary:${person.id}`,
    },
    now,
  );

/** Books a slot for someone and cancels it: the slot frees the way it does in real life. */
async function aCancelledSlot(c: TestClinic) {
  const [slotId] = (await freeSlots(db(), c, 1)) as [number];
  const owner = await aBeneficiary(db(), c);
  const { appointment } = await bookSlot(
    db(),
    { curp: owner.curp, slotId, channel: 'web', actor: `beneficiary:${owner.id}` },
    now,
  );
  await cancelAppointment(
    db(),
    { appointmentId: appointment.id, actor: `beneficiary:${owner.id}`, channel: 'web', cutoffMinutes: 60 },
    now,
  );
  return slotId;
}

const offersOf = (slotId: number) =>
  db().selectFrom('waitlist_offers').selectAll().where('slot_id', '=', slotId).orderBy('id').execute();

const slotStatus = async (slotId: number) =>
  (await db().selectFrom('slots').select('status').where('id', '=', slotId).executeTakeFirstOrThrow()).status;

/** The one-tap link of the last offer SMS sent to the person. */
async function offerToken(beneficiaryId: number) {
  const sms = await db()
    .selectFrom('notifications')
    .select('body')
    .where('beneficiary_id', '=', beneficiaryId)
    .where('kind', '=', 'notice')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const match = /\/o\/(\S+?)\s/.exec(sms.body ?? '');
  if (!match?.[1]) throw new Error(`no link in ${sms.body}`);
  return match[1];
}

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
};

describe('waitlist', () => {
  it('keeps one entry per person and service, and nobody holding an appointment of it', async () => {
    const c = await aWaitingClinic();
    const person = await aBeneficiary(db(), c);
    await wait(person, c);
    expect(await codeOf(wait(person, c))).toBe('ALREADY_WAITING');
    const [slotId] = (await freeSlots(db(), c, 1)) as [number];
    const booked = await aBeneficiary(db(), c);
    await bookSlot(db(), { curp: booked.curp, slotId, channel: 'web', actor: 'beneficiary:x' }, now);
    expect(await codeOf(wait(booked, c))).toBe('HAS_APPOINTMENT');
  });

  it('offers a cancelled slot to the first person waiting, holding it from everyone else', async () => {
    const c = await aWaitingClinic();
    const first = await aBeneficiary(db(), c);
    const second = await aBeneficiary(db(), c, { birth_date: '1990-01-01' });
    await wait(first, c);
    await wait(second, c);
    const slotId = await aCancelledSlot(c);
    await backfillPass(db(), settings, now);
    const [offer] = await offersOf(slotId);
    expect(offer).toMatchObject({ beneficiary_id: first.id, status: 'open' });
    expect(await slotStatus(slotId)).toBe('held');
    const stranger = await aBeneficiary(db(), c);
    expect(
      await codeOf(
        bookSlot(db(), { curp: stranger.curp, slotId, channel: 'web', actor: 'beneficiary:s' }, now),
      ),
    ).toBe('SLOT_TAKEN');
    const [entry] = await waitlistOf(db(), [first.id]);
    expect(entry?.openOffer?.slotId).toBe(slotId);
  });

  it('offers first to people of the priority age, then in order of arrival', async () => {
    const c = await aWaitingClinic();
    const younger = await aBeneficiary(db(), c, { birth_date: '1995-03-03' });
    const older = await aBeneficiary(db(), c, { birth_date: '1950-03-03' });
    await wait(younger, c);
    await wait(older, c);
    const slotId = await aCancelledSlot(c);
    await backfillPass(db(), settings, now);
    expect((await offersOf(slotId))[0]?.beneficiary_id).toBe(older.id);
  });

  it('passes over people whose days or shift the slot does not fit', async () => {
    const c = await aWaitingClinic();
    const afternoons = await aBeneficiary(db(), c);
    const anyTime = await aBeneficiary(db(), c);
    await wait(afternoons, c, { shift: 'V' });
    await wait(anyTime, c);
    const slotId = await aCancelledSlot(c);
    await backfillPass(db(), settings, now);
    expect((await offersOf(slotId))[0]?.beneficiary_id).toBe(anyTime.id);
  });

  it('gives the slot to the next person when an offer expires, and never offers it to the same one twice', async () => {
    const c = await aWaitingClinic();
    const first = await aBeneficiary(db(), c, { birth_date: '1990-01-01' });
    const second = await aBeneficiary(db(), c, { birth_date: '1990-01-01' });
    await wait(first, c);
    await wait(second, c);
    const slotId = await aCancelledSlot(c);
    await backfillPass(db(), settings, now);
    const token = await offerToken(first.id);
    await backfillPass(db(), settings, minutesLater(31));
    expect((await offersOf(slotId)).map((o) => [o.beneficiary_id, o.status])).toEqual([
      [first.id, 'expired'],
      [second.id, 'open'],
    ]);
    expect(await codeOf(takeOffer(db(), { linkKey: settings.linkKey, token }, minutesLater(32)))).toBe(
      'OFFER_EXPIRED',
    );
  });

  it('books the held slot when the person takes the offer, and ends their waiting', async () => {
    const c = await aWaitingClinic();
    const person = await aBeneficiary(db(), c);
    await wait(person, c);
    const slotId = await aCancelledSlot(c);
    await backfillPass(db(), settings, now);
    const token = await offerToken(person.id);
    const appointment = await takeOffer(db(), { linkKey: settings.linkKey, token }, minutesLater(5));
    expect(appointment.slotId).toBe(slotId);
    expect((await offersOf(slotId))[0]).toMatchObject({ status: 'taken', appointment_id: appointment.id });
    expect(await waitlistOf(db(), [person.id])).toEqual([]);
    expect(await codeOf(takeOffer(db(), { linkKey: settings.linkKey, token }, minutesLater(6)))).toBe(
      'OFFER_CLOSED',
    );
  });

  it('refuses a forged link, and one whose record was changed', async () => {
    expect(
      await codeOf(takeOffer(db(), { linkKey: settings.linkKey, token: 'offer.1.99999999999.x' }, now)),
    ).toBe('LINK_INVALID');
    const c = await aWaitingClinic();
    const person = await aBeneficiary(db(), c);
    await wait(person, c);
    await aCancelledSlot(c);
    await backfillPass(db(), settings, now);
    const token = await offerToken(person.id);
    const [, id] = token.split('.');
    const altered = token.replace(`.${id}.`, `.${Number(id) + 1}.`);
    expect(await codeOf(takeOffer(db(), { linkKey: settings.linkKey, token: altered }, now))).toBe(
      'LINK_INVALID',
    );
  });

  it('offers the slot to the next person at once when one declines or leaves the waitlist', async () => {
    const c = await aWaitingClinic();
    const [a, b, d] = [
      await aBeneficiary(db(), c, { birth_date: '1990-01-01' }),
      await aBeneficiary(db(), c, { birth_date: '1990-01-01' }),
      await aBeneficiary(db(), c, { birth_date: '1990-01-01' }),
    ];
    for (const p of [a, b, d]) await wait(p, c);
    const slotId = await aCancelledSlot(c);
    await backfillPass(db(), settings, now);
    await declineOffer(db(), { linkKey: settings.linkKey, token: await offerToken(a.id) }, now);
    await backfillPass(db(), settings, now);
    await leaveWaitlist(
      db(),
      { beneficiaryId: b.id, serviceCode: c.serviceCode, channel: 'web', actor: 'x' },
      now,
    );
    await backfillPass(db(), settings, now);
    expect((await offersOf(slotId)).map((o) => [o.beneficiary_id, o.status])).toEqual([
      [a.id, 'declined'],
      [b.id, 'void'],
      [d.id, 'open'],
    ]);
  });

  it('offers a slot opened by an allocation release (its opening moment set) like a freed one', async () => {
    const c = await aWaitingClinic();
    const person = await aBeneficiary(db(), c);
    await wait(person, c);
    const [slotId] = (await freeSlots(db(), c, 1, { opensAt: minutesLater(60 * 24 * 30) })) as [number];
    // What allocation/run.ts openLeftovers does to a held slot nobody was booked into.
    await db().updateTable('slots').set({ opens_at: now }).where('id', '=', slotId).execute();
    await backfillPass(db(), settings, now);
    expect((await offersOf(slotId))[0]?.beneficiary_id).toBe(person.id);
  });

  it('offers a slot that was free already when the person joined (added by staff)', async () => {
    const c = await aWaitingClinic();
    const [slotId] = (await freeSlots(db(), c, 1)) as [number];
    const person = await aBeneficiary(db(), c);
    await wait(person, c);
    await backfillPass(db(), settings, now);
    expect((await offersOf(slotId))[0]?.beneficiary_id).toBe(person.id);
  });

  it('offers a slot of a new release once its release moment passes', async () => {
    const c = await aWaitingClinic();
    const person = await aBeneficiary(db(), c);
    await wait(person, c);
    const [slotId] = (await freeSlots(db(), c, 1, { opensAt: minutesLater(10) })) as [number];
    await backfillPass(db(), settings, minutesLater(5), { releasedSince: now });
    expect(await offersOf(slotId)).toEqual([]);
    await backfillPass(db(), settings, minutesLater(15), { releasedSince: minutesLater(5) });
    expect((await offersOf(slotId))[0]?.beneficiary_id).toBe(person.id);
  });
});

describe('waitlist under concurrency', () => {
  it('books a held slot for exactly its person when 50 claims race (the person tapping, others booking)', async () => {
    const c = await aWaitingClinic();
    const person = await aBeneficiary(db(), c);
    await wait(person, c);
    const slotId = await aCancelledSlot(c);
    await backfillPass(db(), settings, now);
    const token = await offerToken(person.id);
    const others = await Promise.all(Array.from({ length: 25 }, () => aBeneficiary(db(), c)));
    const outcomes = await Promise.all([
      ...Array.from({ length: 25 }, () => codeOf(takeOffer(db(), { linkKey: settings.linkKey, token }, now))),
      ...others.map((p) =>
        codeOf(bookSlot(db(), { curp: p.curp, slotId, channel: 'web', actor: `beneficiary:${p.id}` }, now)),
      ),
    ]);
    const booked = await db()
      .selectFrom('appointments')
      .select('beneficiary_id')
      .where('slot_id', '=', slotId)
      .where('status', '=', 'booked')
      .execute();
    expect(booked).toEqual([{ beneficiary_id: person.id }]);
    expect(outcomes.slice(25).every((o) => o === 'SLOT_TAKEN')).toBe(true);
    expect(outcomes.slice(0, 25)).toContain('OK');
  });

  it('offers one freed slot to exactly one of 50 waiting people when 50 backfill passes race', async () => {
    const c = await aWaitingClinic();
    const people = await Promise.all(Array.from({ length: 50 }, () => aBeneficiary(db(), c)));
    for (const p of people) await wait(p, c);
    const slotId = await aCancelledSlot(c);
    const rounds = await Promise.all(Array.from({ length: 50 }, () => backfillPass(db(), settings, now)));
    expect(rounds.reduce((n, r) => n + r.offered, 0)).toBe(1);
    expect((await offersOf(slotId)).filter((o) => o.status === 'open')).toHaveLength(1);
    expect(await slotStatus(slotId)).toBe('held');
  });
});

describe('the weekdays a waitlist form offers', () => {
  it('are the days the unit agenda opens, Saturday only where a template opens on Saturdays', async () => {
    const c = await aWaitingClinic();
    expect(await openWeekdays(db(), c.clues, c.serviceCode)).toEqual([1, 2, 3, 4, 5]);
    await db()
      .updateTable('agenda_templates')
      .set({ weekdays: [1, 2, 3, 4, 5, 6] })
      .where('id', '=', c.templateId)
      .execute();
    expect(await openWeekdays(db(), c.clues)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await openWeekdays(db(), c.clues, 'odontologia')).toEqual([1, 2, 3, 4, 5]); // no template: the working week
  });
});
