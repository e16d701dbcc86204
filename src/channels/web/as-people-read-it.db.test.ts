// The portal's words as people read them: what is coming and what is past, whose appointment it is,
// which day "today" is, and on whose clock new times open.
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../../test/support/factories.js';
import { PortalClient } from '../../../test/support/web-client.js';
import { bookSlot } from '../../booking/book.js';
import { cancelAppointment } from '../../booking/cancel.js';

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

/** A mother with a phone and her daughter, and a signed-in browser for the mother. */
async function aMotherAndDaughter(phone: string, at = clinic) {
  const { db } = database;
  const mother = await aBeneficiary(db, at, { phone, given_names: 'Guadalupe' });
  const daughter = await aBeneficiary(db, at, {
    holder_id: mother.id,
    category: 'hijo',
    sex: 'M',
    given_names: 'Renata',
    phone: null,
  });
  const browser = new PortalClient(app);
  await browser.signIn(db, mother);
  return { mother, daughter, browser };
}

const section = (page: string, heading: string) => {
  const start = page.indexOf(`<h2>${heading}</h2>`);
  const end = page.indexOf('<h2>', start + 1);
  return start < 0 ? '' : page.slice(start, end < 0 ? undefined : end);
};

describe('the portal as people read it', () => {
  it('keeps a cancelled coming appointment out of the past ones, and never calls a coming one past', async () => {
    const { db } = database;
    const { mother, browser } = await aMotherAndDaughter('5531000001');
    const [kept, dropped] = await freeSlots(db, clinic, 2);
    const booked = await bookSlot(
      db,
      { curp: mother.curp, slotId: kept as number, channel: 'web', actor: 'test' },
      new Date(),
    );
    await cancelAppointment(
      db,
      { appointmentId: booked.appointment.id, actor: 'test', channel: 'web', cutoffMinutes: 0 },
      new Date(),
    );
    await bookSlot(
      db,
      { curp: mother.curp, slotId: dropped as number, channel: 'web', actor: 'test' },
      new Date(),
    );

    await browser.get('/citas');
    expect(section(browser.page, 'Citas canceladas')).toContain('Cancelada');
    expect(section(browser.page, 'Citas anteriores')).toContain('Todavía no hay citas anteriores');
    await browser.get('/mis-datos');
    expect(browser.page).toContain('<span class="tag">Agendada</span>');
    expect(browser.page).not.toContain('Pasada');
  });

  it('names the daughter on her appointment and calls her Hija, as the registry knows her', async () => {
    const { db } = database;
    const { daughter, browser } = await aMotherAndDaughter('5531000002');
    const [slot] = await freeSlots(db, clinic, 1);
    const { appointment } = await bookSlot(
      db,
      { curp: daughter.curp, slotId: slot as number, channel: 'web', actor: 'test' },
      new Date(),
    );
    await browser.get(`/citas/${appointment.id}/confirmacion`);
    expect(browser.page).toContain('La CURP o el número de afiliación de Renata Prueba.');
    expect(browser.page).not.toContain('Tu CURP');
    await browser.get('/citas');
    expect(browser.page).not.toContain('Tu CURP');
    await browser.get('/cita');
    expect(browser.page).toMatch(/Renata Prueba Pérez[\s\S]*?Hija</);
    expect(browser.page).not.toContain('Hija o hijo');
  });

  it('says "mañana" for tomorrow, and when there are no times, on whose clock new ones open', async () => {
    const { db } = database;
    const quiet = await aClinic(db);
    const { mother, browser } = await aMotherAndDaughter('5531000003', quiet);
    await browser.get(`/cita/fecha?persona=${mother.id}&servicio=${quiet.serviceCode}`);
    expect(browser.page).toContain('hora local de Clínica de prueba');
    expect(browser.page).toContain('¿Es una urgencia?');

    const tomorrow = DateTime.now()
      .setZone(quiet.timeZone)
      .plus({ days: 1 })
      .set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await freeSlots(db, quiet, 1, { from: tomorrow.toJSDate() });
    await browser.get(`/cita/fecha?persona=${mother.id}&servicio=${quiet.serviceCode}`);
    expect(browser.page).toContain(
      `mañana, ${tomorrow.setLocale('es').toFormat("cccc d 'de' LLLL")}, 9:00 a. m.`,
    );
  });

  it('keeps the button for a new code on the page while it must wait, and says for how long', async () => {
    const person = await aBeneficiary(database.db, clinic, { phone: '5531000004' });
    const browser = new PortalClient(app);
    await browser.get('/entrar');
    const [year, month, day] = person.birthDate.split('-') as [string, string, string];
    await browser.post('/entrar', {
      curp: person.curp,
      'nacimiento-day': day,
      'nacimiento-month': month,
      'nacimiento-year': year,
    });
    expect(browser.page).toMatch(/podrás pedir otro en \d+ segundos con este botón/);
    expect(browser.page).toContain('Enviar un código nuevo</button>');
    await browser.post('/entrar/codigo/nuevo', {});
    expect(browser.page).toMatch(/Espera \d+ segundos? antes de pedir otro código/);
  });
});
