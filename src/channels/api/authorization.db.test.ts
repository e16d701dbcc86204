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
import { STAFF_ROLES, type StaffRole } from '../../identity/roles.js';

let database: TestDatabase;
let app: FastifyInstance;
let own: TestClinic;
let other: TestClinic;
const tokens = {} as Record<StaffRole, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  own = await aClinic(database.db);
  other = await aClinic(database.db);
  for (const role of STAFF_ROLES) {
    const scoped = role === 'reception' || role === 'unit_admin';
    tokens[role] = await aStaffToken(database.db, role, scoped ? own.clues : null);
  }
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

type Operation = 'read person' | 'book' | 'cancel' | 'close unit';
let closures = 0;

async function attempt(role: StaffRole, operation: Operation, clinic: TestClinic): Promise<number> {
  const headers = bearer(tokens[role]);
  const person = await aBeneficiary(database.db, clinic);
  const [slotId] = await freeSlots(database.db, clinic, 1, { pool: 'phone' });
  if (operation === 'read person') {
    return (await app.inject({ url: `/api/v1/beneficiaries/${person.curp}`, headers })).statusCode;
  }
  if (operation === 'book') {
    const payload = { curp: person.curp, slotId, channel: 'agent' };
    return (await app.inject({ method: 'POST', url: '/api/v1/appointments', headers, payload })).statusCode;
  }
  if (operation === 'cancel') {
    const payload = { curp: person.curp, slotId, channel: 'agent' };
    const booked = await app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: bearer(tokens.national_admin),
      payload,
    });
    const url = `/api/v1/appointments/${booked.json().id}/cancel`;
    return (await app.inject({ method: 'POST', url, headers })).statusCode;
  }
  closures++;
  const day = `2031-01-${String(closures).padStart(2, '0')}`;
  const url = `/api/v1/units/${clinic.clues}/closures`;
  return (await app.inject({ method: 'POST', url, headers, payload: { day, reason: 'Prueba de permisos' } }))
    .statusCode;
}

// Success status per role and operation on the own unit / another unit; anything else must be 403.
const EXPECTED: Record<StaffRole, Record<Operation, [number, number]>> = {
  agent: { 'read person': [200, 200], book: [201, 201], cancel: [200, 200], 'close unit': [403, 403] },
  reception: { 'read person': [200, 403], book: [201, 403], cancel: [200, 403], 'close unit': [403, 403] },
  unit_admin: { 'read person': [200, 403], book: [403, 403], cancel: [200, 403], 'close unit': [201, 403] },
  national_admin: {
    'read person': [200, 200],
    book: [201, 201],
    cancel: [200, 200],
    'close unit': [201, 201],
  },
  auditor: { 'read person': [403, 403], book: [403, 403], cancel: [403, 403], 'close unit': [403, 403] },
};

describe('the role matrix through the API', () => {
  const cases = STAFF_ROLES.flatMap((role) =>
    (Object.keys(EXPECTED[role]) as Operation[]).map((op) => [role, op, ...EXPECTED[role][op]] as const),
  );

  it.each(cases)(
    '%s may %s: own unit → %i, other unit → %i',
    async (role, operation, ownStatus, otherStatus) => {
      expect(await attempt(role, operation, own)).toBe(ownStatus);
      expect(await attempt(role, operation, other)).toBe(otherStatus);
    },
  );
});
