import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../../test/support/factories.js';
import { aHousehold } from '../../../test/support/households.js';
import { PortalClient } from '../../../test/support/web-client.js';
import { bookSlot } from '../../booking/book.js';
import { formatFolio } from '../../booking/folio.js';
import { createStaffAccount, newStaffPassword } from '../../identity/staff-accounts.js';
import { requestCallback } from '../../telephony/callbacks.js';

let database: TestDatabase;
let app: FastifyInstance;
let clinic: TestClinic;
const agents: { id: number; email: string; password: string }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  clinic = await aClinic(database.db, { services: ['medicina_interna'] });
  for (const name of ['Ana', 'Luis']) {
    const password = newStaffPassword();
    const email = `${name.toLowerCase()}@citas.test`;
    const account = await createStaffAccount(database.db, {
      email,
      name: `Asesor ${name}`,
      role: 'agent',
      password,
    });
    agents.push({ id: account.id, email, password });
  }
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function signedIn(which = 0): Promise<PortalClient> {
  const agent = agents[which] as (typeof agents)[number];
  const browser = new PortalClient(app);
  await browser.get('/consola/entrar');
  await browser.post('/consola/entrar', { correo: agent.email, clave: agent.password });
  expect(browser.page).toContain('Buscar a una persona');
  return browser;
}

const auditOf = (subject: number) =>
  database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_kind', 'actor_id', 'result', 'channel'])
    .where('subject_beneficiary_id', '=', subject)
    .orderBy('id')
    .execute();

describe('the agents’ console', () => {
  it('sends a visitor without a session to sign in, and refuses a wrong password', async () => {
    const visitor = new PortalClient(app);
    await visitor.get('/consola');
    expect(visitor.page).toContain('Entrar a la consola');
    await visitor.post('/consola/entrar', { correo: agents[0]?.email ?? '', clave: 'equivocada' });
    expect(visitor.last?.statusCode).toBe(401);
    expect(visitor.page).toContain('El correo o la contraseña no son correctos');
    const staff = await database.db
      .selectFrom('audit_log')
      .select(['result'])
      .where('action', '=', 'staff.sign_in')
      .where('actor_id', '=', String(agents[0]?.id))
      .execute();
    expect(staff.map((s) => s.result)).toContain('refused');
  });

  it('finds a person by CURP, shows eligibility, unit, family and appointments, and books for them', async () => {
    const slots = await freeSlots(database.db, clinic, 4, { pool: 'phone' });
    const family = await aHousehold(database.db, clinic);
    const browser = await signedIn();

    await browser.post('/consola/buscar', { q: family.holder.curp });
    expect(browser.page).toContain('<h1>María Guadalupe Prueba Pérez</h1>');
    expect(browser.page).toContain('Vigente hasta el');
    expect(browser.page).toContain(`Clínica de prueba ${clinic.clues}`);
    expect(browser.page).toContain('Ricardo Prueba Pérez</a> · Cónyuge');
    expect(browser.page).toMatch(/Mateo Prueba Pérez<\/a> · Hijo · <strong[^>]*>Sin vigencia/);
    expect(browser.page).toContain(`value="${slots[0]}" checked autofocus`);

    await browser.get(`/consola/personas/${family.holder.id}/confirmar?horario=${slots[0]}`);
    expect(browser.page).toContain('Revisa la cita antes de confirmar');
    const key = /name="clave" value="([^"]+)"/.exec(browser.page)?.[1] as string;
    const form = { horario: String(slots[0]), clave: key };
    await browser.post(`/consola/personas/${family.holder.id}/citas`, form);
    expect(browser.page).toContain('Cita agendada');
    const booked = await database.db
      .selectFrom('appointments')
      .select(['id', 'folio', 'channel', 'created_by'])
      .where('beneficiary_id', '=', family.holder.id)
      .executeTakeFirstOrThrow();
    expect(booked).toMatchObject({ channel: 'agent', created_by: `staff:${agents[0]?.id}` });
    expect(browser.page).toContain(formatFolio(booked.folio));

    // The same form sent twice (a double click) books once.
    await browser.get(`/consola/personas/${family.holder.id}/confirmar?horario=${slots[0]}`);
    await browser.post(`/consola/personas/${family.holder.id}/citas`, form);
    const count = await database.db
      .selectFrom('appointments')
      .select('id')
      .where('beneficiary_id', '=', family.holder.id)
      .execute();
    expect(count).toHaveLength(1);

    const audit = await auditOf(family.holder.id);
    expect(audit).toContainEqual({
      action: 'beneficiary.read',
      actor_kind: 'staff',
      actor_id: String(agents[0]?.id),
      result: 'ok',
      channel: 'console',
    });
    expect(audit).toContainEqual({
      action: 'appointment.book',
      actor_kind: 'staff',
      actor_id: String(agents[0]?.id),
      result: 'ok',
      channel: 'agent', // the booking channel, recorded by the booking operation itself
    });
  });

  it('lists several matches of a name or phone, first one focused', async () => {
    await aBeneficiary(database.db, clinic, { given_names: 'Hortensia', phone: '5531000001' });
    await aBeneficiary(database.db, clinic, { given_names: 'Hortensia', phone: '5531000002' });
    const browser = await signedIn();
    await browser.post('/consola/buscar', { q: 'hortensia prueba' });
    expect(browser.page).toContain('2 personas encontradas');
    expect(browser.page).toMatch(/<a href="\/consola\/personas\/\d+" autofocus>Hortensia/);
    await browser.post('/consola/buscar', { q: '5531000001' });
    // One match opens the person at once.
    expect(browser.page).toContain('<h1>Hortensia Prueba Pérez</h1>');
    expect(browser.page).toContain('55 3100 0001');
    await browser.post('/consola/buscar', { q: 'x' });
    expect(browser.last?.statusCode).toBe(400);
    expect(browser.page).toContain('Escribe al menos 2 letras o números');
  });

  it('says why a booking is refused and offers the next step', async () => {
    const clinic = await aClinic(database.db);
    const slots = await freeSlots(database.db, clinic, 3, { pool: 'phone' });
    const person = await aBeneficiary(database.db, clinic, { phone: '5531000003' });
    const someoneElse = await aBeneficiary(database.db, clinic, { phone: null });
    const browser = await signedIn();
    await browser.get(`/consola/personas/${person.id}/confirmar?horario=${slots[0]}`);
    const key = /name="clave" value="([^"]+)"/.exec(browser.page)?.[1] as string;
    await bookSlot(
      database.db,
      { curp: someoneElse.curp, slotId: slots[0] as number, channel: 'agent', actor: 'test' },
      new Date(),
    );
    await browser.post(`/consola/personas/${person.id}/citas`, { horario: String(slots[0]), clave: key });
    expect(browser.last?.statusCode).toBe(409);
    expect(browser.page).toContain('Alguien más acaba de apartar ese horario');
    expect(browser.page).toContain(`value="${slots[1]}" checked autofocus`);

    const first = await bookSlot(
      database.db,
      { curp: person.curp, slotId: slots[1] as number, channel: 'agent', actor: 'test' },
      new Date(),
    );
    await browser.get(`/consola/personas/${person.id}/confirmar?horario=${slots[2]}`);
    const again = /name="clave" value="([^"]+)"/.exec(browser.page)?.[1] as string;
    await browser.post(`/consola/personas/${person.id}/citas`, { horario: String(slots[2]), clave: again });
    expect(browser.page).toContain('Ya tiene una cita activa de este servicio');
    expect(browser.link('Ver la cita que ya tiene')).toBe(`/consola/citas/${first.appointment.id}`);
  });

  it('reschedules and cancels on the person’s behalf', async () => {
    const clinic = await aClinic(database.db);
    const slots = await freeSlots(database.db, clinic, 3, { pool: 'phone' });
    const person = await aBeneficiary(database.db, clinic, { phone: '5531000004' });
    const { appointment } = await bookSlot(
      database.db,
      { curp: person.curp, slotId: slots[0] as number, channel: 'agent', actor: 'test' },
      new Date(),
    );
    const browser = await signedIn();
    await browser.get(`/consola/citas/${appointment.id}/cambiar`);
    expect(browser.page).toContain(`value="${slots[1]}" checked autofocus`);
    await browser.post(`/consola/citas/${appointment.id}/cambiar`, { horario: String(slots[2]) });
    expect(browser.page).toContain('Cita cambiada');
    await browser.get(`/consola/citas/${appointment.id}/cancelar`);
    await browser.post(`/consola/citas/${appointment.id}/cancelar`, {
      motivo: 'Pidió cancelar por teléfono',
    });
    expect(browser.page).toContain('Cita cancelada');
    const row = await database.db
      .selectFrom('appointments')
      .select(['status', 'slot_id', 'cancel_reason', 'updated_by'])
      .where('id', '=', appointment.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'cancelled',
      slot_id: slots[2],
      cancel_reason: 'Pidió cancelar por teléfono',
      updated_by: `staff:${agents[0]?.id}`,
    });
    expect((await auditOf(person.id)).map((a) => a.action)).toEqual([
      'appointment.book', // the set-up booking above
      'appointment.read',
      'appointment.reschedule',
      'appointment.read',
      'appointment.read',
      'appointment.cancel',
      'appointment.read',
    ]);
  });

  it('works the call-back list: one agent takes a request, only they close it', async () => {
    const caller = await aBeneficiary(database.db, clinic, { phone: '5531000005' });
    await requestCallback(
      database.db,
      { phone: '5531000005', beneficiaryId: caller.id, callId: 'CA-console', reason: 'busy' },
      new Date(),
    );
    const ana = await signedIn(0);
    const luis = await signedIn(1);
    await ana.get('/consola/llamadas');
    expect(ana.page).toContain('55 3100 0005');
    expect(ana.page).toContain('Línea ocupada');
    expect(ana.page).toMatch(/<button type="submit" class="button button--secondary" autofocus>Tomar/);
    const take = /action="(\/consola\/llamadas\/\d+\/tomar)"/.exec(ana.page)?.[1] as string;
    await luis.get('/consola/llamadas');
    await ana.post(take, {});
    expect(ana.page).toContain('<h1>Rosa Prueba Pérez</h1>'); // taken: straight to the caller's record
    await luis.post(take, {});
    expect(luis.last?.statusCode).toBe(409);
    expect(luis.page).toContain('Esa llamada ya la tomó alguien más');

    await ana.get('/consola/llamadas');
    expect(ana.page).toContain('La atiende Asesor Ana');
    const close = take.replace('tomar', 'cerrar');
    await luis.get('/consola/llamadas');
    await luis.post(close, { resultado: 'done' });
    expect(luis.page).toContain('Esa llamada la atiende otro asesor');
    await ana.post(close, { resultado: 'done' });
    expect(ana.page).not.toContain('55 3100 0005');
  });

  it('refuses a form sent without the session’s token and changes nothing', async () => {
    const slots = await freeSlots(database.db, clinic, 1, { pool: 'phone' });
    const person = await aBeneficiary(database.db, clinic, { phone: '5531000006' });
    const browser = await signedIn();
    await browser.post(
      `/consola/personas/${person.id}/citas`,
      { horario: String(slots[0]), clave: '6f1c1b1e-0000-4000-8000-000000000000' },
      { csrf: false },
    );
    expect(browser.last?.statusCode).toBe(403);
    const none = await database.db
      .selectFrom('appointments')
      .select('id')
      .where('beneficiary_id', '=', person.id)
      .execute();
    expect(none).toEqual([]);
  });
});
