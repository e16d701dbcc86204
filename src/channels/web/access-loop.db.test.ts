import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { aStaffAccount, signedInConsole } from '../../../test/support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../../test/support/factories.js';
import { anOpenOffer } from '../../../test/support/waitlist-offer.js';
import { PortalClient } from '../../../test/support/web-client.js';
import { bookSlot } from '../../booking/book.js';
import { DEVELOPMENT_KEYS } from '../../config.js';
import { signLink } from '../../platform/signed-links.js';
import { offerLink } from '../../waitlist/backfill.js';
import { twilioSignature } from '../phone/verify.js';

let database: TestDatabase;
let app: FastifyInstance;
const linkKey = DEVELOPMENT_KEYS.LINK_SIGNING_KEY;
const publicUrl = 'http://localhost:3000';
const settings = { policy: { offerMinutes: 30, minLeadMinutes: 120, priorityAge: null }, linkKey, publicUrl };
const TWILIO_TOKEN = 't'.repeat(32);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db, { env: { TWILIO_AUTH_TOKEN: TWILIO_TOKEN } });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});
const db = () => database.db;

/** A person waiting at `clinic` who has just been offered a cancelled slot; the offer's link path. */
async function anOffer(clinic: TestClinic) {
  const { person, slotId, offer } = await anOpenOffer(db(), clinic, settings);
  return { person, slotId, path: new URL(offerLink(settings, offer.id, offer.expiresAt)).pathname };
}

/** The weekdays and shift a person's waitlist entry was stored with. */
async function waitWindowOf(beneficiaryId: number) {
  const entry = await db()
    .selectFrom('waitlist_entries')
    .select(['weekdays', 'shift'])
    .where('beneficiary_id', '=', beneficiaryId)
    .executeTakeFirstOrThrow();
  return { weekdays: entry.weekdays?.map(Number) ?? null, shift: entry.shift };
}

describe('the portal waitlist', () => {
  it('offers the waitlist where no slot is left, lists it in Mis citas, and lets the person leave', async () => {
    const clinic = await aClinic(db());
    const person = await aBeneficiary(db(), clinic, { phone: '5533334444' });
    const browser = new PortalClient(app, '10.1.0.1');
    await browser.signIn(db(), person);
    await browser.get(`/cita/fecha?persona=${person.id}&servicio=${clinic.serviceCode}`);
    expect(browser.page).toContain('No hay citas disponibles por internet');
    expect(browser.page).toContain('Avisarme si se libera un lugar');
    // The weekdays the unit opens for the service (the test agenda: Monday to Friday).
    expect(browser.page).toContain('¿Qué días puedes ir?');
    expect(browser.page).toMatch(/type="checkbox" value="1"[^>]*>\s*<label[^>]*>Lunes</);
    expect(browser.page).toContain('>Viernes</label>');
    expect(browser.page).not.toContain('Sábado');
    await browser.post('/lista-de-espera', {
      persona: String(person.id),
      servicio: clinic.serviceCode,
      dias: ['3', '1'],
      turno: 'M',
    });
    expect(browser.page).toContain('Te agregamos a la lista de espera');
    expect(await waitWindowOf(person.id)).toEqual({ weekdays: [1, 3], shift: 'M' });
    expect(browser.page).toContain('Salir de la lista');
    await browser.post('/lista-de-espera/salir', {
      persona: String(person.id),
      servicio: clinic.serviceCode,
    });
    expect(browser.page).toContain('Saliste de la lista de espera');
    expect(browser.page).not.toContain('Salir de la lista');
  });
});

describe('the offer page (no sign-in)', () => {
  it('shows the held appointment, books it with one tap, and refuses the same link afterwards', async () => {
    const clinic = await aClinic(db());
    const { person, slotId, path } = await anOffer(clinic);
    const browser = new PortalClient(app, '10.1.0.2');
    await browser.get(path);
    expect(browser.page).toContain('Tomar esta cita');
    await browser.post(path, { accion: 'tomar' });
    expect(browser.page).toContain('Cita agendada');
    const booked = await db()
      .selectFrom('appointments')
      .select('beneficiary_id')
      .where('slot_id', '=', slotId)
      .where('status', '=', 'booked')
      .execute();
    expect(booked).toEqual([{ beneficiary_id: person.id }]);
    const again = await browser.get(path);
    expect(again.statusCode).toBe(409);
    expect(browser.page).toContain('Este enlace ya se usó');
  });

  it('answers a forged link with a plain Spanish page and its code', async () => {
    const browser = new PortalClient(app, '10.1.0.3');
    const response = await browser.get('/o/offer.1.9999999999.AAAAAAAAAAAAAAAAAAAAAA');
    expect(response.statusCode).toBe(404);
    expect(response.headers['citas-error-code']).toBe('LINK_INVALID');
    expect(browser.page).toContain('Este enlace no es válido');
  });
});

describe('the reminder page (no sign-in)', () => {
  it('cancels with one tap, freeing the slot, and refuses the link when used again', async () => {
    const clinic = await aClinic(db());
    const person = await aBeneficiary(db(), clinic);
    const [slotId] = (await freeSlots(db(), clinic, 1)) as [number];
    const { appointment } = await bookSlot(
      db(),
      { curp: person.curp, slotId, channel: 'web', actor: 'x' },
      new Date(),
    );
    const path = `/r/${signLink(linkKey, 'reminder', appointment.id, appointment.startsAt)}`;
    const browser = new PortalClient(app, '10.1.0.4');
    await browser.get(path);
    expect(browser.page).toContain('¿Vas a ir a tu cita?');
    await browser.post(path, { accion: 'cancelar' });
    expect(browser.page).toContain('Cita cancelada');
    const slot = await db()
      .selectFrom('slots')
      .select('status')
      .where('id', '=', slotId)
      .executeTakeFirstOrThrow();
    expect(slot.status).toBe('free');
    const again = await browser.get(path);
    expect(again.headers['citas-error-code']).toBe('REMINDER_LINK_USED');
  });
});

describe('the inbound SMS webhook', () => {
  const post = (form: Record<string, string>, signature: string) =>
    app.inject({
      method: 'POST',
      url: '/phone/twiml/sms',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      payload: new URLSearchParams(form).toString(),
    });

  it('takes an offer with SI when signed by the gateway, and refuses an unsigned request', async () => {
    const clinic = await aClinic(db());
    const { person, slotId } = await anOffer(clinic);
    const form = { From: '+525511112222', Body: 'Sí', MessageSid: 'SM1' };
    expect((await post(form, 'forged')).statusCode).toBe(403);
    const signed = twilioSignature(TWILIO_TOKEN, 'http://localhost:80/phone/twiml/sms', form);
    const response = await post(form, signed);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<Message>');
    expect(response.body).toContain('es tuya');
    const booked = await db()
      .selectFrom('appointments')
      .select('beneficiary_id')
      .where('slot_id', '=', slotId)
      .where('status', '=', 'booked')
      .execute();
    expect(booked).toEqual([{ beneficiary_id: person.id }]);
  });
});

describe('the console waitlist', () => {
  it('shows a unit its own waitlist and fill rate, audited, and refuses another unit', async () => {
    const clinic = await aClinic(db());
    const other = await aClinic(db());
    await anOffer(clinic);
    const reception = await aStaffAccount(db(), 'reception', clinic.clues);
    const browser = await signedInConsole(app, reception);
    await browser.get(`/consola/unidades/${clinic.clues}/espera`);
    expect(browser.last?.statusCode).toBe(200);
    expect(browser.page).toContain('Tasa de llenado');
    expect(browser.page).toContain('Apartada hasta');
    const audited = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('actor_id', '=', String(reception.id))
      .where('action', '=', 'waitlist.read')
      .execute();
    expect(audited).toHaveLength(1);
    const refused = await browser.get(`/consola/unidades/${other.clues}/espera`);
    expect(refused.statusCode).toBe(403);
  });

  it('shows a person attendance and the confirm-to-keep policy on their page, under an audited read', async () => {
    const clinic = await aClinic(db());
    const person = await aBeneficiary(db(), clinic);
    for (const daysAgo of [9, 3]) {
      const [slotId] = (await freeSlots(db(), clinic, 1, {
        from: new Date(Date.now() - daysAgo * 86_400_000),
      })) as [number];
      const { appointment } = await bookSlot(
        db(),
        { curp: person.curp, slotId, channel: 'web', actor: 'x' },
        new Date(Date.now() - (daysAgo + 1) * 86_400_000),
      );
      await db()
        .updateTable('appointments')
        .set({ status: 'no_show', is_open: false })
        .where('id', '=', appointment.id)
        .execute();
    }
    const reception = await aStaffAccount(db(), 'reception', clinic.clues);
    const browser = await signedInConsole(app, reception);
    await browser.get(`/consola/personas/${person.id}`);
    expect(browser.page).toContain('<h2 id="asistencia">Asistencia</h2>');
    expect(browser.page).toContain('<dt>No asistió</dt><dd>2</dd>');
    expect(browser.page).toContain(
      'Debe confirmar sus citas para conservarlas: faltó a 2 citas en los últimos 180 días.',
    );
    const reads = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('actor_id', '=', String(reception.id))
      .where('subject_beneficiary_id', '=', person.id)
      .execute();
    expect(reads.map((r) => r.action)).toContain('beneficiary.read');
  });

  it('adds a person for the weekdays and shift staff tick', async () => {
    const clinic = await aClinic(db());
    const person = await aBeneficiary(db(), clinic);
    const reception = await aStaffAccount(db(), 'reception', clinic.clues);
    const browser = await signedInConsole(app, reception);
    await browser.get(`/consola/unidades/${clinic.clues}/espera`);
    expect(browser.page).toContain('Días que puede ir');
    expect(browser.page).toContain('>Viernes</label>');
    expect(browser.page).not.toContain('Sábado');
    await browser.post(`/consola/unidades/${clinic.clues}/espera`, {
      curp: person.curp,
      servicio: clinic.serviceCode,
      dias: '5',
      turno: 'V',
    });
    expect(browser.page).toContain('La persona quedó en la lista de espera.');
    expect(browser.page).toContain('vie · vespertino');
    expect(await waitWindowOf(person.id)).toEqual({ weekdays: [5], shift: 'V' });
  });
});
