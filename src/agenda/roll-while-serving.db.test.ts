// `citas serve` listens first and rolls the slot horizon in the background: one statement per unit,
// one connection at a time, so requests that arrive meanwhile are served, not shed with 503.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aClinic, type TestClinic } from '../../test/support/factories.js';
import { rollHorizon } from './generate-slots.js';

let database: TestDatabase;
const clinics: TestClinic[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  for (let i = 0; i < 12; i++) clinics.push(await aClinic(database.db, { timeZone: 'America/Tijuana' }));
});
afterAll(() => database.drop());

describe('the horizon rolled in the background', () => {
  it('lets the requests that arrive meanwhile through, under the production in-flight limit', async () => {
    const app = await testApp(database.db, { env: { OVERLOAD_MAX_IN_FLIGHT: '16' } });
    try {
      await app.inject({ url: `/api/v1/units/${clinics[0]?.clues}` }); // a server that already listens
      const rolling = rollHorizon(database.db, { now: new Date() });
      const statuses = await Promise.all(
        clinics.map(
          async (clinic) => (await app.inject({ url: `/api/v1/units/${clinic.clues}` })).statusCode,
        ),
      );
      expect(statuses).toEqual(clinics.map(() => 200));
      const roll = await rolling;
      expect(roll.units).toBeGreaterThanOrEqual(12);
      expect(roll.created).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
