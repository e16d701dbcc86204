// A closure's proposed time through the real channels: the console closes the day, the person keeps
// or turns down the held time on the one-tap page or by SMS reply, or staff keep it from the worklist.
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { aStaffAccount, signedInConsole } from '../../../test/support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, phoneSlotsOf } from '../../../test/support/factories.js';
import { lastCode, PortalClient } from '../../../test/support/web-client.js';
import { rollHorizon } from '../../agenda/generate-slots.js';
import { bookSlot } from '../../booking/book.js';
import { formatFolio } from '../../booking/folio.js';
import { DEVELOPMENT_KEYS } from '../../config.js';
import { WEB } from '../../platform/i18n/web-messages.js';
import { signLink } from '../../platform/signed-links.js';
import { twilioSignature } from '../phone/verify.js';

let database: TestDatabase;
let app: FastifyInstance;
const TWILIO_TOKEN = 't'.repeat(32);
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db, { env: { TWILIO_AUTH_TOKEN: TWILIO_TOKEN } });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

/**
 * A clinic whose unit administrator closes, in the console, the weekday a week ahead on which a
 * person (phone 55 1400 00nn) was booked by phone; what the SMS said, and the link's path.
 */
async function aClosedAppointment(n: number) {
  const clinic = await aClinic(db());
  await rollHorizon(db(), { now: new Date(), unitClues: clinic.clues });
  let day = DateTime.now().setZone(clinic.timeZone).plus({ days: 7 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  const [slotId] = (await phoneSlotsOf(db(), clinic, day.toISODate() as string)) as [number];
  const phone = `55140000${String(n).padStart(2, '0')}`;
  const person = await aBeneficiary(db(), clinic, { phone });
  const { appointment } = await bookSlot(
    db(),
    { curp: person.curp, slotId, channel: 'agent', actor: 'test' },
    new Date(),
  );
  const admin = await aStaffAccount(db(), 'unit_admin', clinic.clues);
  const console = await signedInConsole(app, admin);
  await console.post(`/consola/unidades/${clinic.clues}/cierres`, {
    dia: day.toISODate() as string,
    motivo: 'Fumigación',
  });
  expect(console.page).toContain('1 con un horario nuevo apartado');
  const sms = await db()
    .selectFrom('notifications')
    .select('body')
    .where('beneficiary_id', '=', person.id)
    .where('kind', '=', 'notice')
    .executeTakeFirstOrThrow();
  const link = /http:\/\/localhost:3000(\/p\/\S+?)[,.]?(?:\s|$)/.exec(sms.body ?? '')?.[1];
  if (!link) throw new Error(`no proposal link in: ${sms.body}`);
  const proposal = await db()
    .selectFrom('rebooking_proposals')
    .select(['id', 'slot_id', 'expires_at'])
    .where('appointment_id', '=', appointment.id)
    .executeTakeFirstOrThrow();
  return { clinic, person, phone, appointment, console, path: link, proposal, sms: sms.body ?? '' };
}

const appointmentNow = (id: string) =>
  db()
    .selectFrom('appointments')
    .select(['slot_id', 'folio', 'needs_rebooking'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const slotStatus = async (id: number) =>
  (await db().selectFrom('slots').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('the proposal page (no sign-in)', () => {
  it('shows the lost and the held time, keeps it with one tap, and refuses the same link afterwards', async () => {
    const { appointment, path, proposal, sms } = await aClosedAppointment(1);
    expect(sms).toContain('Te apartamos el');
    const browser = new PortalClient(app, '10.2.0.1');
    await browser.get(path);
    expect(browser.last?.statusCode).toBe(200);
    expect(browser.page).toContain('Te apartamos otro horario');
    expect(browser.page).toContain(formatFolio(appointment.folio));
    expect(browser.page).toContain('Conservar este horario');
    expect(browser.page).toContain(`href="/citas/${appointment.id}/cambiar"`);
    await browser.post(path, { accion: 'conservar' });
    expect(browser.page).toContain('Tu cita quedó en el nuevo horario');
    expect(browser.page).toContain(`Tu folio sigue siendo ${formatFolio(appointment.folio)}`);
    expect(await appointmentNow(appointment.id)).toMatchObject({
      slot_id: proposal.slot_id,
      folio: appointment.folio,
      needs_rebooking: false,
    });
    const again = await browser.get(path);
    expect(again.statusCode).toBe(409);
    expect(again.headers['citas-error-code']).toBe('PROPOSAL_CLOSED');
    expect(browser.page).toContain('Este enlace ya se usó');
  });

  it('turns the time down, freeing it, and answers an expired or forged link in plain Spanish', async () => {
    const { appointment, path, proposal } = await aClosedAppointment(2);
    const browser = new PortalClient(app, '10.2.0.2');
    await browser.get(path);
    const unknown = await browser.post(path, { accion: 'vender' });
    expect(unknown.statusCode).toBe(404);
    expect(await slotStatus(Number(proposal.slot_id))).toBe('held');
    await browser.get(path);
    await browser.post(path, { accion: 'rechazar' });
    expect(browser.page).toContain('Liberamos el horario');
    expect(await slotStatus(Number(proposal.slot_id))).toBe('free');
    expect(await appointmentNow(appointment.id)).toMatchObject({ needs_rebooking: true });

    const lapsed = `/p/${signLink(DEVELOPMENT_KEYS.LINK_SIGNING_KEY, 'proposal', proposal.id, new Date(Date.now() - 1000))}`;
    const expired = await browser.get(lapsed);
    expect(expired.statusCode).toBe(410);
    expect(expired.headers['citas-error-code']).toBe('PROPOSAL_EXPIRED');
    expect(browser.page).toContain('El horario apartado ya no está disponible');
    const forged = await browser.get('/p/proposal.1.9999999999.AAAAAAAAAAAAAAAAAAAAAA');
    expect(forged.statusCode).toBe(404);
    expect(forged.headers['citas-error-code']).toBe('LINK_INVALID');
  });
});

describe('Mis citas', () => {
  it('shows the signed-in person the held time and keeps it with one button; nobody else can', async () => {
    const { person, appointment, proposal } = await aClosedAppointment(6);
    const browser = new PortalClient(app, '10.2.0.6');
    await browser.signIn(db(), person);
    await browser.get('/citas');
    expect(browser.page).toContain('Te apartamos el');
    expect(browser.page).toContain('Conservar ese horario');
    const stranger = new PortalClient(app, '10.2.0.7');
    await stranger.signIn(db(), await aBeneficiary(db(), await aClinic(db())));
    await stranger.get('/citas');
    const refused = await stranger.post(`/citas/${appointment.id}/conservar-horario`, {
      propuesta: String(proposal.id),
    });
    expect(refused.statusCode).toBe(404);
    expect(await appointmentNow(appointment.id)).toMatchObject({ needs_rebooking: true });

    await browser.post(`/citas/${appointment.id}/conservar-horario`, { propuesta: String(proposal.id) });
    expect(browser.page).toContain('Tu cita quedó en el nuevo horario');
    expect(await appointmentNow(appointment.id)).toMatchObject({
      slot_id: proposal.slot_id,
      needs_rebooking: false,
    });
    await browser.get('/citas');
    expect(browser.page).not.toContain('Conservar ese horario');
  });
});

describe('the SMS’s “choose another” link, signed out', () => {
  it('asks for sign-in and then lands on that appointment’s change page, not the booking’s first', async () => {
    const { person, appointment } = await aClosedAppointment(8);
    const browser = new PortalClient(app, '10.2.0.8');
    await browser.get(`/citas/${appointment.id}/cambiar`);
    const after = `despues=${encodeURIComponent(`/citas/${appointment.id}/cambiar`)}`;
    expect(browser.page).toContain(`action="/entrar?${after}"`);
    const [year, month, day] = person.birthDate.split('-') as [string, string, string];
    await browser.post(`/entrar?${after}`, {
      curp: person.curp,
      'nacimiento-day': day,
      'nacimiento-month': month,
      'nacimiento-year': year,
    });
    expect(browser.page).toContain(`action="/entrar/codigo?${after}"`);
    await browser.post(`/entrar/codigo?${after}`, { codigo: await lastCode(db()) });
    expect(browser.last?.statusCode).toBe(200);
    expect(browser.page).toContain(WEB.dates.changeTitle);
  });

  it('never sends anyone outside the portal’s own pages', async () => {
    const browser = new PortalClient(app, '10.2.0.9');
    await browser.get(`/entrar?despues=${encodeURIComponent('https://example.com/')}`);
    expect(browser.page).toContain('action="/entrar"');
    await browser.get(`/entrar?despues=${encodeURIComponent('//example.com/citas')}`);
    expect(browser.page).toContain('action="/entrar"');
  });
});

describe('an SMS reply to the proposal', () => {
  const reply = (phone: string, body: string) => {
    const form = { From: `+52${phone}`, Body: body, MessageSid: `SM${phone}${body}` };
    return app.inject({
      method: 'POST',
      url: '/phone/twiml/sms',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(TWILIO_TOKEN, 'http://localhost:80/phone/twiml/sms', form),
      },
      payload: new URLSearchParams(form).toString(),
    });
  };

  it('SI keeps the held time, with the same folio', async () => {
    const { appointment, phone, proposal } = await aClosedAppointment(3);
    const answer = await reply(phone, 'sí');
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain(`Tu folio sigue siendo ${formatFolio(appointment.folio)}`);
    expect(await appointmentNow(appointment.id)).toMatchObject({ slot_id: proposal.slot_id });
  });

  it('NO gives the time back and sends the link to choose another', async () => {
    const { appointment, phone, proposal } = await aClosedAppointment(4);
    const answer = await reply(phone, 'No');
    expect(answer.body).toContain('liberamos el horario apartado');
    expect(answer.body).toContain(`/citas/${appointment.id}/cambiar`);
    expect(await slotStatus(Number(proposal.slot_id))).toBe('free');
  });
});

describe('the rebooking worklist', () => {
  it('shows the held time and lets staff keep it for the person they reached; another unit cannot', async () => {
    const { clinic, appointment, console, proposal } = await aClosedAppointment(5);
    await console.get(`/consola/unidades/${clinic.clues}/reprogramar`);
    expect(console.page).toContain('Horario apartado');
    expect(console.page).toContain('apartado hasta');
    const other = await aClinic(db());
    const stranger = await signedInConsole(app, await aStaffAccount(db(), 'unit_admin', other.clues));
    const refused = await stranger.post(`/consola/citas/${appointment.id}/conservar-propuesta`, {
      propuesta: String(proposal.id),
    });
    expect(refused.statusCode).toBe(403);
    expect(await appointmentNow(appointment.id)).toMatchObject({ needs_rebooking: true });

    await console.post(`/consola/citas/${appointment.id}/conservar-propuesta`, {
      propuesta: String(proposal.id),
    });
    expect(console.last?.statusCode).toBe(200);
    expect(await appointmentNow(appointment.id)).toMatchObject({
      slot_id: proposal.slot_id,
      needs_rebooking: false,
    });
    await console.get(`/consola/unidades/${clinic.clues}/reprogramar`);
    expect(console.page).not.toContain(formatFolio(appointment.folio));
  });
});
