import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic } from '../../../test/support/factories.js';
import { PortalClient } from '../../../test/support/web-client.js';
import { findAvailability } from '../../agenda/availability.js';
import { rollUnitHorizon } from '../../agenda/roll-horizon.js';
import { WEB } from '../../platform/i18n/web-messages.js';

let database: TestDatabase;
let app: FastifyInstance;
let now = new Date();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db, { clock: () => now });
}, 60_000);
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('the same-day share: "citas para hoy"', () => {
  it('keeps a share of each day’s slots closed until that morning, then offers them in the portal as citas para hoy', async () => {
    const clinic = await aClinic(database.db);
    await database.db
      .updateTable('agenda_templates')
      .set({ share_same_day: 25 })
      .where('id', '=', clinic.templateId)
      .execute();
    const monday = DateTime.now()
      .setZone(clinic.timeZone)
      .plus({ weeks: 2 })
      .set({ weekday: 1, hour: 10, minute: 0, second: 0, millisecond: 0 });
    const day = monday.toISODate() as string;
    await rollUnitHorizon(database.db, clinic.clues, monday.minus({ days: 1 }).toJSDate());
    const sameMorning = monday.set({ hour: 7 }).toJSDate();
    const slotsOfDay = await database.db
      .selectFrom('slots')
      .select(['id', 'opens_at', 'pool', 'starts_at'])
      .where('resource_id', '=', clinic.resourceId)
      .where('local_date', '=', day)
      .execute();
    const sameDay = slotsOfDay.filter((s) => s.opens_at.getTime() === sameMorning.getTime());
    expect(sameDay).toHaveLength(Math.round(slotsOfDay.length / 4));

    const query = {
      unitClues: clinic.clues,
      serviceCode: clinic.serviceCode,
      from: day,
      days: 1,
      channel: 'web' as const,
    };
    const dayBefore = await findAvailability(database.db, query, monday.minus({ days: 1 }).toJSDate());
    expect(dayBefore.map((s) => s.slotId)).not.toContain(sameDay.find((s) => s.pool === 'web')?.id);

    now = monday.toJSDate();
    const person = await aBeneficiary(database.db, clinic);
    const portal = new PortalClient(app);
    await portal.signIn(database.db, person);
    const page = await portal.get(`/cita/fecha?persona=${person.id}&servicio=${clinic.serviceCode}`);
    const openToday = slotsOfDay.filter((s) => s.pool === 'web' && s.starts_at > now && s.opens_at <= now);
    expect(openToday.some((s) => s.opens_at.getTime() === sameMorning.getTime())).toBe(true);
    expect(page.body).toContain(WEB.dates.sameDay.title);
    expect(page.body).toContain(WEB.dates.sameDay.some(openToday.length));
  });
});
