import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeAppointmentNotice } from '../src/booking/confirmations.js';
import { CHECK_IN } from '../src/platform/i18n/check-in-messages.js';
import { bearer, testApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { aBeneficiary, aClinic, aStaffToken, freeSlots, type TestClinic } from './support/factories.js';
import { PortalClient } from './support/web-client.js';

let database: TestDatabase;
let app: FastifyInstance;
let clinic: TestClinic;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  clinic = await aClinic(database.db);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('check-in readiness, the same on every channel', () => {
  it('tells an adult and the holder of a minor what to present: API, OpenAPI, SMS and portal pages', async () => {
    const holder = await aBeneficiary(database.db, clinic, { phone: '5512345678' });
    const child = await aBeneficiary(database.db, clinic, {
      phone: null,
      holder_id: holder.id,
      category: 'hijo',
      birth_date: '2016-06-15',
    });
    const agent = bearer(await aStaffToken(database.db, 'agent'));
    const [adultSlot, childSlot] = await freeSlots(database.db, clinic, 2, { pool: 'phone' });
    const book = async (curp: string, slotId: number | undefined) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/appointments',
          headers: agent,
          payload: { curp, slotId, channel: 'agent' },
        })
      ).json();
    const adult = await book(holder.curp, adultSlot);
    const minor = await book(child.curp, childSlot);

    expect(adult.checkIn).toEqual({
      accompaniedBy: 'none',
      documents: ['own_photo_id', 'own_curp_or_affiliation'],
      present: [
        CHECK_IN.present.own_photo_id,
        CHECK_IN.present.own_curp_or_affiliation,
        CHECK_IN.companion.none,
      ],
    });
    expect(adult.checkIn.present.join(' ')).toContain('personal e intransferible');
    expect(minor.checkIn).toMatchObject({
      accompaniedBy: 'holder',
      documents: ['companion_photo_id', 'minor_curp_or_affiliation'],
    });
    const read = await app.inject({ url: `/api/v1/appointments/${minor.id}`, headers: agent });
    expect(read.json().checkIn.accompaniedBy).toBe('holder');
    const openapi = (await app.inject({ url: '/api/v1/openapi.json' })).body;
    expect(openapi).toContain('"checkIn"');
    expect(openapi).toContain('minor_curp_or_affiliation');

    expect(await composeAppointmentNotice(database.db, adult.id, 'booked')).toContain(CHECK_IN.short.none);
    expect(await composeAppointmentNotice(database.db, minor.id, 'booked')).toContain(CHECK_IN.short.holder);

    const browser = new PortalClient(app);
    await browser.signIn(database.db, holder);
    const mine = await browser.get('/citas');
    expect(mine.body).toContain(CHECK_IN.title);
    expect(mine.body).toContain(CHECK_IN.present.own_photo_id);
    expect(mine.body).toContain(CHECK_IN.present.minor_curp_or_affiliation);
    const confirmation = await browser.get(`/citas/${minor.id}/confirmacion`);
    expect(confirmation.body).toContain(CHECK_IN.companion.holder);
    expect(confirmation.body).not.toContain(CHECK_IN.present.own_photo_id);
  });
});
