import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { aStaffAccount, signedInConsole } from '../../../test/support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../../test/support/factories.js';
import { bookSlot } from '../../booking/book.js';

let database: TestDatabase;
let app: FastifyInstance;
let clinic: TestClinic;
let agent: Awaited<ReturnType<typeof aStaffAccount>>;
const inTwoDays = (hour: number) =>
  DateTime.now()
    .setZone('America/Mexico_City')
    .plus({ days: 2 })
    .set({ hour, minute: 0, second: 0, millisecond: 0 });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  clinic = await aClinic(database.db, { services: ['odontologia'] });
  agent = await aStaffAccount(database.db, 'agent');
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

/** The slot ids a page offers as radio choices, in order. */
const offered = (page: string) =>
  [...page.matchAll(/name="horario" type="radio" value="(\d+)"/g)].map((m) => Number(m[1]));

describe('choosing a free time in the console', () => {
  it('offers the day and shift a caller asks for, when booking and when changing', async () => {
    const { db } = database;
    const person = await aBeneficiary(db, clinic);
    const mornings = await freeSlots(db, clinic, 8, { pool: 'phone' });
    const afternoon = await freeSlots(db, clinic, 2, { pool: 'phone', from: inTwoDays(16).toJSDate() });
    await db.updateTable('slots').set({ shift: 'V' }).where('id', 'in', afternoon).execute();
    const day = inTwoDays(0).toISODate() as string;
    const browser = await signedInConsole(app, agent);

    await browser.get(`/consola/personas/${person.id}?servicio=medicina_familiar`);
    expect(offered(browser.page)).toEqual(mornings);
    expect(browser.page).toContain('<option value="" selected>El primer día con horario</option>');

    await browser.get(`/consola/personas/${person.id}?servicio=medicina_familiar&dia=${day}&turno=V`);
    expect(offered(browser.page)).toEqual(afternoon);
    expect(browser.page).toContain(`<option value="${day}" selected>`);
    await browser.get(`/consola/personas/${person.id}?servicio=medicina_familiar&dia=&turno=V`);
    expect(offered(browser.page)).toEqual(afternoon);
    await browser.get(`/consola/personas/${person.id}?servicio=medicina_familiar&dia=2026-13-45&turno=X`);
    expect(offered(browser.page)).toEqual(mornings);
    await browser.get(`/consola/personas/${person.id}?servicio=medicina_familiar&dia=${day}&turno=M`);
    expect(browser.page).toContain('No hay horarios libres ese día y turno');

    const { appointment } = await bookSlot(
      db,
      { curp: person.curp, slotId: mornings[0] as number, channel: 'agent', actor: 'test' },
      new Date(),
    );
    await browser.get(`/consola/citas/${appointment.id}/cambiar?dia=${day}&turno=V`);
    expect(offered(browser.page)).toEqual(afternoon);
  });

  it('does not choose by default a service the person already has an appointment of', async () => {
    const { db } = database;
    const person = await aBeneficiary(db, clinic);
    const [slot] = await freeSlots(db, clinic, 1, { pool: 'phone' });
    await bookSlot(
      db,
      { curp: person.curp, slotId: slot as number, channel: 'agent', actor: 'test' },
      new Date(),
    );
    const browser = await signedInConsole(app, agent);
    await browser.get(`/consola/personas/${person.id}`);
    expect(browser.page).toContain('<strong>Odontología:</strong>');
    expect(browser.page).toMatch(/Medicina familiar<\/a> <span class="muted">\(ya tiene cita\)<\/span>/);
  });

  it('writes every date in words on the search results', async () => {
    const { db } = database;
    await aBeneficiary(db, clinic, { given_names: 'Eulalia', eligible_until: '2030-12-31' });
    await aBeneficiary(db, clinic, { given_names: 'Eulalia Rosa', eligible_until: '2030-12-31' });
    const browser = await signedInConsole(app, agent);
    await browser.post('/consola/buscar', { q: 'eulalia' });
    expect(browser.page).toContain('Vigente hasta el martes 31 de diciembre de 2030');
    expect(browser.page).not.toContain('2030-12-31');
  });
});
