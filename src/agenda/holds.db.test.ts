import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aClinic } from '../../test/support/factories.js';
import { anOpenOffer } from '../../test/support/waitlist-offer.js';
import { openOfferById } from '../waitlist/claim.js';
import { addAbsence, addClosure } from './closures.js';

let database: TestDatabase;
const db = () => database.db;
const settings = {
  policy: { offerMinutes: 30, minLeadMinutes: 120, priorityAge: null },
  linkKey: 'k'.repeat(32),
  publicUrl: 'https://citas.example.mx',
};

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** A slot freed by a cancellation and held for the person waiting, through the backfill. */
async function aHeldOffer() {
  const clinic = await aClinic(db());
  const { slotId, offer } = await anOpenOffer(db(), clinic, settings);
  const slot = await db()
    .selectFrom('slots')
    .select(['starts_at', 'ends_at', 'local_date', 'status'])
    .where('id', '=', slotId)
    .executeTakeFirstOrThrow();
  expect(slot.status).toBe('held');
  return { clinic, slotId, offerId: offer.id, slot };
}

const statusesOf = async (slotId: number, offerId: number) => ({
  slot: (await db().selectFrom('slots').select('status').where('id', '=', slotId).executeTakeFirstOrThrow())
    .status,
  offer: (
    await db()
      .selectFrom('waitlist_offers')
      .select('status')
      .where('id', '=', offerId)
      .executeTakeFirstOrThrow()
  ).status,
});

describe('closing a held slot', () => {
  it('a closure voids the waitlist offer on it: nobody is sent to take a time that no longer exists', async () => {
    const { clinic, slotId, offerId, slot } = await aHeldOffer();
    const day = DateTime.fromISO(String(slot.local_date)).toISODate() as string;
    await db()
      .transaction()
      .execute((trx) => addClosure(trx, { unitClues: clinic.clues, day, reason: 'Fuga', actor: 't' }));
    expect(await statusesOf(slotId, offerId)).toEqual({ slot: 'blocked', offer: 'void' });
    await expect(openOfferById(db(), offerId, new Date())).rejects.toMatchObject({ code: 'OFFER_CLOSED' });
  });

  it('so does an absence of the consultorio over it', async () => {
    const { clinic, slotId, offerId, slot } = await aHeldOffer();
    await db()
      .transaction()
      .execute((trx) =>
        addAbsence(trx, {
          resourceId: clinic.resourceId,
          startsAt: slot.starts_at,
          endsAt: slot.ends_at,
          reason: 'Incapacidad',
          actor: 't',
        }),
      );
    expect(await statusesOf(slotId, offerId)).toEqual({ slot: 'blocked', offer: 'void' });
  });
});
