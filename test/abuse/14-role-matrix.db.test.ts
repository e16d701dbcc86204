// Abuse case 14: the role matrix. Every staff role against every operation, on its own unit and on
// another unit's data, through the API; anything the matrix does not grant is a 403 that changes
// nothing. The same table is proven purely in identity/roles.test.ts, and page by page in the staff
// console in channels/console/roles.db.test.ts.
import { describe, expect, it } from 'vitest';
import { STAFF_ROLES, type StaffRole } from '../../src/identity/roles.js';
import type { TestClinic } from '../support/factories.js';
import { freeSlots } from '../support/factories.js';
import { expectNothingChanged } from '../support/fingerprint.js';
import { aWorld } from './world.js';

const world = aWorld();

type Operation = 'read person' | 'book' | 'cancel' | 'close unit';
let closures = 0;

/** Prepares what the operation needs, then returns the request that performs it. */
async function prepare(role: StaffRole, operation: Operation, clinic: TestClinic) {
  const headers = world.staff[role];
  const person = await world.aPerson(clinic);
  const [slotId] = await freeSlots(world.database.db, clinic, 1, { pool: 'phone' });
  const inject = world.app.inject.bind(world.app);
  switch (operation) {
    case 'read person':
      return () => inject({ url: `/api/v1/beneficiaries/${person.curp}`, headers });
    case 'book':
      return () =>
        inject({
          method: 'POST',
          url: '/api/v1/appointments',
          headers,
          payload: { curp: person.curp, slotId, channel: 'agent' },
        });
    case 'cancel': {
      const appointment = await world.anAppointment(person, clinic);
      return () => inject({ method: 'POST', url: `/api/v1/appointments/${appointment}/cancel`, headers });
    }
    case 'close unit': {
      closures++;
      const payload = { day: `2031-01-${String(closures).padStart(2, '0')}`, reason: 'Prueba de permisos' };
      return () =>
        inject({ method: 'POST', url: `/api/v1/units/${clinic.clues}/closures`, headers, payload });
    }
  }
}

// Success status per role and operation on the own unit / another unit; anything else must be 403.
const EXPECTED: Record<StaffRole, Record<Operation, [number, number]>> = {
  agent: {
    'read person': [200, 200],
    book: [201, 201],
    cancel: [200, 200],
    'close unit': [403, 403],
  },
  reception: {
    'read person': [200, 403],
    book: [201, 403],
    cancel: [200, 403],
    'close unit': [403, 403],
  },
  unit_admin: {
    'read person': [200, 403],
    book: [403, 403],
    cancel: [200, 403],
    'close unit': [201, 403],
  },
  national_admin: {
    'read person': [200, 200],
    book: [201, 201],
    cancel: [200, 200],
    'close unit': [201, 201],
  },
  auditor: {
    'read person': [403, 403],
    book: [403, 403],
    cancel: [403, 403],
    'close unit': [403, 403],
  },
};

describe('the role matrix through the API', () => {
  const cases = STAFF_ROLES.flatMap((role) =>
    (Object.keys(EXPECTED[role]) as Operation[]).map((op) => [role, op, ...EXPECTED[role][op]] as const),
  );

  it.each(cases)('%s may %s: own unit → %i, other unit → %i', async (role, operation, own, other) => {
    for (const [clinic, expected] of [
      [world.clinicA, own],
      [world.clinicB, other],
    ] as const) {
      const request = await prepare(role, operation, clinic);
      const response =
        expected === 403 ? await expectNothingChanged(world.database.db, request) : await request();
      expect(response.statusCode, `${role} ${operation} at ${clinic.clues}`).toBe(expected);
      if (expected === 403) expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
