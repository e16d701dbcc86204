// Abuse case 16: the unit rule (identity/roles.ts mayActOnPerson) across people and places. Staff of
// unit A act only on people adscribed to A and only at A: a person of B at A's slot, or a person of
// A at B's slot, is refused (403, nothing changes) for every operation, through the API and through
// the console alike; national roles act everywhere their role allows. The service needs no
// adscription, so nothing but the unit rule stands between a cross-unit request and a booking.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSlot } from '../../src/booking/book.js';
import type { StaffRole } from '../../src/identity/roles.js';
import { bearer, testApp } from '../support/app.js';
import { aStaffAccount, signedInConsole } from '../support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { aBeneficiary, aClinic, aStaffToken, freeSlots, type TestClinic } from '../support/factories.js';

const SERVICE = 'medicina_preventiva';
let database: TestDatabase;
let app: FastifyInstance;
const units: Record<'A' | 'B', TestClinic> = {} as never;
let phones = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  units.A = await aClinic(database.db, { serviceCode: SERVICE });
  units.B = await aClinic(database.db, { serviceCode: SERVICE });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

type Unit = 'A' | 'B';
type Operation = 'book' | 'read' | 'cancel' | 'reschedule';
const OPERATIONS: Operation[] = ['book', 'read', 'cancel', 'reschedule'];
const COMBINATIONS: [Unit, Unit][] = [
  ['A', 'A'],
  ['B', 'A'],
  ['A', 'B'],
  ['B', 'B'],
];

/** Whether the role (unit-scoped ones on A) may do the operation for a person of `person` at `place`. */
function allowed(role: StaffRole, operation: Operation, person: Unit, place: Unit): boolean {
  if (role === 'unit_admin' && operation === 'book') return false;
  if (role === 'reception' || role === 'unit_admin') return person === 'A' && place === 'A';
  return true;
}

async function aPerson(unit: Unit) {
  return aBeneficiary(database.db, units[unit], { phone: `56${String(10_000_000 + ++phones).slice(-8)}` });
}

async function anAppointment(person: { curp: string }, place: Unit) {
  const [slotId] = await freeSlots(database.db, units[place], 1, { pool: 'phone' });
  const booked = await bookSlot(
    database.db,
    { curp: person.curp, slotId: slotId as number, channel: 'agent', actor: 'test' },
    new Date(),
  );
  return booked.appointment.id;
}

/** What the person's appointments look like: unchanged means the request did nothing. */
const appointmentsOf = (personId: number) =>
  database.db
    .selectFrom('appointments')
    .select(['id', 'status', 'slot_id'])
    .where('beneficiary_id', '=', personId)
    .orderBy('id')
    .execute();

/** Builds what `operation` needs for a person of `person` at `place` and returns how to perform it. */
async function scenario(operation: Operation, person: Unit, place: Unit) {
  const who = await aPerson(person);
  const appointment = operation === 'book' ? null : await anAppointment(who, place);
  const [slotId, counterSlot] = [
    ...(await freeSlots(database.db, units[place], 1, { pool: 'phone' })),
    ...(await freeSlots(database.db, units[place], 1, { pool: 'counter' })),
  ];
  return { who, appointment, slotId: slotId as number, counterSlot: counterSlot as number };
}

describe('the unit rule through the API', () => {
  const roles: StaffRole[] = ['reception', 'unit_admin', 'agent'];
  for (const role of roles) {
    for (const operation of OPERATIONS) {
      for (const [person, place] of COMBINATIONS) {
        const expected = allowed(role, operation, person, place);
        it(`${role === 'agent' ? 'a national agent' : `${role} of A`}: ${operation} a person of ${person} at ${place} → ${expected ? 'done' : '403'}`, async () => {
          const token = await aStaffToken(database.db, role, role === 'agent' ? null : units.A.clues);
          const headers = bearer(token);
          const { who, appointment, slotId } = await scenario(operation, person, place);
          const before = await appointmentsOf(who.id);
          const request = {
            book: {
              method: 'POST',
              url: '/api/v1/appointments',
              payload: { curp: who.curp, slotId, channel: 'agent' },
            },
            read: { method: 'GET', url: `/api/v1/appointments/${appointment}` },
            cancel: { method: 'POST', url: `/api/v1/appointments/${appointment}/cancel` },
            reschedule: {
              method: 'POST',
              url: `/api/v1/appointments/${appointment}/reschedule`,
              payload: { slotId },
            },
          }[operation] as { method: 'GET' | 'POST'; url: string; payload?: object };
          const response = await app.inject({ ...request, headers });
          if (expected) {
            expect(response.statusCode).toBe(operation === 'book' ? 201 : 200);
          } else {
            expect(response.statusCode).toBe(403);
            expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
            expect(response.body).not.toContain(who.curp);
            expect(await appointmentsOf(who.id)).toEqual(before);
          }
        });
      }
    }
  }
});

describe('the unit rule through the console', () => {
  // National roles are proven through the API above; the console's own guards are the unit's.
  for (const role of ['reception'] as StaffRole[]) {
    for (const operation of OPERATIONS) {
      for (const [person, place] of COMBINATIONS) {
        const expected = allowed(role, operation, person, place);
        it(`${role === 'agent' ? 'a national agent' : `${role} of A`}: ${operation} a person of ${person} at ${place} → ${expected ? 'done' : '403'}`, async () => {
          const staff = await aStaffAccount(database.db, role, role === 'agent' ? null : units.A.clues);
          const { who, appointment, slotId, counterSlot } = await scenario(operation, person, place);
          const browser = await signedInConsole(app, staff);
          const before = await appointmentsOf(who.id);
          // Forms posted with the session's token, as a page of the console would.
          await browser.get('/consola');
          const booked = role === 'reception' ? counterSlot : slotId;
          if (operation === 'book') {
            const key = '6f1c1b1e-0000-4000-8000-0000000000aa';
            await browser.post(`/consola/personas/${who.id}/citas`, { horario: String(booked), clave: key });
          } else if (operation === 'read') {
            await browser.get(`/consola/citas/${appointment}`);
          } else if (operation === 'cancel') {
            await browser.post(`/consola/citas/${appointment}/cancelar`, { motivo: 'prueba' });
          } else {
            await browser.post(`/consola/citas/${appointment}/cambiar`, { horario: String(booked) });
          }
          if (expected) {
            expect(browser.last?.statusCode).toBe(200);
            if (operation !== 'read') expect(await appointmentsOf(who.id)).not.toEqual(before);
          } else {
            expect(browser.last?.statusCode).toBe(403);
            expect(browser.page).not.toContain(who.curp);
            expect(await appointmentsOf(who.id)).toEqual(before);
          }
        });
      }
    }
  }
});
