import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { aStaffAccount, signedInConsole } from '../../../test/support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots } from '../../../test/support/factories.js';
import { openAllocationWindows } from '../../allocation/releases.js';

let database: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('console: allocation requests', () => {
  it('lets an agent file a caller’s request from the phone share, once, and withdraw it', async () => {
    const { db } = database;
    const clinic = await aClinic(db);
    await db
      .insertInto('release_settings')
      .values({ unit_clues: clinic.clues, service_code: clinic.serviceCode, mode: 'allocate' })
      .execute();
    await freeSlots(db, clinic, 2, { pool: 'phone', opensAt: new Date(Date.now() + 20 * 60_000) });
    await openAllocationWindows(db, new Date());
    const person = await aBeneficiary(db, clinic);
    const agent = await aStaffAccount(db, 'agent');
    const browser = await signedInConsole(app, agent);

    await browser.get(`/consola/personas/${person.id}`);
    await browser.get(browser.link('Solicitudes de asignación'));
    const release = browser.page.match(/name="apertura" value="(\d+)"/)?.[1] as string;
    await browser.post(`/consola/personas/${person.id}/solicitudes`, { apertura: release, turno: 'M' });
    expect(browser.page).toContain('Solicitud registrada');
    await browser.post(`/consola/personas/${person.id}/solicitudes`, {
      apertura: release,
      turno: 'cualquiera',
    });
    expect(browser.page).toContain('se conserva la primera');
    const rows = await db
      .selectFrom('allocation_requests')
      .selectAll()
      .where('beneficiary_id', '=', person.id)
      .execute();
    expect(rows).toMatchObject([{ channel: 'agent', shift: 'M', filed_by: `staff:${agent.id}` }]);

    const withdraw = browser.page.match(
      /action="(\/consola\/personas\/\d+\/solicitudes\/\d+\/retirar)"/,
    )?.[1] as string;
    await browser.post(withdraw, {});
    expect(browser.page).toContain('Solicitud retirada');
    expect(
      await db.selectFrom('allocation_requests').where('beneficiary_id', '=', person.id).execute(),
    ).toEqual([]);
  });

  it('refuses reception, whose counter share is never allocated', async () => {
    const { db } = database;
    const clinic = await aClinic(db);
    const person = await aBeneficiary(db, clinic);
    const reception = await aStaffAccount(db, 'reception', clinic.clues);
    const browser = await signedInConsole(app, reception);
    const response = await browser.get(`/consola/personas/${person.id}/solicitudes`);
    expect(response.statusCode).toBe(403);
  });
});
