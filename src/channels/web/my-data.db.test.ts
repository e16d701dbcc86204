import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import {
  aBeneficiary,
  aClinic,
  aStaffToken,
  freeSlots,
  type TestClinic,
} from '../../../test/support/factories.js';
import { PortalClient } from '../../../test/support/web-client.js';
import { requestCallback } from '../../telephony/callbacks.js';

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

/** A holder and her spouse, each with an appointment booked by an agent through the API. */
async function aHouseholdWithAppointments() {
  const holder = await aBeneficiary(database.db, clinic, {
    phone: '5512345678',
    given_names: 'Guadalupe',
    email: 'lupita@example.mx',
  });
  const spouse = await aBeneficiary(database.db, clinic, {
    phone: '5598765432',
    holder_id: holder.id,
    category: 'conyuge',
    given_names: 'Ricardo',
  });
  const token = await aStaffToken(database.db, 'agent');
  const [mine, theirs] = await freeSlots(database.db, clinic, 2, { pool: 'phone' });
  const book = async (curp: string, slotId: number | undefined, key: string) =>
    (
      await app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        headers: { ...bearer(token), 'idempotency-key': key },
        payload: { curp, slotId, channel: 'agent' },
      })
    ).json() as { folio: string };
  const own = await book(holder.curp, mine, `booking-mine-${holder.id}`);
  const other = await book(spouse.curp, theirs, `booking-theirs-${spouse.id}`);
  await app.inject({ url: `/api/v1/beneficiaries/${holder.curp}`, headers: bearer(token) });
  return { holder, spouse, own, other };
}

describe('Mis datos', () => {
  it('shows the signed-in person everything Citas holds about them and who accessed it, and nobody else’s', async () => {
    const { holder, spouse, own, other } = await aHouseholdWithAppointments();
    const callback = { phone: '5512345678', callId: 'CAmydata1', reason: 'busy' as const };
    await requestCallback(database.db, { ...callback, beneficiaryId: holder.id }, new Date());
    await requestCallback(
      database.db,
      { ...callback, phone: '5598765432', beneficiaryId: spouse.id },
      new Date(),
    );
    const browser = new PortalClient(app);
    await browser.signIn(database.db, holder);
    const mine = await browser.get('/citas');
    expect(browser.link('Mis datos')).toBe('/mis-datos');
    expect(mine.statusCode).toBe(200);

    const page = await browser.get('/mis-datos');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Mis datos</h1>');
    expect(page.body).toContain(holder.curp);
    expect(page.body).toContain('Guadalupe');
    expect(page.body).toContain('lupita@example.mx');
    const dashed = (folio: string) => `${folio.slice(0, 4)}-${folio.slice(4)}`;
    expect(page.body).toContain(dashed(own.folio));
    expect(page.body).toContain('Cita confirmada');
    expect(page.body).toContain('El código no se muestra.');
    // Who: herself, and an agent by role and account number, never by name.
    expect(page.body).toContain('Tú');
    expect(page.body).toMatch(/Sistema del Instituto con permiso de asesor telefónico \(acceso \d+\)/);
    expect(page.body).toContain('Consulta de tu registro');
    expect(page.body).toContain('Pediste que un asesor te llamara al número terminado en ••••78: En espera.');
    expect(page.body).not.toContain('••••32');
    expect(page.body).toContain('Tus entradas a Citas');
    expect(page.body).toContain('Entrada al portal');
    expect(page.body).toContain('Consulta de Mis datos');
    expect(page.body).not.toContain('prueba agent');
    // Her spouse's data never appears, although she may book for him.
    for (const theirs of [spouse.curp, 'Ricardo', other.folio, dashed(other.folio), '5598765432'])
      expect(page.body).not.toContain(theirs);
    // No sign-in code in clear.
    expect(page.body).not.toMatch(/código de acceso es [0-9]{6}/);
  });

  it('downloads the same data as a JSON attachment, and records the download', async () => {
    const { holder, spouse, own } = await aHouseholdWithAppointments();
    const browser = new PortalClient(app);
    await browser.signIn(database.db, holder);
    const download = await browser.get('/mis-datos.json');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/json');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="mis-datos-citas\.json"$/);
    const data = JSON.parse(download.body);
    expect(data.person).toMatchObject({ curp: holder.curp, email: 'lupita@example.mx' });
    expect(data.appointments.map((a: { folio: string }) => a.folio)).toEqual([own.folio.replace('-', '')]);
    expect(data.accesses[0]).toMatchObject({
      action: 'my_data.download',
      actor: { kind: 'you', description: 'Tú' },
    });
    expect(
      data.accesses.some(
        (a: { actor: { kind: string; role: string } }) =>
          a.actor.kind === 'program' && a.actor.role === 'agent',
      ),
    ).toBe(true);
    expect(data.signIns.map((e: { action: string }) => e.action)).toContain('web.sign_in');
    expect(download.body).not.toContain(spouse.curp);
    expect(download.body).not.toContain('Ricardo');
    const recorded = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'channel'])
      .where('subject_beneficiary_id', '=', holder.id)
      .where('action', 'like', 'my_data.%')
      .execute();
    expect(recorded).toEqual([{ action: 'my_data.download', actor_id: String(holder.id), channel: 'web' }]);
  });

  it('asks a visitor who is not signed in to sign in first', async () => {
    const browser = new PortalClient(app);
    await browser.get('/mis-datos.json');
    expect(browser.page).toContain('Escribe tus datos');
  });
});

describe('privacy notices', () => {
  it('shows the simplified notice where personal data is asked for, linked to the full one', async () => {
    const browser = new PortalClient(app);
    const signIn = await browser.get('/entrar');
    expect(signIn.body).toContain('Aviso de privacidad simplificado');
    expect(signIn.body).toContain('El Instituto es responsable de tus datos personales');
    expect(browser.link('Lee el aviso de privacidad completo')).toBe('/aviso-de-privacidad');
  });

  it('links the full notice from the footer of every page, refusals included', async () => {
    const browser = new PortalClient(app);
    for (const url of ['/', '/entrar', '/no-existe', '/aviso-de-privacidad']) {
      await browser.get(url);
      expect(/<footer[\s\S]*href="\/aviso-de-privacidad"[\s\S]*<\/footer>/.test(browser.page)).toBe(true);
    }
  });

  it('publishes the full notice in plain Spanish: who, what, why, transfers, ARCO rights, changes', async () => {
    const response = await new PortalClient(app).get('/aviso-de-privacidad');
    expect(response.statusCode).toBe(200);
    for (const text of [
      '<h1>Aviso de privacidad</h1>',
      'El Instituto',
      '¿Qué datos usamos?',
      'dato personal sensible',
      '¿Para qué los usamos?',
      'cuando una ley lo exige',
      'Tus derechos ARCO',
      'Unidad de Transparencia',
      'Cambios a este aviso',
    ])
      expect(response.body).toContain(text);
  });
});
