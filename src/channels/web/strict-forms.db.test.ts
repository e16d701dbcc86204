import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../../test/support/factories.js';
import { expectNothingChanged } from '../../../test/support/fingerprint.js';
import { lastCode, PortalClient } from '../../../test/support/web-client.js';

// Over-posting: a portal form with a field its page does not offer is refused whole, before any
// rate limit counts it or any code, booking or session changes.
let database: TestDatabase;
let app: FastifyInstance;
let clinic: TestClinic;

beforeAll(async () => {
  database = await createTestDatabase();
  // Every counted hit reaches the database at once, so "no counter hit" can be seen there.
  app = await testApp(database.db, { env: { RATE_LIMIT_FLUSH_MS: '0' } });
  clinic = await aClinic(database.db);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

/** Attempts leave no trace either: no counter hit, no code attempt, no audit entry. */
const WATCHED = ['rate_limit_windows', 'sign_in_codes', 'audit_log'];

async function aPerson() {
  return await aBeneficiary(database.db, clinic, { phone: '5512345678' });
}

const signInForm = (person: { curp: string; birthDate: string }) => {
  const [year, month, day] = person.birthDate.split('-') as [string, string, string];
  return { curp: person.curp, 'nacimiento-day': day, 'nacimiento-month': month, 'nacimiento-year': year };
};

/** A signed-in browser on the review page of a free slot, with the booking form it offers. */
async function onReviewPage() {
  const person = await aPerson();
  const [slot] = await freeSlots(database.db, clinic, 1);
  const browser = new PortalClient(app);
  await browser.signIn(database.db, person);
  const review = await browser.get(`/cita/revisar?persona=${person.id}&horario=${slot}`);
  const form = {
    persona: String(person.id),
    horario: String(slot),
    clave: /name="clave" value="([^"]+)"/.exec(review.body)?.[1] ?? '',
  };
  return { person, browser, form };
}

/** A signed-in browser with a booked appointment, on its cancel page. */
async function withAnAppointment() {
  const { browser, form } = await onReviewPage();
  const confirmed = await browser.post('/cita', form);
  const id = /\/citas\/([0-9a-f-]{36})\/cita\.ics/.exec(confirmed.body)?.[1] as string;
  await browser.get(`/citas/${id}/cancelar`);
  return { browser, id };
}

function expectRefused(response: LightMyRequestResponse) {
  expect(response.statusCode).toBe(400);
  expect(response.headers['citas-error-code']).toBe('FORM_FIELDS_UNEXPECTED');
  expect(response.headers['content-type']).toContain('text/html');
  expect(response.body).toContain('El formulario traía datos que no esperábamos');
  expect(response.body).toContain('No hicimos ningún cambio.');
}

/** Any well-formed sign-in data: the form is refused before anyone is looked up. */
const aPersonLike = { curp: 'HEGG560427MVZRRL04', birthDate: '1956-04-27' };

const refusedUnchanged = (attempt: () => Promise<LightMyRequestResponse>) =>
  expectNothingChanged(database.db, attempt, WATCHED).then(expectRefused);

describe('a portal form with a field its page does not offer', () => {
  it('is refused at sign-in start: no code, no counter', async () => {
    const browser = new PortalClient(app);
    await browser.get('/entrar');
    await refusedUnchanged(() => browser.post('/entrar', { ...signInForm(aPersonLike), beneficiario: '1' }));
  });

  it('is refused at the code and re-send forms: no attempt spent, no code sent', async () => {
    const person = await aPerson();
    const browser = new PortalClient(app);
    await browser.get('/entrar');
    await browser.post('/entrar', signInForm(person));
    const code = await lastCode(database.db);
    await refusedUnchanged(() => browser.post('/entrar/codigo', { codigo: code, status: 'signed_in' }));
    await browser.get('/entrar/codigo');
    await refusedUnchanged(() => browser.post('/entrar/codigo/nuevo', { channel: 'web' }));
    await browser.get('/entrar/codigo');
    expect((await browser.post('/entrar/codigo', { codigo: code })).body).toContain(
      '¿Para quién es la cita?',
    );
  });

  it.each([
    ['curp', 'HEGG560427MVZRRL04'],
    ['status', 'attended'],
    ['channel', 'agent'],
    ['beneficiario', '1'],
    ['createdBy', 'staff:1'],
  ])('is refused when booking with %s: nothing booked', async (name, value) => {
    const { browser, form } = await onReviewPage();
    await refusedUnchanged(() => browser.post('/cita', { ...form, [name]: value }));
    expect((await browser.post('/cita', form)).body).toContain('Tu cita está confirmada');
  });

  it('is refused when cancelling or changing an appointment: it stays as it was', async () => {
    const { browser, id } = await withAnAppointment();
    await refusedUnchanged(() => browser.post(`/citas/${id}/cancelar`, { status: 'cancelled' }));
    const [other] = await freeSlots(database.db, clinic, 1);
    await browser.get(`/citas/${id}/cambiar/revisar?horario=${other}`);
    await refusedUnchanged(() =>
      browser.post(`/citas/${id}/cambiar`, { horario: String(other), createdBy: 'staff:1' }),
    );
  });

  it('is refused when signing out: the session stays signed in', async () => {
    const { browser } = await onReviewPage();
    await refusedUnchanged(() => browser.post('/salir', { siguiente: '/' }));
    const mine = await app.inject({ url: '/citas', headers: { cookie: browser.cookieHeader() } });
    expect(mine.statusCode).toBe(200);
  });
});
