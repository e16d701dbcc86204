import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../../test/support/factories.js';
import { PortalClient } from '../../../test/support/web-client.js';

let database: TestDatabase;
let app: FastifyInstance;
let clinic: TestClinic;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  clinic = await aClinic(database.db, { services: ['medicina_preventiva', 'medicina_interna'] });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

/** A holder with a phone, a spouse without one, and a son without eligibility. */
async function aFamily() {
  const holder = await aBeneficiary(database.db, clinic, { phone: '5512345678', given_names: 'María' });
  const spouse = await aBeneficiary(database.db, clinic, {
    phone: null,
    holder_id: holder.id,
    category: 'conyuge',
    given_names: 'Carlos',
  });
  const son = await aBeneficiary(database.db, clinic, {
    phone: null,
    holder_id: holder.id,
    category: 'hijo',
    given_names: 'Mateo',
    eligible_until: '2020-01-01',
  });
  return { holder, spouse, son };
}

const count = async (table: 'appointments' | 'notifications' | 'sign_in_codes') =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the beneficiary portal', () => {
  it('starts with what the service is and what you need, in Spanish', async () => {
    const browser = new PortalClient(app);
    const start = await browser.get('/');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('<html lang="es-MX">');
    expect(start.body).toContain('Agenda tu cita médica');
    expect(start.body).toContain('55 4000 1000');
    expect(start.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('keeps the input and lists the problems at the top when the sign-in form is wrong', async () => {
    const browser = new PortalClient(app);
    await browser.get('/entrar');
    const response = await browser.post('/entrar', {
      curp: 'HELG7804',
      'nacimiento-day': '31',
      'nacimiento-month': '02',
      'nacimiento-year': '1978',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('<title>Error: Escribe tus datos – Citas ISSSTE</title>');
    expect(response.body).toMatch(/<a href="#curp">Escribe tu CURP completa/);
    expect(response.body).toMatch(/<a href="#nacimiento">Escribe una fecha de nacimiento real/);
    expect(response.body).toContain('value="HELG7804"');
    expect(response.body).toContain('value="31"');
  });

  it('says a code went out if the data match, then signs in with it and asks for whom', async () => {
    const { holder } = await aFamily();
    const browser = new PortalClient(app);
    await browser.get('/entrar');
    const [year, month, day] = holder.birthDate.split('-') as [string, string, string];
    const codePage = await browser.post('/entrar', {
      curp: holder.curp,
      'nacimiento-day': day,
      'nacimiento-month': month,
      'nacimiento-year': year,
    });
    expect(codePage.body).toContain('Si tus datos coinciden con los del Instituto, te enviamos un código');
    expect(codePage.body).not.toContain('••••');
    const who = await browser.signIn(database.db, holder);
    expect(who.body).toContain('¿Para quién es la cita?');
    expect(who.body).toContain('María');
    expect(who.body).toContain('Carlos');
    expect(who.body).not.toContain('Mateo');
  });

  it('books for a family member, shows the folio, lists it in Mis citas, changes it and cancels it', async () => {
    const { holder, spouse } = await aFamily();
    const [first, second] = await freeSlots(database.db, clinic, 2);
    const browser = new PortalClient(app);
    await browser.signIn(database.db, holder);
    const service = await browser.get(`/cita/servicio?persona=${spouse.id}`);
    expect(service.body).toContain('Medicina familiar');
    expect(service.body).toContain('Calle de Prueba 1');
    expect(service.body).not.toContain('Medicina interna');
    const dates = await browser.get(`/cita/fecha?persona=${spouse.id}&servicio=medicina_familiar`);
    expect(dates.body).toContain('Primera cita disponible');
    const review = await browser.get(browser.link('Elegir esta cita'));
    expect(review.body).toContain('Revisa los datos de tu cita');
    expect(review.body).toContain('Carlos');
    const confirmation = await browser.post('/cita', {
      persona: /name="persona" value="(\d+)"/.exec(review.body)?.[1] ?? '',
      horario: /name="horario" value="(\d+)"/.exec(review.body)?.[1] ?? '',
      clave: /name="clave" value="([^"]+)"/.exec(review.body)?.[1] ?? '',
    });
    expect(confirmation.body).toContain('Tu cita está confirmada');
    const folio = /class="folio">([A-Z0-9]{4}-[A-Z0-9]{4})</.exec(confirmation.body)?.[1];
    expect(folio).toBeDefined();
    const booked = await database.db
      .selectFrom('appointments')
      .selectAll()
      .where('beneficiary_id', '=', spouse.id)
      .executeTakeFirstOrThrow();
    expect(booked).toMatchObject({ slot_id: first, channel: 'web', created_by: `beneficiary:${holder.id}` });

    const calendar = await browser.get(`/citas/${booked.id}/cita.ics`);
    expect(calendar.headers['content-type']).toContain('text/calendar');
    expect(calendar.body).toContain(folio);

    const mine = await browser.get('/citas');
    expect(mine.body).toContain(folio);
    await browser.get(browser.link('Cambiar'));
    const times = await browser.get(`/citas/${booked.id}/cambiar/revisar?horario=${second}`);
    expect(times.body).toContain('Revisa el cambio de tu cita');
    const changed = await browser.post(`/citas/${booked.id}/cambiar`, { horario: String(second) });
    expect(changed.body).toContain('Tu cita cambió');
    expect(changed.body).toContain(folio);

    await browser.get('/citas');
    const confirm = await browser.get(browser.link('Cancelar cita'));
    expect(confirm.body).toContain('¿Quieres cancelar esta cita?');
    const cancelled = await browser.post(`/citas/${booked.id}/cancelar`, {});
    expect(cancelled.body).toContain(`Cancelaste la cita con folio ${folio}`);
    const slots = await database.db
      .selectFrom('slots')
      .select(['id', 'status'])
      .where('id', 'in', [first as number, second as number])
      .orderBy('id')
      .execute();
    expect(slots.map((s) => s.status)).toEqual(['free', 'free']);
  });

  it('books once when the confirm button is pressed twice', async () => {
    const { holder } = await aFamily();
    await freeSlots(database.db, clinic, 1);
    const browser = new PortalClient(app);
    await browser.signIn(database.db, holder);
    await browser.get(`/cita/fecha?persona=${holder.id}&servicio=medicina_familiar`);
    const review = await browser.get(browser.link('Elegir esta cita'));
    const form = {
      persona: String(holder.id),
      horario: /name="horario" value="(\d+)"/.exec(review.body)?.[1] ?? '',
      clave: /name="clave" value="([^"]+)"/.exec(review.body)?.[1] ?? '',
    };
    const token = browser.csrfToken();
    const first = await browser.post('/cita', { ...form, _csrf: token }, { csrf: false });
    const second = await browser.post('/cita', { ...form, _csrf: token }, { csrf: false });
    expect(first.body).toContain('Tu cita está confirmada');
    expect(second.body).toContain('Tu cita está confirmada');
    const mine = await database.db
      .selectFrom('appointments')
      .select('id')
      .where('beneficiary_id', '=', holder.id)
      .execute();
    expect(mine).toHaveLength(1);
  });

  it('shows her appointment, not "someone else took it", when she goes Back and confirms again', async () => {
    const { holder } = await aFamily();
    await freeSlots(database.db, clinic, 1);
    const browser = new PortalClient(app);
    await browser.signIn(database.db, holder);
    await browser.get(`/cita/fecha?persona=${holder.id}&servicio=medicina_familiar`);
    const reviewUrl = browser.link('Elegir esta cita');
    const confirm = async () => {
      const review = await browser.get(reviewUrl);
      return browser.post('/cita', {
        persona: String(holder.id),
        horario: /name="horario" value="(\d+)"/.exec(review.body)?.[1] ?? '',
        clave: /name="clave" value="([^"]+)"/.exec(review.body)?.[1] ?? '',
      });
    };
    const first = await confirm();
    expect(first.body).toContain('Tu cita está confirmada');
    const folio = /[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(first.body)?.[0];
    const again = await confirm(); // Back: the review page again, then Confirmar
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Tu cita está confirmada');
    expect(again.body).toContain(folio);
    expect(again.body).not.toContain('Ese horario ya no está disponible');
    const mine = await database.db
      .selectFrom('appointments')
      .select('id')
      .where('beneficiary_id', '=', holder.id)
      .execute();
    expect(mine).toHaveLength(1);
  });

  it('offers the next free times when the slot was taken between choosing and confirming', async () => {
    const { holder } = await aFamily();
    const [chosen] = await freeSlots(database.db, clinic, 3);
    const browser = new PortalClient(app);
    await browser.signIn(database.db, holder);
    const review = await browser.get(`/cita/revisar?persona=${holder.id}&horario=${chosen}`);
    await database.db
      .updateTable('slots')
      .set({ status: 'booked' })
      .where('id', '=', chosen as number)
      .execute();
    const taken = await browser.post('/cita', {
      persona: String(holder.id),
      horario: String(chosen),
      clave: /name="clave" value="([^"]+)"/.exec(review.body)?.[1] ?? '',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('Ese horario ya no está disponible');
    expect(taken.body).toMatch(new RegExp(`/cita/revisar\\?persona=${holder.id}&amp;horario=\\d+`));
  });

  it('shows the appointment that already exists, with "Cambiar"', async () => {
    const { holder } = await aFamily();
    const [a, b] = await freeSlots(database.db, clinic, 2);
    const browser = new PortalClient(app);
    await browser.signIn(database.db, holder);
    for (const slot of [a, b]) {
      const review = await browser.get(`/cita/revisar?persona=${holder.id}&horario=${slot}`);
      const response = await browser.post('/cita', {
        persona: String(holder.id),
        horario: String(slot),
        clave: /name="clave" value="([^"]+)"/.exec(review.body)?.[1] ?? '',
      });
      if (slot === b) {
        expect(response.statusCode).toBe(409);
        expect(response.body).toContain('ya tiene una cita de Medicina familiar');
        expect(response.body).toMatch(/href="\/citas\/[0-9a-f-]+\/cambiar"/);
      }
    }
  });

  it('refuses a form without its CSRF token, and changes nothing', async () => {
    const { holder } = await aFamily();
    const [slot] = await freeSlots(database.db, clinic, 1);
    const browser = new PortalClient(app);
    await browser.signIn(database.db, holder);
    const before = await count('appointments');
    const refused = await browser.post(
      '/cita',
      { persona: String(holder.id), horario: String(slot) },
      { csrf: false },
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['citas-error-code']).toBe('CSRF_REJECTED');
    expect(refused.body).toContain('Tu sesión terminó');
    expect(await count('appointments')).toBe(before);
  });

  it('refuses a sign-in form without its token and sends no code', async () => {
    const { holder } = await aFamily();
    const browser = new PortalClient(app);
    await browser.get('/entrar');
    const [codes, sms] = [await count('sign_in_codes'), await count('notifications')];
    const [year, month, day] = holder.birthDate.split('-') as [string, string, string];
    const refused = await browser.post(
      '/entrar',
      { curp: holder.curp, 'nacimiento-day': day, 'nacimiento-month': month, 'nacimiento-year': year },
      { csrf: false },
    );
    expect(refused.statusCode).toBe(403);
    expect([await count('sign_in_codes'), await count('notifications')]).toEqual([codes, sms]);
  });

  it('sends signed-out visitors to sign in, and shows others’ appointments as not found', async () => {
    const browser = new PortalClient(app);
    const response = await app.inject({ url: '/citas' });
    expect(response.statusCode).toBe(303);
    // Signing in leads back to Mis citas (return-path.ts).
    expect(response.headers.location).toBe('/entrar?despues=%2Fcitas');
    const booking = await app.inject({ url: '/cita/servicio?persona=1' });
    expect(booking.headers.location).toBe('/entrar');
    const { holder } = await aFamily();
    await browser.signIn(database.db, holder);
    const stranger = await browser.get('/citas/00000000-0000-4000-8000-000000000000/cancelar');
    expect(stranger.statusCode).toBe(404);
  });

  it('answers browsers with a page and programs with problem+json for unknown paths', async () => {
    const page = await app.inject({ url: '/no-existe', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('No encontramos esta página');
    const api = await app.inject({ url: '/api/v1/no-existe', headers: { accept: 'text/html' } });
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('serves the stylesheet compressed and cacheable for a year', async () => {
    const start = await app.inject({ url: '/' });
    const href = /href="(\/assets\/citas-[0-9a-f]+\.css)"/.exec(start.body)?.[1] as string;
    const css = await app.inject({ url: href, headers: { 'accept-encoding': 'gzip, br' } });
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['cache-control']).toContain('immutable');
  });
});
