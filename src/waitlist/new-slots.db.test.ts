// Slots that become bookable without being freed — a day rolled into the horizon, a closure lifted
// — reach the waitlist like a cancellation's slot does; slots the booking would refuse do not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../test/support/factories.js';
import { addClosure } from '../agenda/closures.js';
import { rollUnitHorizon } from '../agenda/roll-horizon.js';
import { bookSlot } from '../booking/book.js';
import { rescheduleAppointment } from '../booking/reschedule.js';
import { type BackfillSettings, backfillPass } from './backfill.js';
import { openOfferById, takeOpenOffer } from './claim.js';
import { joinWaitlist } from './entries.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});
const db = () => database.db;
const settings: BackfillSettings = {
  policy: { offerMinutes: 30, minLeadMinutes: 120, priorityAge: null },
  linkKey: 'test-link-key-of-at-least-thirty-two-chars',
  publicUrl: 'https://citas.example.mx',
};

const wait = (person: { id: number }, c: TestClinic, now: Date) =>
  joinWaitlist(
    db(),
    {
      beneficiaryId: person.id,
      unitClues: c.clues,
      serviceCode: c.serviceCode,
      weekdays: null,
      shift: null,
      channel: 'web',
      actor: `beneficiary:${person.id}`,
    },
    now,
  );

const vacancies = (c: TestClinic) =>
  db()
    .selectFrom('slot_vacancies as v')
    .innerJoin('slots as s', 's.id', 'v.slot_id')
    .select(['s.id', 's.pool', 's.opens_at', 's.starts_at'])
    .where('s.unit_clues', '=', c.clues)
    .execute();

const openOffers = (beneficiaryId: number) =>
  db()
    .selectFrom('waitlist_offers as o')
    .innerJoin('slots as s', 's.id', 'o.slot_id')
    .select(['o.id', 's.pool', 's.status', 's.starts_at'])
    .where('o.beneficiary_id', '=', beneficiaryId)
    .where('o.status', '=', 'open')
    .execute();

describe('new slots and the waitlist', () => {
  it('offers a slot the horizon roll brings in, open already, to the person waiting, who can book it', async () => {
    const now = new Date();
    const c = await aClinic(db());
    const person = await aBeneficiary(db(), c);
    await wait(person, c, now);
    expect(await vacancies(c)).toEqual([]); // nothing to offer yet

    expect(await rollUnitHorizon(db(), c.clues, now)).toBeGreaterThan(0);
    const noted = await vacancies(c);
    expect(noted.length).toBeGreaterThan(0);
    // Only slots the booking statement could give now: open, to come, not the counter's.
    for (const v of noted) {
      expect(v.pool).not.toBe('counter');
      expect(v.opens_at.getTime()).toBeLessThanOrEqual(Date.now());
      expect(v.starts_at.getTime()).toBeGreaterThan(now.getTime());
    }

    const round = await backfillPass(db(), settings, new Date());
    expect(round.offered).toBe(1);
    const [offer] = await openOffers(person.id);
    expect(offer).toMatchObject({ status: 'held' });
    expect(offer?.starts_at.getTime()).toBeGreaterThan(now.getTime() + 120 * 60_000);
    const taken = await takeOpenOffer(
      db(),
      await openOfferById(db(), Number(offer?.id), new Date()),
      undefined,
      new Date(),
    );
    expect(taken.beneficiary.id).toBe(person.id);
  });

  it('notes nothing at a unit where nobody waits, and leaves slots that open later to their release moment', async () => {
    const now = new Date();
    const quiet = await aClinic(db());
    await rollUnitHorizon(db(), quiet.clues, now);
    expect(await vacancies(quiet)).toEqual([]);

    const c = await aClinic(db());
    await wait(await aBeneficiary(db(), c), c, now);
    const later = new Date(now.getTime() + 3_600_000);
    const [slotId] = (await freeSlots(db(), c, 1, { opensAt: later })) as [number];
    expect(await vacancies(c)).toEqual([]);
    await backfillPass(db(), settings, new Date(later.getTime() + 60_000), { releasedSince: now });
    const offers = await db()
      .selectFrom('waitlist_offers')
      .select('slot_id')
      .where('unit_clues', '=', c.clues)
      .execute();
    expect(offers).toEqual([{ slot_id: slotId }]);
  });

  it('never offers the closed slot a rebooking moves an appointment away from, and offers it once the closure is lifted', async () => {
    const now = new Date();
    const c = await aClinic(db());
    const [closedSlot] = (await freeSlots(db(), c, 1)) as [number];
    const [elsewhere] = (await freeSlots(db(), c, 1, { from: new Date(now.getTime() + 3 * 86_400_000) })) as [
      number,
    ];
    const owner = await aBeneficiary(db(), c);
    const { appointment } = await bookSlot(
      db(),
      { curp: owner.curp, slotId: closedSlot, channel: 'web', actor: 'test' },
      now,
    );
    const day = (
      await db()
        .selectFrom('slots')
        .select('local_date')
        .where('id', '=', closedSlot)
        .executeTakeFirstOrThrow()
    ).local_date;
    await db()
      .transaction()
      .execute((trx) => addClosure(trx, { unitClues: c.clues, day, reason: 'Fumigación', actor: 'test' }));
    const waiting = await aBeneficiary(db(), c);
    await wait(waiting, c, now);
    // Joining noted the free slot elsewhere (offered by the next pass); the closed one is not there.
    expect((await vacancies(c)).map((v) => v.id)).toEqual([elsewhere]);
    await db().deleteFrom('slot_vacancies').where('slot_id', '=', elsewhere).execute();

    // The closure's rebooking moves the appointment; its old slot stays closed, so nothing is offered.
    await rescheduleAppointment(
      db(),
      {
        appointmentId: appointment.id,
        slotId: elsewhere,
        actor: 'test',
        channel: 'web',
        cutoffMinutes: 60,
      },
      now,
    );
    expect(
      (await db().selectFrom('slots').select('status').where('id', '=', closedSlot).executeTakeFirstOrThrow())
        .status,
    ).toBe('blocked');
    expect(await vacancies(c)).toEqual([]);
    expect((await backfillPass(db(), settings, new Date())).offered).toBe(0);

    // Reopening the day (blocked → free) frees the slot like a cancellation: it is offered.
    await db().deleteFrom('closures').where('unit_clues', '=', c.clues).execute();
    await db()
      .updateTable('slots')
      .set({ status: 'free', blocked_reason: null })
      .where('id', '=', closedSlot)
      .execute();
    expect((await backfillPass(db(), settings, new Date())).offered).toBe(1);
    expect((await openOffers(waiting.id)).map((o) => o.status)).toEqual(['held']);
  });
});
