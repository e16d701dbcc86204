import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { aStaffAccount, signedInConsole, type TestStaff } from '../../../test/support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import {
  aBeneficiary,
  aClinic,
  freeSlots,
  type TestClinic,
  type TestPerson,
} from '../../../test/support/factories.js';
import { bookSlot } from '../../booking/book.js';

let database: TestDatabase;
let app: FastifyInstance;
let unitA: TestClinic;
let unitB: TestClinic;
let personB: TestPerson;
let reception: TestStaff;
let unitAdmin: TestStaff;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  unitA = await aClinic(database.db);
  unitB = await aClinic(database.db);
  // The one Adela of unit A the search should find; B's Adela it never should.
  await aBeneficiary(database.db, unitA, { given_names: 'Adela', phone: '5533000001' });
  personB = await aBeneficiary(database.db, unitB, { given_names: 'Adela', phone: '5533000002' });
  reception = await aStaffAccount(database.db, 'reception', unitA.clues);
  unitAdmin = await aStaffAccount(database.db, 'unit_admin', unitA.clues);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const counts = async () => ({
  appointments: Number(
    (
      await database.db
        .selectFrom('appointments')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

const statusOf = async (id: string) =>
  (
    await database.db
      .selectFrom('appointments')
      .select(['status', 'slot_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

const book = async (person: TestPerson, slotId: number) =>
  (await bookSlot(database.db, { curp: person.curp, slotId, channel: 'agent', actor: 'test' }, new Date()))
    .appointment.id;

describe('reception of unit A', () => {
  it('finds only people adscribed to unit A', async () => {
    const browser = await signedInConsole(app, reception);
    await browser.post('/consola/buscar', { q: 'adela prueba' });
    // One match, opened at once: the person of unit A, never B's.
    expect(browser.page).toContain('<h1>Adela Prueba Pérez</h1>');
    expect(browser.page).toContain(unitA.clues);
    await browser.post('/consola/buscar', { q: personB.curp });
    expect(browser.page).toContain('No hay derechohabientes con esos datos');
  });

  it('books a person of unit A at the counter, from the counter’s share', async () => {
    const [counterSlot] = await freeSlots(database.db, unitA, 2, { pool: 'counter' });
    const personA = await aBeneficiary(database.db, unitA, { phone: '5533000003' });
    const browser = await signedInConsole(app, reception);
    await browser.get(`/consola/personas/${personA.id}`);
    expect(browser.page).toContain(`value="${counterSlot}" checked autofocus`);
    await browser.get(`/consola/personas/${personA.id}/confirmar?horario=${counterSlot}`);
    const key = /name="clave" value="([^"]+)"/.exec(browser.page)?.[1] as string;
    await browser.post(`/consola/personas/${personA.id}/citas`, { horario: String(counterSlot), clave: key });
    expect(browser.page).toContain('Cita agendada');
    const booked = await database.db
      .selectFrom('appointments')
      .select(['channel', 'created_by', 'unit_clues'])
      .where('beneficiary_id', '=', personA.id)
      .where('status', '=', 'booked')
      .executeTakeFirstOrThrow();
    expect(booked).toEqual({
      channel: 'counter',
      created_by: `staff:${reception.id}`,
      unit_clues: unitA.clues,
    });
  });

  it('cannot read, book, cancel or reschedule at unit B: 403 and nothing changes', async () => {
    const [slotB1, slotB2] = await freeSlots(database.db, unitB, 2, { pool: 'counter' });
    const [phoneB] = await freeSlots(database.db, unitB, 1, { pool: 'phone' });
    const [phoneA] = await freeSlots(database.db, unitA, 2, { pool: 'phone' });
    const personA = await aBeneficiary(database.db, unitA, { phone: '5533000004' });
    const personB = await aBeneficiary(database.db, unitB, { phone: '5533000005' });
    const appointmentB = await book(personB, phoneB as number);
    const appointmentA = await book(personA, phoneA as number);
    const before = await counts();
    const browser = await signedInConsole(app, reception);

    await browser.get(`/consola/personas/${personB.id}/confirmar?horario=${slotB1}`);
    expect(browser.last?.statusCode).toBe(403);
    expect(browser.page).not.toContain(personB.curp);

    // A form from one of A's pages, with B's person or slot typed in.
    await browser.get(`/consola/personas/${personA.id}`);
    const key = '6f1c1b1e-0000-4000-8000-000000000001';
    await browser.post(`/consola/personas/${personB.id}/citas`, { horario: String(slotB1), clave: key });
    expect(browser.last?.statusCode).toBe(403);
    await browser.get(`/consola/personas/${personA.id}`);
    await browser.post(`/consola/personas/${personA.id}/citas`, { horario: String(slotB2), clave: key });
    expect(browser.last?.statusCode).toBe(403);
    expect(browser.page).toContain('Es de otra unidad');

    await browser.get(`/consola/citas/${appointmentA}`);
    await browser.post(`/consola/citas/${appointmentB}/cancelar`, { motivo: 'intento' });
    expect(browser.last?.statusCode).toBe(403);
    await browser.get(`/consola/citas/${appointmentA}`);
    await browser.post(`/consola/citas/${appointmentB}/cambiar`, { horario: String(slotB2) });
    expect(browser.last?.statusCode).toBe(403);
    // Their own appointment may not be moved to another unit's slot either.
    await browser.get(`/consola/citas/${appointmentA}`);
    await browser.post(`/consola/citas/${appointmentA}/cambiar`, { horario: String(slotB2) });
    expect(browser.last?.statusCode).toBe(403);

    expect(await counts()).toEqual(before);
    expect(await statusOf(appointmentB)).toBe('booked');
    const moved = await database.db
      .selectFrom('appointments')
      .select('slot_id')
      .where('id', '=', appointmentA)
      .executeTakeFirstOrThrow();
    expect(moved.slot_id).toBe(phoneA);

    const refusals = await database.db
      .selectFrom('audit_log')
      .select(['action', 'unit_clues', 'subject_beneficiary_id'])
      .where('actor_kind', '=', 'staff')
      .where('actor_id', '=', String(reception.id))
      .where('result', '=', 'refused')
      .orderBy('id')
      .execute();
    expect(refusals).toEqual([
      { action: 'beneficiary.read', unit_clues: unitB.clues, subject_beneficiary_id: personB.id },
      { action: 'beneficiary.read', unit_clues: unitB.clues, subject_beneficiary_id: personB.id },
      { action: 'appointment.book', unit_clues: unitB.clues, subject_beneficiary_id: personA.id },
      { action: 'appointment.cancel', unit_clues: unitB.clues, subject_beneficiary_id: personB.id },
      { action: 'appointment.reschedule', unit_clues: unitB.clues, subject_beneficiary_id: personB.id },
      { action: 'appointment.reschedule', unit_clues: unitB.clues, subject_beneficiary_id: personA.id },
    ]);
  });
});

describe('unit administration of unit A', () => {
  it('looks a person up and cancels at unit A, but books nowhere', async () => {
    const [slotA, another] = await freeSlots(database.db, unitA, 2, { pool: 'phone' });
    const personA = await aBeneficiary(database.db, unitA, { given_names: 'Adela', phone: '5533000006' });
    const appointment = await book(personA, slotA as number);
    const browser = await signedInConsole(app, unitAdmin);
    await browser.get(`/consola/personas/${personA.id}`);
    expect(browser.page).toContain('<h1>Adela Prueba Pérez</h1>');
    expect(browser.page).not.toContain('Agendar cita');
    await browser.get(`/consola/personas/${personA.id}/confirmar?horario=${another}`);
    expect(browser.last?.statusCode).toBe(403);
    expect(browser.page).toContain('Sin permiso');

    await browser.get(`/consola/citas/${appointment}/cancelar`);
    await browser.post(`/consola/citas/${appointment}/cancelar`, { motivo: 'La unidad cierra ese día' });
    expect(browser.page).toContain('Cita cancelada');
    expect(await statusOf(appointment)).toBe('cancelled');
  });
});
